/**
 * Server-rendered pages: each verdict's record page agrees with GET /api/v1/merchants/{uscc}; warning
 * box, objection state, last audit, masking, language negotiation, demo banner, headers (CSP, Vary,
 * ETag/304), the 404/400 pages and the search window — all against a real libSQL file.
 */
import type { PublicRecord, SignedEnvelope } from "@xinbiao/db/model";
import { auditResults, listEntries, objections } from "@xinbiao/db/schema";
import { anchor } from "@xinbiao/db/seed";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.ts";
import { stateText } from "../badge/labels.ts";
import { HOSTILE_USCC, insertHostileMerchant } from "../embed/fixtures/hostile-merchant.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp({ demoMerchants: 20 });
  await insertHostileMerchant(t.db, TEST_NOW, []);
});
afterAll(() => t.cleanup());

async function html(path: string, init?: RequestInit) {
  const res = await t.app.request(path, init);
  return { res, body: await res.text() };
}
async function apiRecord(uscc: string): Promise<PublicRecord> {
  return ((await (await t.app.request(`/api/v1/merchants/${uscc}`)).json()) as SignedEnvelope).record;
}
/** hono/jsx escapes text the way HTML needs it. */
const esc = (s: string) =>
  s
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");

const VERDICT_ANCHORS = {
  trusted: ["trusted"],
  normal: ["normal", "natural_person", "pilot"],
  caution: ["stale"],
  warning: ["watchlisted", "overdue", "abnormal"],
  danger: ["blacklisted", "revoked"],
} as const;

describe("/m/{uscc}", () => {
  for (const [verdict, keys] of Object.entries(VERDICT_ANCHORS)) {
    for (const key of keys) {
      it(`${key}: shows the ${verdict} record exactly as the API serves it`, async () => {
        const r = await apiRecord(anchor(key).uscc);
        expect(r.verdict).toBe(verdict);
        const { res, body } = await html(`/m/${r.uscc}`);
        expect(res.status).toBe(200);
        for (const text of [
          r.name,
          r.uscc,
          r.license.authority,
          r.region.brand.zh,
          stateText(r, "zh"),
          ...(r.license.legalRepresentative ? [r.license.legalRepresentative] : []),
          ...(r.license.address ? [r.license.address] : []),
          ...r.lists.flatMap((e) => [e.documentNo, e.listedAt, e.rectifyBy ?? "—"]),
          ...r.permits.map((p) => p.number),
          ...(r.grade ? [r.grade.scheme, ...r.grade.factors] : []),
          ...r.sources.map((s) => s.title),
        ]) {
          expect(body, text).toContain(esc(text));
        }
        expect(body).toContain(`chip tone-${verdict}`);
        const alert = verdict === "warning" || verdict === "danger";
        expect(body.includes('role="alert"'), "warning box").toBe(alert);
        if (alert) for (const reason of r.reasons) expect(body).toContain(esc(reason.zh));
        expect(body).toContain(`href="${esc(r.links.creditChina)}"`);
        expect(body).toContain(`href="${esc(r.links.report12315)}"`);
        expect(body).toContain('href="https://www.gsxt.gov.cn/index.html"');
      });
    }
  }

  it("masks natural persons (the record already is) and shows the exemption statement", async () => {
    const a = anchor("natural_person");
    const { body } = await html(`/m/${a.uscc}`);
    expect(body).toContain("张*");
    expect(body).not.toContain("张三");
    expect(body).not.toContain(a.idNumber!);
    expect(body).not.toContain(a.phone!);
    expect(body).toContain("电子商务法");
  });

  it("shows 异议处理中 while an objection is open, on the page and the badge", async () => {
    const a = anchor("watchlisted");
    const entry = await t.db.select().from(listEntries).where(eq(listEntries.uscc, a.uscc)).get();
    await t.db.insert(objections).values({
      entryId: entry!.id,
      uscc: a.uscc,
      contact: "private@example.com",
      reason: "处罚已撤销",
      status: "accepted", // only an accepted (受理) objection shows 异议处理中
      filedAt: "2026-11-20T02:00:00.000Z",
      acceptBy: "2026-11-24",
    });
    const { body } = await html(`/m/${a.uscc}`);
    expect(body).toContain("异议处理中");
    expect(body).not.toContain("private@example.com");
    const svg = await (await t.app.request(`/badge/${a.uscc}.svg`)).text();
    expect(svg).toContain("重点关注 · 虚假宣传 · 异议处理中");
  });

  it("shows the last audit's date and outcome (public summary only)", async () => {
    const a = anchor("normal");
    await t.db.insert(auditResults).values([
      {
        platform: "taobao",
        shopId: "100002",
        uscc: a.uscc,
        url: "https://shop100002.taobao.com/",
        outcome: "non_compliant",
        checks: [{ secret: "evidence detail" }],
        auditedAt: "2026-10-01T02:00:00.000Z",
        auditor: "auditor-7",
      },
      {
        platform: "jd",
        shopId: "1000002",
        uscc: a.uscc,
        url: "https://mall.jd.com/index-1000002.html",
        outcome: "compliant",
        checks: [],
        auditedAt: "2026-11-20T02:30:00.000Z",
        auditor: "auditor-7",
      },
    ]);
    const { body } = await html(`/m/${a.uscc}`);
    expect(body).toContain("2026-11-20 10:30 （北京时间）");
    expect(body).toContain("亮照合规");
    expect(body).not.toContain("亮照不合规");
    expect(body).not.toContain("auditor-7");
    expect(body).not.toContain("evidence detail");
  });

  it("renders a hostile name inert: escaped, isolated in <bdi>, no markup from data", async () => {
    const { body } = await html(`/m/${HOSTILE_USCC}`);
    expect(body).not.toContain("<img src=x");
    expect(body).not.toContain("<script>alert");
    expect(body).not.toContain("<svg onload");
    expect(body).toContain('<bdi class="name">&lt;img src=x onerror=alert(1)&gt;&quot;&#39;');
  });

  it("unknown code → 404 page with the search box; malformed code → 400 saying what is wrong", async () => {
    const unknown = await html("/m/91110000600037341L");
    expect(unknown.res.status).toBe(404);
    expect(unknown.res.headers.get("content-type")).toContain("text/html");
    expect(unknown.body).toContain("未收录代码为 91110000600037341L 的经营者");
    expect(unknown.body).toContain('<input id="q" name="q" type="search" value="91110000600037341L"');
    const short = await html("/m/9132");
    expect(short.res.status).toBe(400);
    expect(short.body).toContain("统一社会信用代码「9132」有误：统一社会信用代码应为 18 位，实际为 4 位");
    const check = await html("/m/91320214MA1XB7Q0X0?lang=en");
    expect(check.res.status).toBe(400);
    expect(check.body).toMatch(/is malformed: .*check/i);
  });
});

describe("language, banner and headers", () => {
  it("defaults to zh-CN, switches with ?lang=en or Accept-Language, and says Vary", async () => {
    const uscc = anchor("blacklisted").uscc;
    const zh = await html(`/m/${uscc}`);
    expect(zh.body).toContain('<html lang="zh-CN">');
    expect(zh.body).toContain("失信警示");
    expect(zh.res.headers.get("vary")).toContain("Accept-Language");
    expect(zh.res.headers.get("content-language")).toBe("zh-CN");
    const en = await html(`/m/${uscc}?lang=en`);
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain("Blacklist · fake orders/reviews");
    const negotiated = await html(`/m/${uscc}`, {
      headers: { "Accept-Language": "en-US,en;q=0.9,zh;q=0.5" },
    });
    expect(negotiated.body).toContain('<html lang="en">');
    const zhFirst = await html(`/m/${uscc}`, { headers: { "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8" } });
    expect(zhFirst.body).toContain('<html lang="zh-CN">');
  });

  it("shows the 演示数据 / demo data banner only on a demo instance", async () => {
    expect((await html("/")).body).toContain("演示数据 / demo data");
    const live = createApp({ ...t.deps, demo: false });
    expect(await (await live.request("/")).text()).not.toContain("演示数据");
  });

  it("sends a CSP without inline script or style, cache headers, and 304 on a matching ETag", async () => {
    for (const path of ["/", "/method", `/m/${anchor("trusted").uscc}`, "/?q=%E6%97%A0%E9%94%A1"]) {
      const { res } = await html(path);
      const csp = res.headers.get("content-security-policy")!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(res.headers.get("cache-control")).toMatch(/s-maxage=\d+/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      const again = await t.app.request(path, { headers: { "If-None-Match": res.headers.get("etag")! } });
      expect(again.status).toBe(304);
    }
    const platforms = await html("/platforms");
    expect(platforms.res.headers.get("content-security-policy")).toContain("script-src 'self'");
  });
});

describe("/ (search window)", () => {
  it("finds by name and by code, with verdict, brand and grade in words", async () => {
    const { body } = await html("/?q=%E6%97%A0%E9%94%A1%E7%A6%BE"); // 无锡禾
    expect(body).toContain("共 1 条结果");
    expect(body).toContain("无锡禾沐岫电子商务有限公司");
    expect(body).toContain("信用江苏 · 红名单 · A级 · 已核验");
    const byCode = await html(`/?q=${anchor("revoked").uscc}`);
    expect(byCode.body).toContain("常州砚溪食品有限公司");
    expect(byCode.body).toContain("执照已吊销");
  });

  it("never finds a natural person by name (PIPL), only by code", async () => {
    const a = anchor("natural_person");
    expect((await html(`/?q=${encodeURIComponent(a.name)}`)).body).toContain("共 0 条结果");
    expect((await html(`/?q=${a.uscc}`)).body).toContain("共 1 条结果");
  });

  it("refuses a query over 100 characters and a bad offset, saying why", async () => {
    const long = await html(`/?q=${"好".repeat(101)}`);
    expect(long.res.status).toBe(400);
    expect(long.body).toContain("查询词过长（最多 100 字）");
    const off = await html("/?q=a&offset=-5");
    expect(off.res.status).toBe(400);
    expect(off.body).toContain("翻页参数 offset 应为 0 到 10000 的整数，收到「-5」");
  });

  it("masks an ID number typed into the box when echoing it", async () => {
    // A valid GB 11643 number (check character 2); the guard checks the MOD 11-2 character.
    const { body } = await html("/?q=320583199001011232");
    expect(body).not.toContain("320583199001011232");
  });
});

describe("/s/{platform}/{shopId}, /method, /platforms", () => {
  it("redirects a shop's badge link to its merchant's record", async () => {
    const res = await t.app.request("/s/jd/1000003?lang=en");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/m/${anchor("blacklisted").uscc}?lang=en`);
    expect((await t.app.request("/s/jd/424242")).status).toBe(404);
    expect((await t.app.request("/s/ebay/1")).status).toBe(400);
  });

  it("publishes the versioned method from the rule tables", async () => {
    const { body } = await html("/method");
    expect(body).toContain("xinbiao-computed-v1");
    expect(body).toContain("verdict-v1");
    expect(body).toContain("3 个月内整改到位");
    // 失信 is the 黑名单's word; the revoked/cancelled row shows the license's own word (issue 13 item 8).
    const rows = [...body.matchAll(/<li><span class="chip tone-danger">[\s\S]*?<\/li>/g)].map((m) => m[0]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain("失信");
    expect(rows[1]).toContain("执照已吊销");
    expect(rows[1]).not.toMatch(/chip tone-danger"><span aria-hidden="true">✕ <\/span>失信/);
  });

  it("documents the embed snippet, the <img> fallback and the CSP a partner needs", async () => {
    const { body } = await html("/platforms");
    expect(body).toContain("/embed.js&quot; data-platform=&quot;jd&quot; data-shop=&quot;1000001&quot;");
    expect(body).toContain("/badge/jd/1000001.svg");
    expect(body).toContain("script-src https://xinbiao.test; connect-src https://xinbiao.test");
    expect(body).toContain('<script defer="" src="/embed.js" data-platform="jd" data-shop="1000001"');
    expect(body).toContain('<script defer="" src="/embed.js" data-platform="jd" data-shop="1000003"');
  });
});
