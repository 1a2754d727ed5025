/**
 * The embed script and its data endpoint: the committed build is current, within 4 KB gzipped, free of
 * eval/innerHTML; origin binding answers "unregistered" off the registered origins and counts misuse;
 * bad input is refused with the field named and nothing written; the record agrees with the API.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { SignedEnvelope } from "@xinbiao/db/model";
import { badgeMisuse } from "@xinbiao/db/schema";
import { anchor } from "@xinbiao/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmbedAnswer } from "../routes/embed.routes.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { buildEmbed } from "./build-embed.ts";
import { EMBED_JS } from "./embed.generated.ts";
import { HOSTILE_NAME, HOSTILE_SHOP, insertHostileMerchant } from "./fixtures/hostile-merchant.ts";
import { parseOrigin } from "./origin-binding.ts";

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp({ demoMerchants: 20 });
  await insertHostileMerchant(t.db, TEST_NOW, ["https://mall.jd.com"]);
});
afterAll(() => t.cleanup());

const misuseRows = () => t.db.select().from(badgeMisuse).orderBy(badgeMisuse.origin).all();

async function embed(path: string, init?: RequestInit) {
  const res = await t.app.request(path, init);
  return { res, body: (await res.json()) as EmbedAnswer & { error?: { field?: string; message: string } } };
}

describe("/embed.js", () => {
  it("is the current build of embed-client.ts (run `npm run build:embed` after editing it)", async () => {
    expect(EMBED_JS).toBe(await buildEmbed());
  });

  it("stays within 4 KB gzipped", () => {
    expect(gzipSync(EMBED_JS).length).toBeLessThanOrEqual(4096);
  });

  it("never uses eval, Function, innerHTML, outerHTML, insertAdjacentHTML or document.write", () => {
    const source = readFileSync(join(import.meta.dirname, "embed-client.ts"), "utf8").replace(
      /\/\*[\s\S]*?\*\//g,
      "",
    );
    for (const text of [EMBED_JS, source]) {
      expect(text).not.toMatch(
        /\beval\(|new Function|innerHTML|outerHTML|insertAdjacentHTML|document\.write/,
      );
    }
  });

  it("is served as JavaScript, cacheable by shared caches, loadable cross-origin, with ETag/304", async () => {
    const res = await t.app.request("/embed.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toMatch(/s-maxage=86400/);
    expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    expect(await res.text()).toBe(EMBED_JS);
    const again = await t.app.request("/embed.js", {
      headers: { "If-None-Match": res.headers.get("etag")! },
    });
    expect(again.status).toBe(304);
  });
});

describe("GET /embed/v1/… (origin binding, DESIGN §6)", () => {
  it("on a registered origin answers the same signed record as GET /api/v1/merchants/{uscc}", async () => {
    const a = anchor("trusted");
    const { res, body } = await embed("/embed/v1/shop/jd/1000001?origin=https%3A%2F%2Fmall.jd.com");
    expect(res.status).toBe(200);
    expect(res.headers.get("vary")).toContain("Origin");
    expect(res.headers.get("cache-control")).toMatch(/s-maxage=/);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(body.state).toBe("ok");
    const api = (await (await t.app.request(`/api/v1/merchants/${a.uscc}`)).json()) as SignedEnvelope;
    if (body.state !== "ok") throw new Error("expected ok");
    expect(body.envelope.record).toEqual(api.record);
    expect(body.envelope.keyId).toBe(api.keyId);
    expect(body.page).toBe(api.record.links.page);
  });

  it("off the registered origins answers unregistered, is not cached, and counts each view", async () => {
    const before = await misuseRows();
    const first = await embed("/embed/v1/shop/jd/1000001?origin=https%3A%2F%2Fcopycat.example");
    expect(first.body.state).toBe("unregistered");
    expect(first.body).not.toHaveProperty("envelope");
    expect(first.res.headers.get("cache-control")).toBe("no-store");
    await embed("/embed/v1/shop/jd/1000001?origin=https%3A%2F%2Fcopycat.example");
    const rows = (await misuseRows()).filter(
      (r) => !before.some((b) => b.origin === r.origin && b.shopId === r.shopId),
    );
    expect(rows).toEqual([
      {
        platform: "jd",
        shopId: "1000001",
        origin: "https://copycat.example",
        count: 2,
        firstSeen: TEST_NOW.toISOString(),
        lastSeen: TEST_NOW.toISOString(),
      },
    ]);
  });

  it("believes the browser's Origin header over the query parameter", async () => {
    const { body } = await embed("/embed/v1/shop/jd/1000001?origin=https%3A%2F%2Fmall.jd.com", {
      headers: { Origin: "https://spoof.example" },
    });
    expect(body.state).toBe("unregistered");
    expect((await misuseRows()).some((r) => r.origin === "https://spoof.example")).toBe(true);
  });

  it("binds a data-uscc badge to the origins of all the merchant's shops", async () => {
    const a = anchor("blacklisted");
    const ok = await embed(`/embed/v1/merchant/${a.uscc}?origin=https%3A%2F%2Fmall.jd.com`);
    expect(ok.body.state).toBe("ok");
    const bad = await embed(`/embed/v1/merchant/${a.uscc}?origin=https%3A%2F%2Fother.example`);
    expect(bad.body.state).toBe("unregistered");
    const row = (await misuseRows()).find((r) => r.origin === "https://other.example");
    expect(row).toMatchObject({ platform: "uscc", shopId: a.uscc, count: 1 });
  });

  it("answers not_listed for a shop we do not have, and records nothing", async () => {
    const before = await misuseRows();
    const { res, body } = await embed("/embed/v1/shop/jd/424242?origin=https%3A%2F%2Fcopycat.example");
    expect(res.status).toBe(200);
    expect(body).toEqual({ state: "not_listed", brand: { zh: "信用中国", en: "Credit China" }, page: null });
    expect(await misuseRows()).toEqual(before);
  });

  it("carries a hostile name as data only (the script writes it as a text node)", async () => {
    const { body } = await embed(
      `/embed/v1/shop/${HOSTILE_SHOP.platform}/${HOSTILE_SHOP.shopId}?origin=https%3A%2F%2Fmall.jd.com`,
    );
    if (body.state !== "ok") throw new Error("expected ok");
    // Markup stays as data; bidi controls are dropped by the public-output guard (pii-guard.ts: an RLO
    // could make reversed digits read as a phone number past the detector).
    expect(body.envelope.record.name).toBe(HOSTILE_NAME.replace(/[\u202A-\u202E\u2066-\u2069]/g, ""));
  });

  const bad: [string, string, RegExp, RequestInit?][] = [
    ["/embed/v1/shop/jd/1000001", "origin", /缺少页面来源/],
    ["/embed/v1/shop/jd/1000001?origin=mall.jd.com", "origin", /页面来源格式不正确/],
    ["/embed/v1/shop/jd/1000001?origin=javascript%3Aalert(1)", "origin", /页面来源格式不正确/],
    ["/embed/v1/shop/jd/1000001?origin=https%3A%2F%2Fmall.jd.com%2Fpath", "origin", /页面来源格式不正确/],
    ["/embed/v1/shop/ebay/1?origin=https%3A%2F%2Fmall.jd.com", "platform", /不支持的平台/],
    ["/embed/v1/shop/jd/a%3Cb?origin=https%3A%2F%2Fmall.jd.com", "shopId", /店铺编号只能包含/],
    ["/embed/v1/merchant/12345?origin=https%3A%2F%2Fmall.jd.com", "uscc", /18 位/],
  ];
  for (const [url, field, message, init] of bad) {
    it(`refuses ${url} (400, ${field}) and writes nothing`, async () => {
      const before = await misuseRows();
      const { res, body } = await embed(url, init);
      expect(res.status).toBe(400);
      expect(body.error?.field).toBe(field);
      expect(body.error?.message).toMatch(message);
      expect(await misuseRows()).toEqual(before);
    });
  }

  it("parses origins as browsers serialise them", () => {
    expect(parseOrigin("https://mall.jd.com")).toBe("https://mall.jd.com");
    expect(parseOrigin("http://127.0.0.1:8787")).toBe("http://127.0.0.1:8787");
    expect(parseOrigin("null")).toBe("null");
    expect(parseOrigin("https://mall.jd.com/")).toBeNull();
    expect(parseOrigin("ftp://x.example")).toBeNull();
  });
});
