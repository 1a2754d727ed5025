/**
 * Issue 13 item 6: an older publication silently overwrote a newer one (same entry, earlier
 * publication date) and a 黑名单 entry vanished from the public record. Imports now carry the
 * publication date (a 公示日期 column or --published-at / API publishedAt, required for lists); a row
 * from an older publication than the stored fact's is skipped and reported row by row, in a dry run
 * and a real run; each fact references a `sources` row with its publication date, SHA-256 and agency.
 */
import { readFileSync } from "node:fs";
import { listEntries, sources } from "@xinbiao/db/schema";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "../auth/test-keys.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { type ImportOptions, runImport } from "./run-import.ts";

const MERCHANTS = new Uint8Array(
  readFileSync(new URL("../../../db/fixtures/merchants-sample.csv", import.meta.url)),
);
const NANCHANG = "91360102MA7QX1B308";
const HEADER = "主体名称,统一社会信用代码,名单类型,失信类别,认定部门,文书号,列入日期,公示截止期";
const row = (category: string, until: string) =>
  `南昌砚汀电子商务有限公司,${NANCHANG},黑名单,${category},南昌市发展和改革委员会,洪信用〔2026〕88号,2026-07-20,${until}`;
const csv = (...lines: string[]) => new TextEncoder().encode(`${lines.join("\n")}\n`);

let t: TestApp;
const run = (o: Partial<ImportOptions> & Pick<ImportOptions, "bytes">) =>
  runImport(t.db, { kind: "lists", fileName: "list.csv", actor: "test", ...o }, TEST_NOW);
const entry = () =>
  t.db
    .select()
    .from(listEntries)
    .where(and(eq(listEntries.uscc, NANCHANG), eq(listEntries.documentNo, "洪信用〔2026〕88号")))
    .get();

beforeAll(async () => {
  t = await openTestApp();
  expect(
    (
      await runImport(
        t.db,
        { kind: "merchants", bytes: MERCHANTS, fileName: "m.csv", actor: "test" },
        TEST_NOW,
      )
    ).status,
  ).toBe("applied");
});
afterAll(() => t.cleanup());

describe("publication order", () => {
  it("a list import without a publication date is refused, naming how to give one", async () => {
    const r = await run({ bytes: csv(HEADER, row("刷单炒信", "2029-07-19")) });
    expect(r.status).toBe("rejected");
    expect(r.errors[0]).toMatchObject({ row: 1, column: "公示日期", code: "missing_publication_date" });
    expect(r.errors[0]!.zh).toContain("--published-at");
    const bad = await run({ bytes: csv(HEADER, row("刷单炒信", "2029-07-19")), publishedAt: "2026-13-01" });
    expect(bad.errors[0]).toMatchObject({ code: "invalid_published_at" });
  });

  it("an older publication of the same entry never replaces the newer one (dry run and real run)", async () => {
    const newer = await run({
      bytes: csv(HEADER, row("刷单炒信", "2029-07-19")),
      fileName: "newer.csv",
      publishedAt: "2026-11-10",
      authority: "南昌市发展和改革委员会",
    });
    expect(newer).toMatchObject({ status: "applied", inserted: 1 });
    const src = await t.db.select().from(sources).where(eq(sources.id, newer.sourceId!)).get();
    expect(src).toMatchObject({
      publishedAt: "2026-11-10",
      fileSha256: newer.fileSha256,
      authority: "南昌市发展和改革委员会",
    });
    expect((await entry())?.sourceId).toBe(newer.sourceId);

    // The older bulletin had the entry ending its display in October: imported after the newer one,
    // it would have taken the entry off the public record.
    const older = csv(HEADER, row("网络购物合同纠纷", "2026-10-20"));
    for (const dryRun of [true, false]) {
      const r = await run({ bytes: older, fileName: "older.csv", publishedAt: "2026-10-01", dryRun });
      expect(r.status).toBe(dryRun ? "dry_run" : "unchanged");
      expect(r).toMatchObject({ inserted: 0, updated: 0, skipped: 1, errorCount: 0 });
      expect(r.conflicts).toHaveLength(1);
      expect(r.conflicts[0]).toMatchObject({ row: 2, code: "older_publication" });
      expect(r.conflicts[0]!.zh).toContain("2026-10-01");
      expect(r.conflicts[0]!.zh).toContain("2026-11-10");
    }
    const e = await entry();
    expect(e).toMatchObject({ category: "刷单炒信", displayUntil: "2029-07-19", sourceId: newer.sourceId });
    const rec = await (await t.app.request(`/api/v1/merchants/${NANCHANG}`)).json<Json>();
    expect(
      (rec.record.lists as { documentNo: string; list: string }[]).some(
        (l) => l.documentNo === "洪信用〔2026〕88号" && l.list === "black",
      ),
    ).toBe(true);

    // A newer publication still updates it.
    const newest = await run({
      bytes: csv(HEADER, row("刷单炒信（情节严重）", "2029-07-19")),
      fileName: "newest.csv",
      publishedAt: "2026-11-20",
    });
    expect(newest).toMatchObject({ status: "applied", updated: 1, skipped: 0 });
  });

  it("a 公示日期 column dates each row; each date gets its own source", async () => {
    const doc = (n: number) => `洪信用〔2026〕${n}号`;
    const line = (n: number, published: string) =>
      `南昌砚汀电子商务有限公司,${NANCHANG},黑名单,刷单炒信,南昌市发展和改革委员会,${doc(n)},2026-07-20,2029-07-19,${published}`;
    const r = await run({
      bytes: csv(
        `${HEADER},公示日期`,
        line(91, "2026年11月3日"),
        line(92, "2026/11/5"),
        line(93, "20261105"),
      ),
    });
    expect(r).toMatchObject({ status: "applied", inserted: 3 });
    const ids = new Set(
      (await t.db.select().from(listEntries).where(eq(listEntries.uscc, NANCHANG))).flatMap((e) =>
        [91, 92, 93].map(doc).includes(e.documentNo) ? [e.sourceId] : [],
      ),
    );
    expect(ids.size).toBe(2);
    const dates = await Promise.all(
      [...ids].map(
        async (id) => (await t.db.select().from(sources).where(eq(sources.id, id!)).get())?.publishedAt,
      ),
    );
    expect(dates.sort()).toEqual(["2026-11-03", "2026-11-05"]);
    const bad = await run({ bytes: csv(`${HEADER},公示日期`, line(94, "2026-02-30")) });
    expect(bad.errors[0]).toMatchObject({ row: 2, column: "公示日期", code: "invalid_date" });
  });
});
