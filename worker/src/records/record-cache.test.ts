/**
 * The in-memory record cache (issue 7) never serves a record older than the data or the clock:
 * every kind of write, a second connection, a new Shanghai day and a verification expiring mid-day
 * all show on the next lookup; unknown merchants stay unknown only until they are imported; a closed
 * database fails the lookup (so last-good can answer stale) instead of being papered over.
 */
import { readFileSync } from "node:fs";
import { openLibsql } from "@xinbiao/db/client";
import { listEntries, merchants, objections, verifications } from "@xinbiao/db/schema";
import { anchor } from "@xinbiao/db/seed";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { runImport } from "../imports/run-import.ts";
import { isDatabaseFailure } from "../lib/db-failure.ts";
import { applyEntryAction } from "../lifecycle/entry-actions.ts";
import { openTestApp, TEST_BASE_URL, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { RecordService } from "./record-service.ts";

let t: TestApp | undefined;
afterEach(() => t?.cleanup());

async function setup(cacheMax?: number) {
  let clock = TEST_NOW;
  t = await openTestApp({ demoMerchants: 20, now: () => clock });
  const svc = new RecordService(t.db, t.deps.signer, cacheMax);
  const setClock = (d: Date) => {
    clock = d;
  };
  const record = async (uscc: string) =>
    (await svc.records([uscc], TEST_BASE_URL, clock)).get(uscc)?.record ?? null;
  return { t, svc, record, setClock, now: () => clock };
}

describe("record cache", () => {
  it("serves a hot record and its envelope from memory, frozen", async () => {
    const { svc, record, now } = await setup();
    const u = anchor("blacklisted").uscc;
    const a = await record(u);
    const b = await record(u);
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a!.lists[0])).toBe(true);
    const e1 = await svc.envelope(u, TEST_BASE_URL, now());
    const e2 = await svc.envelope(u, TEST_BASE_URL, now());
    expect(e2).toBe(e1);
    expect(e1!.record).toBe(a);
    // Another base URL gets its own links.
    const other = (await svc.records([u], "https://other.example", now())).get(u)!.record;
    expect(other.links.page).toBe(`https://other.example/m/${u}`);
  });

  it("shows a list removal through the WriteSet at once (version bumped, new signature)", async () => {
    const { t, svc, record, now } = await setup();
    const u = anchor("blacklisted").uscc;
    const before = await svc.envelope(u, TEST_BASE_URL, now());
    expect(before!.record.verdict).toBe("danger");
    const entry = await t.db.select().from(listEntries).where(eq(listEntries.uscc, u)).get();
    const r = await applyEntryAction(
      t.db,
      entry!.id,
      { kind: "remove", reason: "测试更正 / test correction", correction: true },
      "test",
      now(),
    );
    expect(r.ok).toBe(true);
    const after = await svc.envelope(u, TEST_BASE_URL, now());
    expect(after!.record.lists.filter((l) => l.list === "black")).toEqual([]);
    expect(after!.record.verdict).not.toBe("danger");
    expect(after!.signature).not.toBe(before!.signature);
    expect((await record(u))!.lists).toEqual(after!.record.lists);
  });

  it("shows writes that bypass the WriteSet and writes from another connection", async () => {
    const { t, record } = await setup();
    const w = anchor("watchlisted").uscc;
    expect((await record(w))!.lists[0]!.status).not.toBe("objected");
    // A hand-inserted objection: no version bump, still seen (data generation moved).
    const entry = await t.db.select().from(listEntries).where(eq(listEntries.uscc, w)).get();
    await t.db.insert(objections).values({
      entryId: entry!.id,
      uscc: w,
      contact: "x@example.com",
      reason: "处罚已撤销",
      status: "accepted", // only an accepted (受理) objection shows 异议处理中
      filedAt: "2026-11-20T02:00:00.000Z",
      acceptBy: "2026-11-24",
    });
    expect((await record(w))!.lists[0]!.status).toBe("objected");

    // A second client on the same file (another process would look the same: PRAGMA data_version).
    const n = anchor("normal").uscc;
    const oldName = (await record(n))!.name;
    const other = openLibsql({ url: t.url });
    try {
      await other.db.update(merchants).set({ name: "改名测试有限公司" }).where(eq(merchants.uscc, n));
    } finally {
      other.close();
    }
    const renamed = await record(n);
    expect(renamed!.name).toBe("改名测试有限公司");
    expect(renamed!.name).not.toBe(oldName);
  });

  it("rebuilds at Shanghai midnight and when a verification expires mid-day", async () => {
    const { t, record, setClock } = await setup();
    const w = anchor("watchlisted").uscc;
    const entry = await t.db.select().from(listEntries).where(eq(listEntries.uscc, w)).get();
    // Display ends today (Shanghai): shown until 23:59 on 2026-11-22 +08:00, gone at 00:00.
    await t.db.update(listEntries).set({ displayUntil: "2026-11-22" }).where(eq(listEntries.id, entry!.id));
    setClock(new Date("2026-11-22T15:59:00.000Z")); // 23:59 in Shanghai
    expect((await record(w))!.lists.map((l) => l.documentNo)).toContain(entry!.documentNo);
    setClock(new Date("2026-11-22T16:00:30.000Z")); // 00:00:30 on the 23rd in Shanghai
    expect((await record(w))!.lists.map((l) => l.documentNo)).not.toContain(entry!.documentNo);

    const v = anchor("trusted").uscc;
    await t.db
      .update(verifications)
      .set({ expiresAt: "2026-11-23T02:00:00.000Z" })
      .where(eq(verifications.uscc, v));
    setClock(new Date("2026-11-23T01:59:59.000Z"));
    const verified = await record(v);
    expect(verified!.verification.length).toBeGreaterThan(0);
    expect(await record(v)).toBe(verified); // no write, same day: from memory
    setClock(new Date("2026-11-23T02:00:01.000Z")); // same Shanghai day, no write in between
    const lapsed = await record(v);
    expect(lapsed!.verification).toEqual([]);
    expect(lapsed!.verdict).not.toBe("trusted");
  });

  it("keeps unknown merchants unknown only until they are imported", async () => {
    const { t, svc, record, now } = await setup();
    const u = "91360102MA7QX1B308"; // first row of db/fixtures/merchants-sample.csv
    expect(await record(u)).toBeNull();
    expect(await svc.envelope(u, TEST_BASE_URL, now())).toBeNull();
    const bytes = new Uint8Array(
      readFileSync(new URL("../../../db/fixtures/merchants-sample.csv", import.meta.url)),
    );
    const rep = await runImport(
      t.db,
      { kind: "merchants", bytes, fileName: "merchants-sample.csv", actor: "test" },
      now(),
    );
    expect(rep.status).toBe("applied");
    expect((await record(u))!.name).toBe("南昌砚汀电子商务有限公司");
  });

  it("keeps derived bodies (badges) beside the record and drops them with it", async () => {
    const { t, svc, now } = await setup();
    const n = anchor("normal").uscc;
    let made = 0;
    const make = (b: { record: { name: string } } | null) => {
      made++;
      return { body: `<svg>${b?.record.name ?? "未收录"}</svg>`, note: "ok" };
    };
    const a = await svc.derivedBody(n, TEST_BASE_URL, now(), "badge|flat|zh", make);
    const b = await svc.derivedBody(n, TEST_BASE_URL, now(), "badge|flat|zh", make);
    expect(b).toBe(a);
    expect(made).toBe(1);
    await svc.derivedBody(n, TEST_BASE_URL, now(), "badge|large|en", make);
    expect(made).toBe(2);
    expect(new TextDecoder().decode(a.body)).toContain("<svg>");
    await t.db.update(merchants).set({ name: "派生体测试有限公司" }).where(eq(merchants.uscc, n));
    const c = await svc.derivedBody(n, TEST_BASE_URL, now(), "badge|flat|zh", make);
    expect(made).toBe(3);
    expect(new TextDecoder().decode(c.body)).toBe("<svg>派生体测试有限公司</svg>");
    expect(c.etag).not.toBe(a.etag);
    const unknown = await svc.derivedBody("91360102MA7QX1B308", TEST_BASE_URL, now(), "badge|flat|zh", make);
    expect(new TextDecoder().decode(unknown.body)).toBe("<svg>未收录</svg>");
  });

  it("stays within its bound", async () => {
    const { t, svc, now } = await setup(5);
    const all = (await t.db.select({ uscc: merchants.uscc }).from(merchants)).map((r) => r.uscc);
    expect(all.length).toBeGreaterThan(10);
    const got = await svc.records(all, TEST_BASE_URL, now());
    expect(got.size).toBe(all.length);
    expect(svc.cache.size).toBe(5);
  });

  it("fails on a closed database instead of answering from memory", async () => {
    const { t, record } = await setup();
    const u = anchor("blacklisted").uscc;
    expect(await record(u)).not.toBeNull();
    t.close();
    await expect(record(u)).rejects.toSatisfy(isDatabaseFailure);
  });
});
