/**
 * SVG badges: the escaping builder, CJK-aware widths, one committed snapshot per style × state
 * (× language), the route's headers and errors, the size budget, and agreement with the API record.
 */
import { gzipSync } from "node:zlib";
import type { PublicRecord } from "@xinbiao/db/model";
import { badgeMisuse } from "@xinbiao/db/schema";
import { anchor } from "@xinbiao/db/seed";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_NAME, HOSTILE_USCC, insertHostileMerchant } from "../embed/fixtures/hostile-merchant.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { stateText } from "./labels.ts";
import { el, escapeXml } from "./svg.ts";
import { textWidth } from "./text-width.ts";

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp({ demoMerchants: 20 });
  await insertHostileMerchant(t.db, TEST_NOW, ["https://mall.jd.com"]);
});
afterAll(() => t.cleanup());

/** The texts a badge draws, in order (what a sighted reader sees). */
function drawn(svg: string): string[] {
  return [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

async function apiRecord(uscc: string): Promise<PublicRecord> {
  const res = await t.app.request(`/api/v1/merchants/${uscc}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { record: PublicRecord }).record;
}

const STATES = {
  trusted: "trusted",
  normal: "normal",
  caution: "stale",
  warning: "watchlisted",
  warning_overdue: "overdue",
  warning_abnormal: "abnormal",
  danger: "blacklisted",
  danger_revoked: "revoked",
} as const;

describe("el (the escaping SVG builder)", () => {
  it("escapes text and attribute values, so data never becomes markup", () => {
    const out = el("text", { "aria-label": `"><script>` }, `<img src=x onerror=alert(1)>&'`).markup;
    expect(out).toBe(
      '<text aria-label="&quot;&gt;&lt;script&gt;">&lt;img src=x onerror=alert(1)&gt;&amp;&#39;</text>',
    );
  });
  it("drops characters XML forbids and refuses markup in names", () => {
    expect(escapeXml("a\u0000b\u0007c\uFFFEd")).toBe("abcd");
    expect(() => el("svg onload=x", {})).toThrow(/invalid SVG element name/);
    expect(() => el("g", { "x onload": "1" })).toThrow(/invalid SVG attribute name/);
  });
});

describe("text width", () => {
  it("measures CJK as full-width (1 em per character) and Latin per character", () => {
    expect(textWidth("信用江苏", 12)).toBe(48);
    expect(textWidth("（）", 10)).toBe(20);
    expect(textWidth("iiii", 10)).toBeLessThan(textWidth("WWWW", 10));
    expect(textWidth("Credit Jiangsu", 12)).toBeGreaterThan(70);
    expect(textWidth("\u202E", 12)).toBe(0.7 * 12);
  });
});

describe("GET /badge/{uscc}.svg", () => {
  for (const [state, key] of Object.entries(STATES)) {
    for (const style of ["flat", "large"] as const) {
      for (const lang of ["zh", "en"] as const) {
        it(`${state} · ${style} · ${lang} matches its committed snapshot`, async () => {
          const res = await t.app.request(`/badge/${anchor(key).uscc}.svg?style=${style}&lang=${lang}`);
          expect(res.status).toBe(200);
          const svg = await res.text();
          await expect(svg).toMatchFileSnapshot(`__snapshots__/${state}-${style}-${lang}.svg`);
        });
      }
    }
  }

  it("unknown merchant → grey 信标未收录 / Not in Xinbiao, never naming 信用中国, never a safe one", async () => {
    const unknown = "91110000600037341L"; // valid code, not in the test database
    const zh = await t.app.request(`/badge/${unknown}.svg`);
    expect(zh.status).toBe(200);
    expect(zh.headers.get("x-xinbiao-state")).toBe("unknown");
    const svg = await zh.text();
    // Drawn text: the one text element says 信标未收录 (issue 13 item 8: it said 信用中国 ? 未收录).
    expect(drawn(svg)).toEqual(["信标未收录"]);
    expect(svg).not.toMatch(/信用中国|信用北京|Credit China/);
    expect(svg).toContain('fill="#5f6b76"');
    await expect(svg).toMatchFileSnapshot("__snapshots__/unknown-flat-zh.svg");
    const en = await (await t.app.request(`/badge/${unknown}.svg?style=large&lang=en`)).text();
    expect(drawn(en)).toEqual(["Not in Xinbiao"]);
    expect(en).not.toMatch(/Credit China|信用中国/);
    await expect(en).toMatchFileSnapshot("__snapshots__/unknown-large-en.svg");
  });

  it("a revoked or cancelled license reads 执照已吊销 / 执照已注销, never 失信 (red, but not a 黑名单)", async () => {
    const revoked = await apiRecord(anchor("revoked").uscc);
    expect(revoked.license.status).toBe("revoked");
    expect(revoked.lists.some((e) => e.list === "black")).toBe(false);
    const svg = await (await t.app.request(`/badge/${revoked.uscc}.svg`)).text();
    expect(drawn(svg)).toContain("执照已吊销");
    expect(svg).not.toContain("失信");
    expect(svg).toContain('fill="#c4161c"');
    const en = await (await t.app.request(`/badge/${revoked.uscc}.svg?lang=en`)).text();
    expect(drawn(en)).toContain("License revoked");
    expect(en).not.toMatch(/\(danger\)|dishonest/);
    // A blacklisted merchant is still 失信.
    const black = await (await t.app.request(`/badge/${anchor("blacklisted").uscc}.svg`)).text();
    expect(black).toContain("（失信）");
  });

  it("is 信标's badge, with the regional brand only as the data source (issue 14)", async () => {
    const r = await apiRecord(anchor("trusted").uscc);
    const svg = await (await t.app.request(`/badge/${r.uscc}.svg`)).text();
    expect(drawn(svg)).toEqual(["信标", stateText(r, "zh"), `数据来源：${r.region.brand.zh}`]);
    expect(svg).toMatch(/aria-label="信标信用标识：/);
    const en = await (await t.app.request(`/badge/${r.uscc}.svg?lang=en`)).text();
    expect(drawn(en)).toEqual(["Xinbiao", stateText(r, "en"), `Data: ${r.region.brand.en}`]);
  });

  it("is accessible: role=img, aria-label and <title> carry the same words", async () => {
    const svg = await (await t.app.request(`/badge/${anchor("blacklisted").uscc}.svg`)).text();
    const label = svg.match(/aria-label="([^"]*)"/)?.[1];
    expect(svg).toContain('role="img"');
    expect(label).toBe(
      "信标信用标识：瑞昌栖榉数码科技有限公司 — 黑名单 · 刷单炒信（失信）；数据来源：信用江西",
    );
    expect(svg).toContain(`<title>${label}</title>`);
  });

  it("agrees with GET /api/v1/merchants/{uscc} for every demo state (brand, words, verdict)", async () => {
    for (const key of Object.values(STATES)) {
      const r = await apiRecord(anchor(key).uscc);
      for (const lang of ["zh", "en"] as const) {
        const res = await t.app.request(`/badge/${r.uscc}.svg?lang=${lang}`);
        expect(res.headers.get("x-xinbiao-state")).toBe(r.verdict);
        const svg = await res.text();
        const brand = lang === "en" ? r.region.brand.en : r.region.brand.zh;
        expect(svg).toContain(`>${lang === "en" ? "Data: " : "数据来源："}${brand}</text>`);
        expect(svg).toContain(`>${stateText(r, lang).replaceAll("&", "&amp;")}</text>`);
      }
    }
  });

  it("stays within 1 KB gzipped in every state and style", async () => {
    for (const key of [...Object.values(STATES), "natural_person", "pilot"]) {
      for (const q of ["", "?style=large&lang=en"]) {
        const body = await (await t.app.request(`/badge/${anchor(key).uscc}.svg${q}`)).text();
        expect(gzipSync(body).length, `${key}${q}`).toBeLessThanOrEqual(1024);
      }
    }
  });

  it("renders a hostile merchant name inert: escaped, no bidi controls, no foreign elements", async () => {
    const svg = await (await t.app.request(`/badge/${HOSTILE_USCC}.svg`)).text();
    expect(svg).not.toContain("<img");
    expect(svg).toContain("&lt;img src=x onerror=alert(1)&gt;&quot;&#39;");
    expect(svg).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    const tags = new Set([...svg.matchAll(/<\/?([a-zA-Z]+)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(["g", "path", "rect", "svg", "text", "title"]);
    expect(HOSTILE_NAME).toContain("\u202E");
  });

  it("sends cache, type and safety headers, and answers 304 to a matching ETag", async () => {
    const url = `/badge/${anchor("trusted").uscc}.svg`;
    const res = await t.app.request(url);
    expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
    expect(res.headers.get("cache-control")).toMatch(/s-maxage=\d+/);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const etag = res.headers.get("etag")!;
    expect(etag).toBeTruthy();
    const again = await t.app.request(url, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
  });
});

describe("GET /badge/{platform}/{shopId}.svg", () => {
  it("shows the shop's merchant, and 信标未收录 for a shop we do not have", async () => {
    const ok = await t.app.request("/badge/jd/1000003.svg");
    expect(ok.headers.get("x-xinbiao-state")).toBe("danger");
    expect(await ok.text()).toContain("黑名单 · 刷单炒信");
    const none = await t.app.request("/badge/jd/999999999.svg?style=large");
    expect(none.status).toBe(200);
    expect(none.headers.get("x-xinbiao-state")).toBe("unknown");
    expect(drawn(await none.text())).toEqual(["信标未收录"]);
  });
});

describe("the image badge is bound to the shop's registered origins (issue 19, like the script badge)", () => {
  const misuse = (platform: string, shopId: string, origin: string) =>
    t.db
      .select()
      .from(badgeMisuse)
      .where(
        and(
          eq(badgeMisuse.platform, platform),
          eq(badgeMisuse.shopId, shopId),
          eq(badgeMisuse.origin, origin),
        ),
      )
      .get();

  it("on a site the platform did not register: 未在本站登记, the merchant named, the view counted", async () => {
    const r = await apiRecord(anchor("trusted").uscc);
    const copy = "https://copycat.example";
    for (const n of [1, 2]) {
      const res = await t.app.request("/badge/jd/1000001.svg", { headers: { Referer: `${copy}/shop?x=1` } });
      expect(res.status).toBe(200);
      expect(res.headers.get("x-xinbiao-state")).toBe("unregistered");
      expect(res.headers.get("cache-control")).toBe("no-store");
      const svg = await res.text();
      expect(drawn(svg)).toEqual(["信标", "未在本站登记"]);
      expect(svg).not.toContain("#1a7f37"); // never green where it does not belong
      expect(svg).toContain(`<title>信标信用标识：${r.name} — 未在本站登记。`);
      expect((await misuse("jd", "1000001", copy))?.count).toBe(n);
    }
  });

  it("on a registered origin, on our own site, and without a Referer: the record", async () => {
    for (const headers of [
      { Referer: "https://mall.jd.com/index-1000001.html" },
      { Referer: "http://localhost/m/91320214MA1XB7Q031" },
      {},
    ] as Record<string, string>[]) {
      const res = await t.app.request("/badge/jd/1000001.svg", { headers });
      expect(res.headers.get("x-xinbiao-state"), JSON.stringify(headers)).toBe("trusted");
      expect(res.headers.get("vary")).toContain("Referer");
    }
  });

  it("a {uscc} badge is bound to the origins of all the merchant's shops (misuse under platform uscc)", async () => {
    const { uscc } = anchor("blacklisted");
    const copy = "https://other.example";
    const res = await t.app.request(`/badge/${uscc}.svg?lang=en`, { headers: { Referer: `${copy}/` } });
    expect(res.headers.get("x-xinbiao-state")).toBe("unregistered");
    expect(drawn(await res.text())).toEqual(["Xinbiao", "Not registered here"]);
    expect((await misuse("uscc", uscc, copy))?.count).toBe(1);
    const ok = await t.app.request(`/badge/${uscc}.svg`, { headers: { Referer: "https://mall.jd.com/x" } });
    expect(ok.headers.get("x-xinbiao-state")).toBe("danger");
    // A merchant we do not hold has nothing to misuse: 信标未收录, wherever it is shown.
    const unknown = await t.app.request("/badge/91110000600037341L.svg", {
      headers: { Referer: `${copy}/` },
    });
    expect(unknown.headers.get("x-xinbiao-state")).toBe("unknown");
  });
});

describe("bad input answers 400 with an error badge (an SVG, shields-style) that says what is wrong", () => {
  const cases: [string, string, RegExp, string][] = [
    ["/badge/123.svg", "uscc", /18 位/, "代码无效"],
    ["/badge/91320214MA1XB7Q0X0.svg", "uscc", /校验|check/, "代码无效"],
    [`/badge/${anchor("trusted").uscc}.svg?style=round`, "style", /flat、large/, "标识地址有误"],
    [`/badge/${anchor("trusted").uscc}.svg?lang=fr`, "lang", /zh 或 en/, "标识地址有误"],
    ["/badge/ebay/1.svg", "platform", /不支持的平台「ebay」/, "不支持的平台"],
    ["/badge/jd/a%20b.svg", "shopId", /店铺编号只能包含/, "标识地址有误"],
    ["/badge/jd/1.svg?style=round", "style", /flat、large/, "标识地址有误"],
  ];
  for (const [url, field, message, word] of cases) {
    it(`${url} → 400 (${field}), an SVG saying ${word}`, async () => {
      const res = await t.app.request(url);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("image/svg+xml; charset=utf-8");
      const err = res.headers.get("x-xinbiao-error")!;
      expect(err).toContain(`field=${field}`);
      expect(decodeURIComponent(err.split("message=")[1]!)).toMatch(message);
      const svg = await res.text();
      expect(drawn(svg)).toEqual(["信标", word]);
      expect(svg).toContain('fill="#5f6b76"');
      expect(svg).toMatch(/<title>信标信用标识：.+。.+<\/title>/);
    });
  }
  it("answers in English when lang=en was valid, and in the asked style", async () => {
    const res = await t.app.request("/badge/123.svg?lang=en&style=large");
    const svg = await res.text();
    expect(drawn(svg)).toEqual(["Xinbiao", "Invalid code"]);
    expect(svg).toContain('height="32"');
    await expect(svg).toMatchFileSnapshot("__snapshots__/invalid-large-en.svg");
  });
});
