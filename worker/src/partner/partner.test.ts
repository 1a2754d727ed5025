/**
 * Partner API (issue 5 item 2): bulk shops (≤ 10 000, all-or-nothing with a per-row report, hash and
 * prefix), platform isolation, and the change feed's cursor under concurrent writers in other processes.
 */
import { rangePrefix, sha256Hex } from "@xinbiao/db/model";
import { auditLog, changes, merchants, shops } from "@xinbiao/db/schema";
import { anchor } from "@xinbiao/db/seed";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, type Json, jsonInit, keysForRoles } from "../auth/test-keys.ts";
import { runChild } from "../imports/child-sql.ts";
import { databaseDigest } from "../imports/db-dump.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";

let t: TestApp;
let keys: Awaited<ReturnType<typeof keysForRoles>>;
const NORMAL = anchor("normal");

beforeAll(async () => {
  t = await openTestApp();
  keys = await keysForRoles(t.db, TEST_NOW);
});
afterAll(() => t.cleanup());

const put = (key: string, body: unknown) =>
  t.app.request("/api/v1/partner/shops", jsonInit("PUT", key, body));

describe("bulk shops", () => {
  it("registers 10 000 shops in one call with hash = SHA-256(platform:shopId) and its 4-hex prefix", async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({
      shopId: `bulk-${i}`,
      uscc: NORMAL.uscc,
      origins: ["https://mall.jd.com"],
      url: `https://mall.jd.com/index-bulk-${i}.html`,
      name: `批量店铺 ${i}`,
    }));
    const res = await put(keys["platform:jd"], { shops: rows });
    expect(res.status).toBe(200);
    expect(await res.json<Json>()).toEqual({ ok: true, created: 10_000, updated: 0, unchanged: 0 });
    const s = await t.db
      .select()
      .from(shops)
      .where(and(eq(shops.platform, "jd"), eq(shops.shopId, "bulk-42")))
      .get();
    const hash = await sha256Hex("jd:bulk-42");
    expect(s).toMatchObject({
      hash,
      prefix: rangePrefix(hash),
      uscc: NORMAL.uscc,
      origins: ["https://mall.jd.com"],
    });
    const bucket = await (await t.app.request(`/api/v1/range/${hash.slice(0, 4)}`)).json<Json>();
    expect(bucket.shops.map((x: { hash: string }) => x.hash)).toContain(hash);
    // Same call again: nothing changes.
    expect(await (await put(keys["platform:jd"], { shops: rows })).json<Json>()).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 10_000,
    });
  }, 120_000);

  it("rejects 10 001 rows", async () => {
    const res = await put(keys["platform:jd"], { shops: Array.from({ length: 10_001 }, () => ({})) });
    expect(res.status).toBe(400);
    expect((await res.json<Json>()).error.message).toContain("10000");
  });

  it("one bad row: 422 with every bad row named, and nothing written", async () => {
    const before = await databaseDigest(t.url);
    const res = await put(keys["platform:jd"], {
      shops: [
        { shopId: "ok-1", uscc: NORMAL.uscc, origins: ["https://mall.jd.com"] },
        { shopId: "ok-2", uscc: "91320506MA2CD8R14X", origins: ["https://mall.jd.com"] },
        { shopId: "bad id!", uscc: NORMAL.uscc, origins: ["https://mall.jd.com"] },
        { shopId: "ok-4", uscc: NORMAL.uscc, origins: ["http://mall.jd.com"] },
        { shopId: "ok-1", uscc: NORMAL.uscc, origins: ["https://mall.jd.com"] },
        { platform: "taobao", shopId: "ok-6", uscc: NORMAL.uscc, origins: ["https://shop1.taobao.com"] },
        { shopId: "ok-7", uscc: "91110000600037341L", origins: ["https://mall.jd.com"] },
        {
          shopId: "ok-8",
          uscc: NORMAL.uscc,
          origins: ["https://mall.jd.com"],
          url: "https://evil.example/x",
        },
      ],
    });
    expect(res.status).toBe(422);
    const body = await res.json<Json>();
    expect(body.error.code).toBe("invalid_rows");
    expect(body.error.message).toContain("未写入任何数据");
    const errs = body.error.details.errors.map((e: { row: number; field: string; code: string }) => [
      e.row,
      e.field,
      e.code,
    ]);
    expect(errs).toEqual([
      [2, "uscc", "uscc_check_digit"],
      [3, "shopId", "invalid_shop_id"],
      [4, "origins.0", "invalid_origin"],
      [5, "shopId", "duplicate"],
      [6, "platform", "wrong_platform"],
      [7, "uscc", "unknown_merchant"],
      [8, "url", "url_not_in_origins"],
    ]);
    expect(await databaseDigest(t.url)).toBe(before);
  });

  it("a platform key cannot delete another platform's shop; delete of its own works and is audited", async () => {
    const other = await t.app.request(
      "/api/v1/partner/shops",
      jsonInit("DELETE", keys["platform:taobao"], { shops: [{ shopId: "bulk-1" }] }),
    );
    expect(other.status).toBe(422); // taobao:bulk-1 does not exist; jd:bulk-1 is invisible to taobao
    const own = await t.app.request(
      "/api/v1/partner/shops",
      jsonInit("DELETE", keys["platform:jd"], { shops: ["bulk-1", "bulk-2"] }),
    );
    expect(await own.json<Json>()).toMatchObject({ ok: true, deleted: 2 });
    const log = await t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "shop.delete"))
      .orderBy(asc(auditLog.seq))
      .all();
    expect(log.map((r) => [r.entityId, r.actor])).toEqual([
      ["jd:bulk-1", expect.stringMatching(/^key:[0-9a-f]{16} \(platform:jd\)$/)],
      ["jd:bulk-2", expect.stringMatching(/^key:[0-9a-f]{16} \(platform:jd\)$/)],
    ]);
    expect(JSON.parse(log[0]!.before!)).toMatchObject({ uscc: NORMAL.uscc });
  });
});

describe("identity aliases (issue 14)", () => {
  it("a platform registers host:honor for its brand host; the visitor's lookup of that alias finds the merchant", async () => {
    // honor.jd.com names no shop id in its URL: the extension hashes jd:host:honor (jd.urls.ts).
    const res = await put(keys["platform:jd"], {
      shops: [
        {
          shopId: "host:honor",
          uscc: NORMAL.uscc,
          origins: ["https://honor.jd.com"],
          url: "https://honor.jd.com/",
          name: "荣耀京东自营旗舰店",
        },
      ],
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const hash = await sha256Hex("jd:host:honor");
    const bucket = await (await t.app.request(`/api/v1/range/${rangePrefix(hash)}`)).json<Json>();
    expect(bucket.shops.find((x: { hash: string }) => x.hash === hash)).toBeTruthy();
    const rec = await t.app.request("/api/v1/shops/jd/host:honor");
    expect(rec.status).toBe(200);
    expect((await rec.json<Json>()).record.uscc).toBe(NORMAL.uscc);
    const del = await t.app.request(
      "/api/v1/partner/shops",
      jsonInit("DELETE", keys["platform:jd"], { shops: ["host:honor"] }),
    );
    expect(await del.json<Json>()).toMatchObject({ ok: true, deleted: 1 });
  });

  it("refuses a namespace the platform does not have, naming the ones it has; nothing written", async () => {
    const before = await databaseDigest(t.url);
    const res = await put(keys["platform:jd"], {
      shops: [{ shopId: "seller:2206123", uscc: NORMAL.uscc, origins: ["https://mall.jd.com"] }],
    });
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json<Json>())).toContain("use one of vender:, host:");
    expect(await databaseDigest(t.url)).toBe(before);
  });
});

describe("change feed", () => {
  it("pages by cursor with no gap and no duplicate while three other processes write", async () => {
    const jdMerchants = (
      await t.db
        .selectDistinct({ uscc: shops.uscc })
        .from(shops)
        .where(eq(shops.platform, "jd"))
        .orderBy(asc(shops.uscc))
        .limit(10)
    ).map((r) => r.uscc);
    const others = (
      await t.db
        .select({ uscc: merchants.uscc })
        .from(merchants)
        .where(sql`not exists (select 1 from shops s where s.uscc = ${merchants.uscc} and s.platform = 'jd')`)
        .limit(10)
    ).map((r) => r.uscc);
    const start = (await (
      await t.app.request("/api/v1/partner/changes?limit=1000&cursor=0", bearer(keys["platform:jd"]))
    ).json<Json>()) as {
      nextCursor: number;
    };
    const writers = [0, 1, 2].map((w) =>
      runChild<{ n: number }>(
        t.url,
        { w, jd: jdMerchants, others },
        `
for (let i = 0; i < 120; i++) {
  const uscc = i % 3 === 0 ? args.others[i % args.others.length] : args.jd[(i + args.w) % args.jd.length];
  await client.batch([{ sql: "INSERT INTO changes (at, uscc, kind, action, detail) VALUES (?, ?, 'list', 'list.test', ?)", args: [new Date().toISOString(), uscc, JSON.stringify({ w: args.w, i })] }], "write");
  if (i % 10 === 0) await new Promise((r) => setTimeout(r, 2));
}
emit({ n: 120 });
`,
      ),
    );
    await Promise.all(writers.map((w) => w.ready));
    let cursor = start.nextCursor;
    const seen: number[] = [];
    let finished = false;
    const all = Promise.all(writers.map((w) => w.done)).then(() => {
      finished = true;
    });
    for (let idle = 0; idle < 2; ) {
      const page = await (
        await t.app.request(`/api/v1/partner/changes?limit=7&cursor=${cursor}`, bearer(keys["platform:jd"]))
      ).json<Json>();
      for (const c of page.changes) {
        expect(c.shops.length).toBeGreaterThan(0);
        seen.push(c.seq);
      }
      expect(page.nextCursor).toBeGreaterThanOrEqual(cursor);
      cursor = page.nextCursor;
      if (finished && page.changes.length === 0) idle++;
    }
    await all;
    const expected = (
      await t.db
        .select({ seq: changes.seq })
        .from(changes)
        .where(
          and(
            sql`${changes.seq} > ${start.nextCursor}`,
            sql`exists (select 1 from shops s where s.uscc = ${changes.uscc} and s.platform = 'jd')`,
          ),
        )
        .orderBy(asc(changes.seq))
    ).map((r) => r.seq);
    expect(expected.length).toBe(240); // 2 of every 3 writes concern jd shops
    expect(seen).toEqual(expected); // same set, in order: no gap, no duplicate
  }, 60_000);
});
