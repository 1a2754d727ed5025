import {
  type CompactRecord,
  createSigner,
  generateSigningKey,
  type PrefixSet,
  publicJwk,
  type RangeBucket,
  rangePrefix,
  shopHash,
  signedPayload,
} from "@xinbiao/db/model";
import { SIGNED_KINDS, signData } from "@xinbiao/db/model/signed-data";
import { beforeEach, describe, expect, it } from "vitest";
import { type KeyValue, Lookup, PREFIX_TTL_MS, RANGE_TTL_MS } from "./lookup.ts";

const USCC = "91320214745555318W";

function memoryKv(): KeyValue & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    get: async <T>(k: string) => structuredClone(data.get(k)) as T | undefined,
    set: async (k, v) => void data.set(k, structuredClone(v)),
    removePrefix: async (p) => {
      for (const k of [...data.keys()]) if (k.startsWith(p)) data.delete(k);
    },
  };
}

const record = (over: Partial<CompactRecord> = {}): CompactRecord => ({
  uscc: USCC,
  name: "无锡测试有限公司",
  verdict: "normal",
  brand: { id: "jiangsu", zh: "信用江苏", en: "Credit Jiangsu" },
  licenseStatus: "active",
  verified: true,
  grade: "B",
  lists: [],
  reasons: [{ code: "no_issue", zh: "未见失信信息", en: "no adverse record" }],
  updatedAt: "2026-11-01T00:00:00.000Z",
  ...over,
});

/**
 * A stand-in for the service's HTTP surface in unit tests only (the browser tests use the real
 * service). It records every URL asked for, which is what the privacy assertions read.
 */
async function fakeService(clock: () => number) {
  const key = await generateSigningKey();
  const signer = await createSigner(key);
  const state = {
    up: true,
    /** Serve buckets and prefix sets as the service does (signed), or tampered with in transit. */
    tamper: null as null | ((body: { sig?: unknown }) => unknown),
    /** How long a signed copy is good (the service: until the next Shanghai midnight). */
    validMs: 86_400_000,
    requests: [] as string[],
    buckets: new Map<string, RangeBucket>(),
    prefixes: { version: "1", prefixLength: 8, generatedAt: "", black: [], watch: [] } as PrefixSet,
    envelopes: new Map<string, unknown>(),
    keys: { keys: [publicJwk(key)] },
  };
  const fetch = (async (input: string | URL | Request) => {
    const url = String(input);
    state.requests.push(url);
    if (!state.up) throw new TypeError("Failed to fetch");
    const path = new URL(url).pathname;
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    const issued = new Date(clock()).toISOString();
    const until = new Date(clock() + state.validMs).toISOString();
    const signed = async (kind: (typeof SIGNED_KINDS)[keyof typeof SIGNED_KINDS], data: object) => {
      const body = await signData(signer, kind, structuredClone(data), issued, until);
      return state.tamper ? state.tamper(body) : body;
    };
    let m = /^\/api\/v1\/range\/([0-9a-f]{4})$/.exec(path);
    if (m)
      return json(
        await signed(
          SIGNED_KINDS.rangeBucket,
          state.buckets.get(m[1]!) ?? { prefix: m[1], generatedAt: "", shops: [] },
        ),
      );
    if (path === "/api/v1/lists/prefixes") return json(await signed(SIGNED_KINDS.prefixSet, state.prefixes));
    if (path === "/.well-known/xinbiao-keys.json") return json(state.keys);
    m = /^\/api\/v1\/merchants\/(\w+)$/.exec(path);
    if (m)
      return state.envelopes.has(m[1]!)
        ? json(state.envelopes.get(m[1]!))
        : json({ error: "not_found" }, 404);
    return json({ error: "not_found" }, 404);
  }) as typeof globalThis.fetch;
  async function addShop(platform: string, shopId: string, rec: CompactRecord) {
    const hash = await shopHash(platform, shopId);
    const p = rangePrefix(hash);
    const b = state.buckets.get(p) ?? { prefix: p, generatedAt: "", shops: [] };
    b.shops.push({ hash, record: rec });
    state.buckets.set(p, b);
    return hash;
  }
  async function sign(rec: unknown, now: number) {
    const env = {
      record: rec,
      issuedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 86_400_000).toISOString(),
    };
    return { ...env, keyId: signer.keyId, signature: await signer.sign(signedPayload(env)) };
  }
  return { state, fetch, addShop, sign };
}

describe("Lookup", () => {
  let now: number;
  let kv: ReturnType<typeof memoryKv>;
  let svc: Awaited<ReturnType<typeof fakeService>>;
  let lookup: Lookup;

  beforeEach(async () => {
    now = Date.parse("2026-11-20T10:00:00Z");
    kv = memoryKv();
    svc = await fakeService(() => now);
    lookup = new Lookup({ fetch: svc.fetch, kv, now: () => now, serviceUrl: async () => "http://svc.test" });
  });

  it("finds a shop by asking only for its 4-hex range and matching locally", async () => {
    await svc.addShop("taobao", "100001", record({ verdict: "trusted" }));
    const r = await lookup.lookup({ platform: "taobao", shopId: "100001" });
    expect(r.state).toBe("found");
    if (r.state === "found") expect(r.record.verdict).toBe("trusted");
    const prefix = rangePrefix(await shopHash("taobao", "100001"));
    for (const u of svc.state.requests) {
      expect(u).not.toContain("100001");
      expect(u).not.toContain("taobao");
      expect(new URL(u).pathname).toMatch(
        /^(\/api\/v1\/(range\/[0-9a-f]{4}|lists\/prefixes)|\/\.well-known\/xinbiao-keys\.json)$/,
      );
    }
    expect(svc.state.requests).toContain(`http://svc.test/api/v1/range/${prefix}`);
  });

  it("says unknown (never safe) for a shop that is not in its bucket", async () => {
    await svc.addShop("taobao", "100001", record());
    expect((await lookup.lookup({ platform: "taobao", shopId: "999999" })).state).toBe("unknown");
  });

  it("keeps taobao and tmall ids apart", async () => {
    await svc.addShop("tmall", "100003", record({ verdict: "danger" }));
    expect((await lookup.lookup({ platform: "taobao", shopId: "100003" })).state).toBe("unknown");
    expect((await lookup.lookup({ platform: "tmall", shopId: "100003" })).state).toBe("found");
  });

  it("serves a bucket from the cache within its TTL, refetches after it", async () => {
    await svc.addShop("jd", "1000001", record());
    const shop = { platform: "jd" as const, shopId: "1000001" };
    await lookup.lookup(shop);
    const ranges = () => svc.state.requests.filter((u) => u.includes("/range/")).length;
    expect(ranges()).toBe(1);
    now += RANGE_TTL_MS - 1000;
    await lookup.lookup(shop);
    expect(ranges()).toBe(1);
    now += 2000;
    await lookup.lookup(shop);
    expect(ranges()).toBe(2);
  });

  it("labels an old cached bucket stale when the service is unreachable", async () => {
    await svc.addShop("jd", "1000002", record());
    const shop = { platform: "jd" as const, shopId: "1000002" };
    await lookup.lookup(shop);
    svc.state.up = false;
    now += RANGE_TTL_MS + 60_000;
    const r = await lookup.lookup(shop);
    expect(r).toMatchObject({ state: "found", stale: true });
  });

  it("warns from the local prefix set when offline and nothing is cached", async () => {
    const hash = await shopHash("pinduoduo", "100003");
    svc.state.prefixes = { ...svc.state.prefixes, black: [hash.slice(0, 8)] };
    await lookup.refreshPrefixSet(true);
    svc.state.up = false;
    expect(await lookup.peek({ platform: "pinduoduo", shopId: "100003" })).toMatchObject({
      state: "listed",
      list: "black",
    });
    expect(await lookup.lookup({ platform: "pinduoduo", shopId: "100003" })).toMatchObject({
      state: "listed",
      list: "black",
    });
    expect(await lookup.lookup({ platform: "pinduoduo", shopId: "100002" })).toMatchObject({
      state: "error",
    });
  });

  it("refreshes the prefix set at most hourly", async () => {
    await lookup.refreshPrefixSet();
    await lookup.refreshPrefixSet();
    const count = () => svc.state.requests.filter((u) => u.endsWith("/lists/prefixes")).length;
    expect(count()).toBe(1);
    now += PREFIX_TTL_MS + 1;
    await lookup.refreshPrefixSet();
    expect(count()).toBe(2);
  });

  it("does not reuse a cache filled from another service", async () => {
    let service = "http://svc.test";
    lookup = new Lookup({ fetch: svc.fetch, kv, now: () => now, serviceUrl: async () => service });
    await svc.addShop("taobao", "100001", record());
    await lookup.lookup({ platform: "taobao", shopId: "100001" });
    service = "http://other.test";
    svc.state.up = false;
    expect(await lookup.peek({ platform: "taobao", shopId: "100001" })).toBeNull();
  });

  it("remembers a dismissal for the rest of the day only", async () => {
    await svc.addShop("taobao", "100003", record({ verdict: "danger" }));
    const shop = { platform: "taobao" as const, shopId: "100003" };
    await lookup.dismiss(shop);
    expect((await lookup.lookup(shop)).dismissedToday).toBe(true);
    now += 24 * 3600_000;
    expect((await lookup.lookup(shop)).dismissedToday).toBe(false);
    // The dismissal is stored under the hash, never the shop id.
    expect([...kv.data.keys()].some((k) => k.includes("100003"))).toBe(false);
  });

  it("verifies a full record's signature and rejects a changed byte", async () => {
    const rec = { uscc: USCC, name: "无锡测试有限公司", verdict: "normal" };
    const env = await svc.sign(rec, now);
    svc.state.envelopes.set(USCC, env);
    const ok = await lookup.record(USCC);
    expect(ok.ok).toBe(true);

    svc.state.envelopes.set(USCC, { ...env, record: { ...rec, name: "无锡测试有限公司 " } });
    expect(await lookup.record(USCC)).toEqual({ ok: false, reason: "bad_signature" });

    svc.state.envelopes.set(USCC, { ...env, expiresAt: new Date(now + 9e9).toISOString() });
    expect(await lookup.record(USCC)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("rejects an expired envelope and a record for another merchant", async () => {
    const old = await svc.sign({ uscc: USCC }, now - 3 * 86_400_000);
    svc.state.envelopes.set(USCC, old);
    expect(await lookup.record(USCC)).toEqual({ ok: false, reason: "expired" });
    svc.state.envelopes.set(USCC, await svc.sign({ uscc: "91110000600037341L" }, now));
    expect(await lookup.record(USCC)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refetches the key set once when the signing key is unknown (rotation)", async () => {
    svc.state.envelopes.set(USCC, await svc.sign({ uscc: USCC }, now));
    const realKeys = svc.state.keys;
    svc.state.keys = { keys: [] };
    await lookup.record(USCC); // caches the empty set
    svc.state.keys = realKeys;
    expect((await lookup.record(USCC)).ok).toBe(true);
  });

  it("does not ask for a code that fails the GB 32100 check", async () => {
    expect(await lookup.record("91320214745555318X")).toEqual({ ok: false, reason: "not_found" });
    expect(svc.state.requests).toEqual([]);
  });

  it("a bucket edited in transit (a warning turned green) is not used; the prefix set still warns", async () => {
    const hash = await svc.addShop("taobao", "100003", record({ verdict: "danger" }));
    svc.state.prefixes = { ...svc.state.prefixes, black: [hash.slice(0, 8)] };
    await lookup.refreshPrefixSet(true);
    svc.state.tamper = (body) => {
      const b = body as RangeBucket;
      for (const s of b.shops ?? []) s.record = { ...s.record, verdict: "trusted", lists: [] };
      return b;
    };
    expect(await lookup.lookup({ platform: "taobao", shopId: "100003" })).toMatchObject({
      state: "listed",
      list: "black",
    });
  });

  it("an unsigned bucket or one signed by an unknown key is not used", async () => {
    await svc.addShop("jd", "1000003", record({ verdict: "danger" }));
    svc.state.tamper = (body) => {
      const { sig: _sig, ...rest } = body;
      return rest;
    };
    expect((await lookup.lookup({ platform: "jd", shopId: "1000003" })).state).toBe("error");
    const other = await createSigner(await generateSigningKey());
    svc.state.tamper = (body) => ({ ...body, sig: { ...(body.sig as object), keyId: other.keyId } });
    expect((await lookup.lookup({ platform: "jd", shopId: "1000003" })).state).toBe("error");
  });

  it("a prefix set with an entry removed is refused; the verified one stays", async () => {
    const hash = await shopHash("pinduoduo", "100003");
    svc.state.prefixes = { ...svc.state.prefixes, black: [hash.slice(0, 8)] };
    await lookup.refreshPrefixSet(true);
    svc.state.tamper = (body) => ({ ...body, black: [] });
    await lookup.refreshPrefixSet(true);
    svc.state.up = false;
    expect(await lookup.peek({ platform: "pinduoduo", shopId: "100003" })).toMatchObject({ state: "listed" });
  });

  it("an older signed copy than the one held is a rollback and is refused", async () => {
    const hash = await shopHash("pinduoduo", "100003");
    svc.state.prefixes = { ...svc.state.prefixes, black: [hash.slice(0, 8)] };
    await lookup.refreshPrefixSet(true);
    // A relay replays a set signed an hour earlier, before the entry existed.
    const empty = { ...svc.state.prefixes, black: [] };
    const before = now;
    now -= 3600_000;
    const replay = await (await svc.fetch("http://svc.test/api/v1/lists/prefixes")).json();
    now = before;
    svc.state.prefixes = empty;
    svc.state.tamper = () => ({ ...replay, black: [] });
    await lookup.refreshPrefixSet(true);
    svc.state.up = false;
    expect(await lookup.peek({ platform: "pinduoduo", shopId: "100003" })).toMatchObject({ state: "listed" });
  });

  it("a cached bucket past its signed expiry is fetched again, and labelled stale offline", async () => {
    svc.state.validMs = 3600_000;
    await svc.addShop("jd", "1000004", record());
    const shop = { platform: "jd" as const, shopId: "1000004" };
    await lookup.lookup(shop);
    const ranges = () => svc.state.requests.filter((u) => u.includes("/range/")).length;
    now += 2 * 3600_000; // within the 6 h TTL, past the signed expiry
    await lookup.lookup(shop);
    expect(ranges()).toBe(2);
    now += 2 * 3600_000;
    svc.state.up = false;
    expect(await lookup.lookup(shop)).toMatchObject({ state: "found", stale: true });
  });

  it("clears every cache on request", async () => {
    await svc.addShop("taobao", "100001", record());
    await lookup.lookup({ platform: "taobao", shopId: "100001" });
    await lookup.refreshPrefixSet();
    expect(kv.data.size).toBeGreaterThan(0);
    await lookup.clear();
    expect(kv.data.size).toBe(0);
  });
});
