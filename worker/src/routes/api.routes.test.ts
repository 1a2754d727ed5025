import { type PrefixSet, type RangeBucket, type SignedEnvelope, verifyEnvelope } from "@xinbiao/db/model";
import { anchor, hashShop } from "@xinbiao/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(() => t.cleanup());

const get = (path: string, init?: RequestInit) => t.app.request(path, init);
// biome-ignore lint/suspicious/noExplicitAny: response bodies are asserted field by field
const json = (res: Response): Promise<any> => res.json();

async function envelopeOf(key: string): Promise<SignedEnvelope> {
  const res = await get(`/api/v1/merchants/${anchor(key).uscc}`);
  expect(res.status).toBe(200);
  return (await json(res)) as SignedEnvelope;
}

describe("GET /api/v1/merchants/{uscc}", () => {
  it("serves a signed record that verifies with the published key", async () => {
    const env = await envelopeOf("trusted");
    expect(env.record).toMatchObject({
      uscc: anchor("trusted").uscc,
      name: "无锡禾沐岫电子商务有限公司",
      verdict: "trusted",
      region: { brand: { zh: "信用江苏" } },
      grade: { level: "A", source: "official" },
    });
    const keys = await json(await get("/.well-known/xinbiao-keys.json"));
    expect(await verifyEnvelope(env, keys, TEST_NOW)).toEqual({ ok: true });
    const tampered = { ...env, record: { ...env.record, verdict: "danger" as const } };
    expect(await verifyEnvelope(tampered, keys, TEST_NOW)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it.each([
    ["trusted", "trusted"],
    ["normal", "normal"],
    ["blacklisted", "danger"],
    ["revoked", "danger"],
    ["watchlisted", "warning"],
    ["overdue", "warning"],
    ["abnormal", "warning"],
    ["stale", "caution"],
    ["natural_person", "normal"],
  ])("%s merchant → verdict %s", async (key, verdict) => {
    expect((await envelopeOf(key)).record.verdict).toBe(verdict);
  });

  it("marks an overdue rectification (listed + 3 months passed)", async () => {
    const env = await envelopeOf("overdue");
    expect(env.record.lists[0]).toMatchObject({ list: "watch", status: "overdue" });
    expect(env.record.reasons.map((r) => r.code)).toContain("rectification_overdue");
  });

  it("never shows expired or repaired entries", async () => {
    const env = await envelopeOf("expired_entry");
    expect(env.record.lists).toEqual([]);
    expect(JSON.stringify(env)).not.toContain("制假售假");
  });

  it("masks natural persons and never leaks ID numbers, phones or home addresses", async () => {
    const env = await envelopeOf("natural_person");
    const body = JSON.stringify(env);
    expect(env.record.name).toBe("张*");
    expect(env.record.license.legalRepresentative).toBe("张*");
    expect(env.record.license.status).toBe("exempt");
    expect(env.record.license.exemptionStatement).toContain("电子商务法");
    expect(body).not.toContain("张三");
    expect(body).not.toContain("320583199001011234");
    expect(body).not.toContain("13700001111");
    expect(body).not.toContain("和平路");
    const rep = await envelopeOf("overdue");
    expect(rep.record.license.legalRepresentative).toBe("欧阳**");
  });

  it("answers 400 naming the problem for a malformed code", async () => {
    const bad = await get("/api/v1/merchants/91320214745555318X");
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({
      error: { code: "invalid_uscc", field: "uscc", details: { expected: "W", got: "X" } },
    });
    const short = await json(await get("/api/v1/merchants/913202"));
    expect(short.error.message).toContain("18");
    const letter = await json(await get("/api/v1/merchants/91320214745O55318W"));
    expect(letter.error.message).toContain("第 12 位");
  });

  it("serves a pilot code that fails its check only because the registry has it", async () => {
    const pilot = anchor("pilot");
    const res = await get(`/api/v1/merchants/${pilot.uscc}`);
    expect(res.status).toBe(200);
    expect(((await json(res)) as SignedEnvelope).record.pilotCode).toBe(true);
  });

  it("answers 404 not_found for an unknown merchant", async () => {
    const res = await get("/api/v1/merchants/91110000600037341L");
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ error: { code: "not_found" } });
  });

  it("supports ETag / 304 and HEAD", async () => {
    const first = await get(`/api/v1/merchants/${anchor("normal").uscc}`);
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    expect(first.headers.get("cache-control")).toContain("s-maxage");
    const again = await get(`/api/v1/merchants/${anchor("normal").uscc}`, {
      headers: { "If-None-Match": etag! },
    });
    expect(again.status).toBe(304);
    const head = await get(`/api/v1/merchants/${anchor("normal").uscc}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });
});

describe("GET /api/v1/shops/{platform}/{shopId}", () => {
  it("returns the shop and its merchant's envelope", async () => {
    const res = await get("/api/v1/shops/jd/1000003");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.shop).toMatchObject({ platform: "jd", shopId: "1000003" });
    expect(body.record.verdict).toBe("danger");
    expect(body.record.lists[0].category).toBe("刷单炒信");
  });
  it("lists the supported platforms for an unknown one", async () => {
    const res = await get("/api/v1/shops/amazon/1");
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error).toMatchObject({ code: "unknown_platform", field: "platform" });
    expect(body.error.message).toContain("taobao");
  });
  it("answers 404 for an unknown shop and 400 for a malformed id", async () => {
    expect((await get("/api/v1/shops/jd/999999999")).status).toBe(404);
    const bad = await get(`/api/v1/shops/jd/${encodeURIComponent("../etc")}`);
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.field).toBe("shopId");
  });
});

describe("GET /api/v1/search", () => {
  it("finds by name substring with verdict, brand and grade", async () => {
    const body = await json(await get(`/api/v1/search?q=${encodeURIComponent("禾沐岫")}`));
    expect(body.total).toBe(1);
    expect(body.results[0]).toMatchObject({ verdict: "trusted", brand: { zh: "信用江苏" }, grade: "A" });
  });
  it("finds by exact and prefix code", async () => {
    const u = anchor("blacklisted").uscc;
    expect((await json(await get(`/api/v1/search?q=${u.toLowerCase()}`))).results[0].uscc).toBe(u);
    const prefix = await json(await get(`/api/v1/search?q=${u.slice(0, 8)}`));
    expect(prefix.results.map((r: { uscc: string }) => r.uscc)).toContain(u);
  });
  it("caps the page at 50 and treats LIKE wildcards literally", async () => {
    expect((await get("/api/v1/search?q=%E5%85%AC&limit=51")).status).toBe(400);
    const page = await json(await get("/api/v1/search?q=%E5%85%AC%E5%8F%B8&limit=50"));
    expect(page.results.length).toBeLessThanOrEqual(50);
    expect(page.total).toBeGreaterThan(page.results.length - 1);
    expect((await json(await get("/api/v1/search?q=%25"))).total).toBe(0);
  });
  it("explains an empty query", async () => {
    const res = await get("/api/v1/search?q=");
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatchObject({ code: "invalid_parameter", field: "q" });
  });
});

describe("GET /api/v1/range/{prefix} (k-anonymity, DESIGN §6)", () => {
  it("returns every shop in the bucket with full hashes, and no shop ids", async () => {
    const hash = hashShop("taobao", "100003");
    const res = await get(`/api/v1/range/${hash.slice(0, 4)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("public");
    expect(res.headers.get("etag")).toBeTruthy();
    const bucket = (await json(res)) as RangeBucket;
    const mine = bucket.shops.find((s) => s.hash === hash);
    expect(mine?.record).toMatchObject({ verdict: "danger", brand: { zh: "信用江西" } });
    for (const s of bucket.shops) expect(s.hash.startsWith(hash.slice(0, 4))).toBe(true);
    expect(JSON.stringify(bucket)).not.toContain("100003");
  });
  it("is stable for unchanged data (same ETag twice)", async () => {
    const p = hashShop("jd", "1000001").slice(0, 4);
    const a = await get(`/api/v1/range/${p}`);
    const b = await get(`/api/v1/range/${p}`);
    expect(a.headers.get("etag")).toBe(b.headers.get("etag"));
  });
  it("rejects a bad prefix", async () => {
    for (const p of ["abc", "abcde", "zzzz"]) {
      const res = await get(`/api/v1/range/${p}`);
      expect(res.status).toBe(400);
      expect((await json(res)).error.field).toBe("prefix");
    }
  });
});

describe("GET /api/v1/lists/prefixes", () => {
  it("holds the black and watch shops and nothing expired", async () => {
    const set = (await json(await get("/api/v1/lists/prefixes"))) as PrefixSet;
    expect(set.prefixLength).toBe(8);
    expect(set.black).toContain(hashShop("taobao", "100003").slice(0, 8));
    expect(set.watch).toContain(hashShop("jd", "1000004").slice(0, 8));
    expect(set.black).not.toContain(hashShop("jd", "1000009").slice(0, 8));
    expect(set.black).not.toContain(hashShop("taobao", "100001").slice(0, 8));
    expect(set.version).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("service metadata and errors", () => {
  it("publishes Ed25519 keys as a JWK set", async () => {
    const keys = await json(await get("/.well-known/xinbiao-keys.json"));
    expect(keys.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519" });
    expect(keys.keys[0].d).toBeUndefined();
  });
  it("reports health", async () => {
    expect(await json(await get("/healthz"))).toMatchObject({ ok: true, demo: true });
  });
  it("generates OpenAPI from the zod schemas", async () => {
    const doc = await json(await get("/api/v1/openapi.json"));
    expect(doc.openapi).toBe("3.1.0");
    const prefix = doc.paths["/api/v1/range/{prefix}"].get.parameters[0];
    expect(prefix.schema.pattern).toBe("^[0-9a-fA-F]{4}$");
  });
  it("answers unknown paths with the JSON error shape, never HTML", async () => {
    const res = await get("/api/v1/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await json(res)).toMatchObject({ error: { code: "not_found" } });
  });
  it("gives a browser the HTML 404 page with the search box on an unknown page", async () => {
    const res = await get("/no-such-page", { headers: { Accept: "text/html,application/xhtml+xml" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("没有这个页面");
    expect(html).toContain('name="q"');
    const api = await get("/api/v1/no-such", { headers: { Accept: "text/html" } });
    expect(api.headers.get("content-type")).toContain("application/json");
  });

  it("allows any origin to read the public API", async () => {
    const res = await get("/api/v1/lists/prefixes", { headers: { Origin: "https://shop.example" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });
});
