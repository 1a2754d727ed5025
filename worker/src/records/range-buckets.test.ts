/**
 * Kept range buckets (range-buckets.ts, migration 0004) are served only while nothing they were built
 * from has changed and the day (and every time comparison of their records) still reads the same:
 * each test keeps a bucket, overwrites the kept body by hand (range_buckets has no trigger) so that
 * "served from the kept row" is visible, then makes one change and looks at the next answer.
 */
import type { RangeBucket } from "@xinbiao/db/model";
import { listEntries, rangeBuckets, shops, verifications } from "@xinbiao/db/schema";
import { anchor, hashShop } from "@xinbiao/db/seed";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { bucketValidUntil } from "./range-buckets.ts";
import { recordReader, registeredRecordReader, sqlRecordReader } from "./record-reader.ts";
import type { KeptBucket } from "./record-rows.ts";

let t: TestApp | undefined;
afterEach(() => t?.cleanup());

const BLACK_HASH = hashShop("taobao", "100003"); // anchor("blacklisted")'s shop
const PREFIX = BLACK_HASH.slice(0, 4);
const TAMPERED = '{"prefix":"tampered"}';
/** A kept bucket with its body as text (the native reader hands out the UTF-8 bytes). */
const text = (k: KeptBucket | null) =>
  k && { ...k, body: typeof k.body === "string" ? k.body : new TextDecoder().decode(k.body) };

async function setup() {
  let clock = TEST_NOW;
  t = await openTestApp({ demoMerchants: 20, now: () => clock });
  const app = t.app;
  const db = t.db;
  const get = async (prefix = PREFIX) => {
    const res = await app.request(`/api/v1/range/${prefix}`);
    expect(res.status).toBe(200);
    return { text: await res.text(), etag: res.headers.get("etag") };
  };
  const kept = () => db.select().from(rangeBuckets).where(eq(rangeBuckets.prefix, PREFIX)).get();
  /** Overwrite the kept body: if the next answer is this, it came from the kept row. */
  const tamper = async () => {
    expect(await kept(), "the bucket was kept").toBeDefined();
    await db.update(rangeBuckets).set({ body: TAMPERED }).where(eq(rangeBuckets.prefix, PREFIX));
  };
  const mine = (text: string) => (JSON.parse(text) as RangeBucket).shops.find((s) => s.hash === BLACK_HASH);
  const setClock = (d: Date) => {
    clock = d;
  };
  return { db, get, kept, tamper, mine, setClock };
}

describe("kept range buckets", () => {
  it("keeps the built body with its ETag and serves it from then on", async () => {
    const { get, kept, tamper } = await setup();
    const first = await get();
    const row = await kept();
    expect(row).toMatchObject({ body: first.text, etag: first.etag });
    expect(row!.validUntil).toBe("2026-11-22T16:00:00.000Z"); // next midnight in Shanghai
    await tamper();
    expect((await get()).text).toBe(TAMPERED);
  });

  it("builds it again after a hand edit of a list entry (no WriteSet, no version bump)", async () => {
    const { db, get, tamper, mine } = await setup();
    expect(mine((await get()).text)?.record.verdict).toBe("danger");
    await tamper();
    await db
      .update(listEntries)
      .set({ removedAt: "2026-11-21" })
      .where(eq(listEntries.uscc, anchor("blacklisted").uscc));
    const after = await get();
    expect(after.text).not.toBe(TAMPERED);
    expect(mine(after.text)?.record.lists).toEqual([]);
  });

  it("builds it again when a shop joins the bucket, and when one leaves it", async () => {
    const { db, get, tamper } = await setup();
    const before = JSON.parse((await get()).text) as RangeBucket;
    await tamper();
    const hash = `${PREFIX}${"0".repeat(60)}`;
    await db.insert(shops).values({
      platform: "taobao",
      shopId: "joins-the-bucket",
      uscc: anchor("trusted").uscc,
      hash,
      prefix: PREFIX,
    });
    const joined = JSON.parse((await get()).text) as RangeBucket;
    expect(joined.shops.map((s) => s.hash)).toContain(hash);
    expect(joined.shops).toHaveLength(before.shops.length + 1);
    await tamper();
    await db.delete(shops).where(eq(shops.shopId, "joins-the-bucket"));
    expect(JSON.parse((await get()).text)).toEqual(before);
  });

  it("builds it again when an objection is filed against a listed merchant's entry", async () => {
    const { db, get, tamper, mine } = await setup();
    const u = anchor("blacklisted").uscc;
    expect(mine((await get()).text)?.record.lists[0]?.status).not.toBe("objected");
    await tamper();
    const entry = await db.select().from(listEntries).where(eq(listEntries.uscc, u)).get();
    // Accepted (受理): only an accepted objection shows 异议处理中 (issue 13 item 3).
    await db.run(sql`INSERT INTO objections (entry_id, uscc, contact, reason, status, filed_at, accept_by)
      VALUES (${entry!.id}, ${u}, 'x@example.com', '已整改', 'accepted', '2026-11-22', '2026-11-24')`);
    const after = await get();
    expect(after.text).not.toBe(TAMPERED);
    expect(mine(after.text)?.record.lists[0]?.status).toBe("objected");
  });

  it("builds it again at midnight in China, not before", async () => {
    const { get, tamper, setClock } = await setup();
    await get();
    await tamper();
    setClock(new Date("2026-11-22T15:59:59.000Z")); // 23:59:59 in Shanghai
    expect((await get()).text).toBe(TAMPERED);
    setClock(new Date("2026-11-22T16:00:00.000Z")); // 00:00 on the 23rd
    expect((await get()).text).not.toBe(TAMPERED);
  });

  it("builds it again when a verification of one of its merchants expires mid-day", async () => {
    const { db, get, kept, tamper, setClock } = await setup();
    const u = anchor("blacklisted").uscc;
    const expiresAt = "2026-11-22T06:00:00.000Z"; // 14:00 in Shanghai, TEST_NOW is 12:00
    await db.insert(verifications).values({
      uscc: u,
      platform: "taobao",
      method: "face",
      verifiedAt: "2026-11-01T00:00:00.000Z",
      expiresAt,
    });
    await get();
    expect((await kept())!.validUntil).toBe(expiresAt);
    await tamper();
    setClock(new Date("2026-11-22T05:59:00.000Z"));
    expect((await get()).text).toBe(TAMPERED);
    setClock(new Date("2026-11-22T06:00:01.000Z"));
    expect((await get()).text).not.toBe(TAMPERED);
  });
});

describe("range bucket readers", () => {
  it.each([
    ["native (Node entry)", (x: TestApp) => registeredRecordReader(x.db)!],
    ["portable SQL (D1, Turso)", (x: TestApp) => sqlRecordReader(x.db)],
  ])("%s: a bucket built from an older counter is never served", async (_name, pick) => {
    t = await openTestApp({ demoMerchants: 20 });
    const reader = pick(t);
    const nowIso = TEST_NOW.toISOString();
    const later = "2026-11-23T00:00:00.000Z";
    const v = await reader.rangeVersion(PREFIX);
    await reader.keepBucket({ prefix: PREFIX, v, validUntil: later, etag: '"a"', body: "{}" });
    expect(text(await reader.keptBucket(PREFIX, nowIso))).toEqual({ body: "{}", etag: '"a"' });
    // Expired: not served.
    expect(await reader.keptBucket(PREFIX, later)).toBeNull();
    // A write lands after the counter was read for a build: that build's bucket is behind at once.
    const v2 = await reader.rangeVersion(PREFIX);
    await t.db
      .update(listEntries)
      .set({ documentNo: "赣信用办〔2018〕26号-补" })
      .where(eq(listEntries.uscc, anchor("blacklisted").uscc));
    expect(await reader.rangeVersion(PREFIX)).toBeGreaterThan(v2);
    expect(await reader.keptBucket(PREFIX, nowIso)).toBeNull();
    await reader.keepBucket({ prefix: PREFIX, v: v2, validUntil: later, etag: '"b"', body: "{}" });
    expect(await reader.keptBucket(PREFIX, nowIso)).toBeNull();
    // A newer build is served; an older one arriving after it does not replace it.
    const v3 = await reader.rangeVersion(PREFIX);
    await reader.keepBucket({ prefix: PREFIX, v: v3, validUntil: later, etag: '"c"', body: "{}" });
    await reader.keepBucket({ prefix: PREFIX, v: v2, validUntil: later, etag: '"d"', body: "{}" });
    expect(text(await reader.keptBucket(PREFIX, nowIso))).toEqual({ body: "{}", etag: '"c"' });
  });

  it("keeping a bucket is not a data change for the record cache; anyone else's commit is", async () => {
    t = await openTestApp({ demoMerchants: 20 });
    const reader = recordReader(t.db);
    expect(reader).toBe(registeredRecordReader(t.db));
    const g0 = await reader.generation!();
    await reader.keepBucket({
      prefix: PREFIX,
      v: 0,
      validUntil: "2026-11-23T00:00:00.000Z",
      etag: '"a"',
      body: "{}",
    });
    expect(await reader.generation!()).toBe(g0);
    await t.db
      .update(listEntries)
      .set({ documentNo: "x" })
      .where(eq(listEntries.uscc, anchor("blacklisted").uscc));
    const g1 = await reader.generation!();
    expect(g1).not.toBe(g0);
    await reader.keepBucket({
      prefix: PREFIX,
      v: 9,
      validUntil: "2026-11-23T00:00:00.000Z",
      etag: '"b"',
      body: "{}",
    });
    expect(await reader.generation!()).toBe(g1);
  });
});

describe("bucketValidUntil", () => {
  it("is the next Shanghai midnight, or the first of the records' time marks still ahead", () => {
    const now = new Date("2026-11-22T17:30:00.000Z"); // 01:30 on the 23rd in Shanghai
    const rec = (timeMarks: string[]) => ({ timeMarks }) as never;
    expect(bucketValidUntil(now, [])).toBe("2026-11-23T16:00:00.000Z");
    expect(
      bucketValidUntil(now, [
        rec(["2026-11-01T00:00:00.000Z", "2026-11-23T09:00:00.000Z"]),
        rec(["2027-01-01T00:00:00.000Z"]),
      ]),
    ).toBe("2026-11-23T09:00:00.000Z");
  });
});
