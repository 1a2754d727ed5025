/**
 * Signed range buckets and prefix set (issue 14): what the service sends verifies with its published
 * key set; an edited copy (a warning turned green, an entry dropped from the prefix set), a copy past
 * its expiry, or one signature passed off as another kind does not.
 */
import type { KeySet, PrefixSet, RangeBucket } from "@xinbiao/db/model";
import { SIGNED_KINDS, type Signed, verifyData } from "@xinbiao/db/model/signed-data";
import { hashShop } from "@xinbiao/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { nextShanghaiMidnight } from "./signed-range.ts";

let t: TestApp;
let keys: KeySet;
beforeAll(async () => {
  t = await openTestApp();
  keys = (await (await t.app.request("/.well-known/xinbiao-keys.json")).json()) as KeySet;
});
afterAll(() => t.cleanup());

const bucketOf = async (platform: string, shopId: string) => {
  const hash = hashShop(platform, shopId);
  const res = await t.app.request(`/api/v1/range/${hash.slice(0, 4)}`);
  expect(res.status).toBe(200);
  return { hash, text: await res.text() };
};

describe("signed range bucket", () => {
  it("verifies with the published keys, until the next Shanghai midnight", async () => {
    const { text } = await bucketOf("taobao", "100003");
    const bucket = JSON.parse(text) as Signed<RangeBucket>;
    const check = await verifyData(bucket, SIGNED_KINDS.rangeBucket, keys, TEST_NOW);
    expect(check).toMatchObject({ ok: true });
    expect(bucket.sig.expiresAt <= nextShanghaiMidnight(TEST_NOW)).toBe(true);
    expect(bucket.sig.keyId).toBe(keys.keys[0]?.kid);
  });

  it("an edited copy — the 黑名单 shop turned green — fails", async () => {
    const { hash, text } = await bucketOf("taobao", "100003");
    const bucket = JSON.parse(text) as Signed<RangeBucket>;
    const mine = bucket.shops.find((s) => s.hash === hash)!;
    expect(mine.record.verdict).toBe("danger");
    mine.record.verdict = "trusted";
    mine.record.lists = [];
    expect(await verifyData(bucket, SIGNED_KINDS.rangeBucket, keys, TEST_NOW)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    // Dropping the shop from the bucket (so it reads "not listed") fails as well.
    const dropped = { ...(JSON.parse(text) as Signed<RangeBucket>) };
    dropped.shops = dropped.shops.filter((s) => s.hash !== hash);
    expect(await verifyData(dropped, SIGNED_KINDS.rangeBucket, keys, TEST_NOW)).toMatchObject({ ok: false });
  });

  it("a copy replayed after its expiry, or with the signature removed, is refused", async () => {
    const { text } = await bucketOf("tmall", "100001");
    const bucket = JSON.parse(text) as Signed<RangeBucket>;
    const later = new Date(Date.parse(bucket.sig.expiresAt) + 1000);
    expect(await verifyData(bucket, SIGNED_KINDS.rangeBucket, keys, later)).toEqual({
      ok: false,
      reason: "expired",
    });
    const { sig: _sig, ...unsigned } = bucket;
    expect(await verifyData(unsigned, SIGNED_KINDS.rangeBucket, keys, TEST_NOW)).toEqual({
      ok: false,
      reason: "unsigned",
    });
    // Moving the dates on breaks the signature: they are part of what is signed.
    const moved = { ...bucket, sig: { ...bucket.sig, expiresAt: "2099-01-01T00:00:00.000Z" } };
    expect(await verifyData(moved, SIGNED_KINDS.rangeBucket, keys, later)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("is signed once when built: the kept body (and its ETag) is served again unchanged", async () => {
    const p = hashShop("jd", "1000001").slice(0, 4);
    const a = await t.app.request(`/api/v1/range/${p}`);
    const b = await t.app.request(`/api/v1/range/${p}`);
    expect(await b.text()).toBe(await a.text());
    expect(a.headers.get("etag")).toBe(b.headers.get("etag"));
  });
});

describe("signed prefix set", () => {
  it("verifies; an entry removed from it fails; it is no range bucket", async () => {
    const set = (await (await t.app.request("/api/v1/lists/prefixes")).json()) as Signed<PrefixSet>;
    expect(set.black.length).toBeGreaterThan(0);
    expect(await verifyData(set, SIGNED_KINDS.prefixSet, keys, TEST_NOW)).toMatchObject({ ok: true });
    expect(Date.parse(set.sig.expiresAt) - TEST_NOW.getTime()).toBeLessThanOrEqual(2 * 3600_000);
    const edited = { ...set, black: set.black.slice(1) };
    expect(await verifyData(edited, SIGNED_KINDS.prefixSet, keys, TEST_NOW)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    expect(await verifyData(set, SIGNED_KINDS.rangeBucket, keys, TEST_NOW)).toEqual({
      ok: false,
      reason: "wrong_kind",
    });
  });

  it("is signed once per version and hour, not per request", async () => {
    const a = await (await t.app.request("/api/v1/lists/prefixes")).text();
    const b = await (await t.app.request("/api/v1/lists/prefixes")).text();
    expect(b).toBe(a);
  });
});
