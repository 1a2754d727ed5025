/**
 * The one-statement record SQL (record-rows.ts) returns exactly the rows the tables hold — checked
 * against plain drizzle selects of each table — and the Node entry's native reader (prepared statements
 * on its own connection) returns the same as the SQL reader every runtime can use.
 */

import { spawnSync } from "node:child_process";
import {
  commitments,
  grades,
  listEntries,
  merchants,
  objections,
  permits,
  sources,
  verifications,
} from "@xinbiao/db/schema";
import { anchor, hashShop } from "@xinbiao/db/seed";
import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { openTestApp, TEST_BASE_URL, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { buildRecords } from "./build-records.ts";
import { recordReader, registeredRecordReader, sqlRecordReader } from "./record-reader.ts";

let t: TestApp | undefined;
afterEach(() => t?.cleanup());

describe("record readers", () => {
  it("fold every child row of every merchant, and both readers agree", async () => {
    t = await openTestApp({ demoMerchants: 120 });
    const db = t.db;
    // An open objection, a null-heavy merchant and a grade with factors: the JSON folding must keep them.
    const w = anchor("watchlisted").uscc;
    const entry = await db.select().from(listEntries).where(eq(listEntries.uscc, w)).get();
    await db.insert(objections).values({
      entryId: entry!.id,
      uscc: w,
      contact: "x@example.com",
      reason: "处罚已撤销",
      status: "accepted", // only an accepted (受理) objection shows 异议处理中
      filedAt: "2026-11-20T02:00:00.000Z",
      acceptBy: "2026-11-24",
    });

    const native = registeredRecordReader(db);
    expect(native, "openEmbedded registers the native reader for a file").toBeDefined();
    expect(recordReader(db)).toBe(native);
    const portable = sqlRecordReader(db);

    const all = (await db.select({ uscc: merchants.uscc }).from(merchants)).map((r) => r.uscc);
    const a = await native!.bundles(all);
    const b = await portable.bundles(all);
    expect(a.length).toBe(all.length);
    expect(a).toEqual(b);

    const byUscc = new Map(a.map((x) => [x.merchant.uscc, x]));
    for (const u of all) {
      const got = byUscc.get(u)!;
      const m = (await db.select().from(merchants).where(eq(merchants.uscc, u)).get())!;
      expect(got.merchant).toEqual({
        uscc: m.uscc,
        name: m.name,
        kind: m.kind,
        pilotCode: m.pilotCode,
        divisionCode: m.divisionCode,
        licenseStatus: m.licenseStatus,
        authority: m.authority,
        registeredAt: m.registeredAt,
        legalRepresentative: m.legalRepresentative,
        address: m.address,
        addressIsHome: m.addressIsHome,
        scope: m.scope,
        onlineOnly: m.onlineOnly,
        exemptionStatement: m.exemptionStatement,
        freshUntil: m.freshUntil,
        sourceId: m.sourceId,
        version: m.version,
        updatedAt: m.updatedAt,
      });
      const p = await db.select().from(permits).where(eq(permits.uscc, u)).orderBy(asc(permits.id));
      expect(got.permits).toEqual(
        p.map(({ kind, number, authority, validFrom, validTo, sourceId }) => ({
          kind,
          number,
          authority,
          validFrom,
          validTo,
          sourceId,
        })),
      );
      const v = await db
        .select()
        .from(verifications)
        .where(eq(verifications.uscc, u))
        .orderBy(asc(verifications.id));
      expect(got.verifications).toEqual(
        v.map(({ platform, method, verifiedAt, expiresAt }) => ({ platform, method, verifiedAt, expiresAt })),
      );
      const e = await db
        .select()
        .from(listEntries)
        .where(eq(listEntries.uscc, u))
        .orderBy(asc(listEntries.id));
      expect(got.entries).toEqual(
        e.map((x) => ({
          id: x.id,
          list: x.list,
          category: x.category,
          authority: x.authority,
          documentNo: x.documentNo,
          listedAt: x.listedAt,
          rectifyBy: x.rectifyBy,
          displayUntil: x.displayUntil,
          rectifiedAt: x.rectifiedAt,
          repairedAt: x.repairedAt,
          removedAt: x.removedAt,
          sourceId: x.sourceId,
          objectionOpen: x.id === entry!.id,
        })),
      );
      const g = await db.select().from(grades).where(eq(grades.uscc, u)).orderBy(asc(grades.id));
      expect(got.grades).toEqual(
        g.map(({ level, source, scheme, asOf, factors, sourceId }) => ({
          level,
          source,
          scheme,
          asOf,
          factors,
          sourceId,
        })),
      );
      const c = await db
        .select()
        .from(commitments)
        .where(eq(commitments.uscc, u))
        .orderBy(asc(commitments.id));
      expect(got.commitments).toEqual(c.map(({ title, signedAt, text }) => ({ title, signedAt, text })));
    }
    // The data set exercises every fold: objections, permits, verifications, grade factors, commitments.
    expect(a.some((x) => x.entries.some((e) => e.objectionOpen))).toBe(true);
    expect(a.some((x) => x.permits.length > 0 && x.verifications.length > 0)).toBe(true);
    expect(a.some((x) => x.grades.some((g) => g.factors.length > 0))).toBe(true);
    expect(a.some((x) => x.commitments.length > 0)).toBe(true);

    const ids = (await db.select({ id: sources.id }).from(sources)).map((s) => s.id);
    expect(await native!.sources(ids)).toEqual(await portable.sources(ids));
    const prefix = hashShop(
      "jd",
      anchor("blacklisted").shops.find((s) => s[0] === "jd")?.[1] ?? "1000003",
    ).slice(0, 4);
    expect(await native!.bucket(prefix)).toEqual(await portable.bucket(prefix));
    expect((await native!.bucket(prefix)).length).toBeGreaterThan(0);

    const opts = { baseUrl: TEST_BASE_URL, now: TEST_NOW };
    const viaNative = await buildRecords(db, all, { ...opts, reader: native! });
    const viaSql = await buildRecords(db, all, { ...opts, reader: portable });
    expect([...viaNative]).toEqual([...viaSql]);
    expect(viaNative.get(w)!.record.lists[0]!.status).toBe("objected");
  });

  it("the native reader's data generation moves on every commit, by any connection or process", async () => {
    t = await openTestApp({ demoMerchants: 20 });
    const native = registeredRecordReader(t.db)!;
    const g0 = await native.generation!();
    expect(g0.startsWith("w:"), "WAL mode: the wal-index header is the token").toBe(true);
    await native.bundles([anchor("normal").uscc]);
    await t.db.select().from(merchants).limit(3);
    expect(await native.generation!(), "reads change nothing").toBe(g0);

    await t.db
      .update(merchants)
      .set({ name: "甲" })
      .where(eq(merchants.uscc, anchor("normal").uscc));
    const g1 = await native.generation!();
    expect(g1).not.toBe(g0);

    // Another process writes to the file (as `npm run import` beside a running server does).
    const script = `import("@libsql/client").then(async ({ createClient }) => {
      const c = createClient({ url: ${JSON.stringify(t!.url)} });
      await c.execute({ sql: "UPDATE merchants SET name = ? WHERE uscc = ?", args: ["乙", ${JSON.stringify(anchor("normal").uscc)}] });
      c.close();
    })`;
    const child = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect(child.status, child.stderr).toBe(0);
    const g2 = await native.generation!();
    expect(g2).not.toBe(g1);
    expect((await native.bundles([anchor("normal").uscc]))[0]!.merchant.name).toBe("乙");
    expect(await native.generation!()).toBe(g2);
  });

  it("a closed app fails the native reader as the database failing", async () => {
    t = await openTestApp({ demoMerchants: 20 });
    const native = registeredRecordReader(t.db)!;
    expect((await native.bundles([anchor("normal").uscc])).length).toBe(1);
    t.close();
    await expect(native.bundles([anchor("normal").uscc])).rejects.toMatchObject({ code: "CLIENT_CLOSED" });
    await expect(native.generation!()).rejects.toMatchObject({ code: "CLIENT_CLOSED" });
  });
});
