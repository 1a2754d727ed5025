/**
 * Issue 15: publications shaped like what agencies publish. Each fixture under db/fixtures (sources in
 * its .source.md) is detected from its header, in every accepted encoding and format, and written
 * through the shared writers with its type's fills (经营异常名录 → 重点关注, 严重违法失信名单 → severe,
 * 3-year display; 双公示 行政许可 → permits, natural persons skipped and never stored).
 */
import { readFileSync } from "node:fs";
import { listEntries, merchants, permits } from "@xinbiao/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { dumpDatabase } from "./db-dump.ts";
import { type ImportOptions, runImport } from "./run-import.ts";
import { parseDate } from "./values.ts";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../db/fixtures/${name}`, import.meta.url)));

let t: TestApp;
const run = (file: string, o: Partial<ImportOptions> = {}) =>
  runImport(t.db, { kind: "auto", bytes: fixture(file), fileName: file, actor: "test", ...o }, TEST_NOW);

beforeAll(async () => {
  t = await openTestApp();
  expect((await run("merchants-sample.csv")).status).toBe("applied");
});
afterAll(() => t.cleanup());

describe("dates", () => {
  it.each([
    ["2026-11-08", "2026-11-08"],
    ["2026/11/8", "2026-11-08"],
    ["2026年11月8日", "2026-11-08"],
    ["20261108", "2026-11-08"],
    ["46334", "2026-11-08"], // Excel serial
    ["2026-11-08 10:30:00", "2026-11-08"],
    ["2026-02-30", null],
    ["12345", null],
  ])("%s → %s", (raw, want) => expect(parseDate(raw)).toBe(want));
});

describe("detection from the header", () => {
  it.each([
    ["merchants-sample.csv", "merchants", "merchants"],
    ["lists-creditchina-sample.utf8.csv", "lists", "lists"],
    ["abnormal-operations-sample.csv", "abnormal_operations", "lists"],
    ["serious-illegal-sample.csv", "serious_illegal", "lists"],
    ["licensing-shuanggongshi-sample.csv", "licensing", "permits"],
  ])("%s → %s", async (file, type, kind) => {
    const r = await run(file, { dryRun: true });
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ publicationType: type, kind, detected: true });
  });

  it("a header that fits no type is refused with the types to choose from; naming it works", async () => {
    const r = await run("blacklist-xinyong-sample.csv", { dryRun: true });
    expect(r.errors[0]).toMatchObject({ code: "type_unknown" });
    expect(r.errors[0]!.zh).toContain("blacklist");
    const named = await run("blacklist-xinyong-sample.csv", { kind: "lists", publicationType: "blacklist" });
    expect(named).toMatchObject({ status: "applied", inserted: 2, errorCount: 0 });
    // 失信类别 and 列入原因 both read (they were refused as ambiguous before).
    const e = await t.db
      .select()
      .from(listEntries)
      .where(eq(listEntries.documentNo, "阜市监罚〔2026〕77号"))
      .get();
    expect(e).toMatchObject({ list: "black", publicationType: "严重失信主体名单" });
    expect(e!.category).toBe("食品安全（销售超过保质期的预包装食品被处以罚款且情节严重）");
  });
});

describe("every encoding and format of one publication", () => {
  it.each([
    ["lists-creditchina-sample.utf8.csv", "utf-8 (BOM)", "csv"],
    ["lists-creditchina-sample.gb18030.csv", "gb18030", "csv"],
    ["lists-creditchina-sample.utf16le.txt", "utf-16le (BOM)", "csv"],
    ["lists-creditchina-sample.utf16be.csv", "utf-16be (BOM)", "csv"],
    ["lists-creditchina-sample.envelope.json", "utf-8", "json"],
    ["lists-creditchina-sample.xlsx", "xlsx (UTF-8 XML)", "xlsx"],
  ])("%s", async (file, encoding, format) => {
    const r = await run(file, { dryRun: true });
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ status: "dry_run", encoding, format, rows: 6, publicationType: "lists" });
    expect(r.inserted + r.unchanged).toBe(6);
  });

  it("UTF-16LE without a BOM is recognised too", async () => {
    const text = new TextDecoder()
      .decode(fixture("lists-creditchina-sample.utf8.csv"))
      .replace(/^\uFEFF/, "");
    const bytes = new Uint8Array(Buffer.from(text, "utf16le"));
    const r = await runImport(
      t.db,
      { kind: "lists", bytes, fileName: "noboms.csv", actor: "test", dryRun: true },
      TEST_NOW,
    );
    expect(r).toMatchObject({ status: "dry_run", encoding: "utf-16le", rows: 6 });
  });

  it("XLSX: another sheet by name; a missing sheet is named", async () => {
    const r = await run("lists-creditchina-sample.xlsx", { dryRun: true, sheet: "说明" });
    expect(r.errors[0]).toMatchObject({ code: "type_unknown" });
    const missing = await run("lists-creditchina-sample.xlsx", { dryRun: true, sheet: "第二批" });
    expect(missing.errors[0]).toMatchObject({ code: "sheet_not_found" });
    expect(missing.errors[0]!.zh).toContain("名单、说明");
  });
});

describe("publication types write with their rules", () => {
  it("经营异常名录: 重点关注 entries of that type; a 移出 closes one; unknown codes become minimal merchants", async () => {
    const r = await run("abnormal-operations-sample.csv");
    expect(r).toMatchObject({ status: "applied", inserted: 3, created: 1, errorCount: 0 });
    const rows = await t.db.select().from(listEntries).where(eq(listEntries.publicationType, "经营异常名录"));
    expect(rows).toHaveLength(3);
    expect(rows.every((e) => e.list === "watch")).toBe(true);
    const removed = rows.find((e) => e.uscc === "92360481MA7QX3D55D")!;
    expect(removed).toMatchObject({
      listedAt: "2026-06-15",
      removalReason: "依法办理住所变更登记后申请移出",
    });
    expect(removed.removedAt?.slice(0, 10)).toBe("2026-10-20");
    expect(rows.find((e) => e.uscc === "91320583MA7QX2C48D")!.category).toContain("年度报告");
    const m = await t.db.select().from(merchants).where(eq(merchants.uscc, "91320506MA7XY8K12Y")).get();
    expect(m).toMatchObject({ fromPublication: true, name: "苏州栎岚贸易有限公司" });
    expect((await run("abnormal-operations-sample.csv")).status).toBe("unchanged");
  });

  it("严重违法失信名单 (SAMR Order 44): black, severe, shown 3 years", async () => {
    const r = await run("serious-illegal-sample.csv");
    expect(r).toMatchObject({ status: "applied", inserted: 2 });
    const e = await t.db
      .select()
      .from(listEntries)
      .where(eq(listEntries.documentNo, "洪市监严〔2026〕3号"))
      .get();
    expect(e).toMatchObject({
      list: "black",
      severe: true,
      listedAt: "2026-08-21",
      displayUntil: "2029-08-21",
      publicationType: "严重违法失信名单",
    });
  });

  it("行政许可 (双公示): permits; a natural person's row is skipped and its ID number never stored", async () => {
    const r = await run("licensing-shuanggongshi-sample.csv");
    expect(r).toMatchObject({ status: "applied", inserted: 2, created: 1, errorCount: 0 });
    expect(r.warnings.find((w) => w.code === "natural_person_not_published")).toMatchObject({ row: 4 });
    const p = await t.db.select().from(permits).where(eq(permits.uscc, "91341202MA7QX4E62H")).get();
    expect(p).toMatchObject({
      kind: "食品经营许可证",
      number: "JY13412020011881",
      authority: "阜阳市颍州区市场监督管理局",
      validFrom: "2026-03-02",
      validTo: "2031-03-01",
    });
    expect(r.warnings.some((w) => w.code === "column_preferred")).toBe(true);
    expect(await dumpDatabase(t.url)).not.toContain("320583199001017650");
  });
});

describe("失信被执行人 (court list)", () => {
  it("a company by its code; a natural person matched by ID number to a known shop operator, the number never stored", async () => {
    const r = await run("court-dishonest-sample.csv");
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({
      status: "applied",
      publicationType: "court_dishonest",
      detected: true,
      inserted: 2,
    });
    expect(r.warnings.find((w) => w.code === "natural_person_unmatched")).toMatchObject({ row: 4 });
    expect(JSON.stringify(r)).not.toContain("360102198512124565");
    const entries = await t.db
      .select()
      .from(listEntries)
      .where(eq(listEntries.publicationType, "失信被执行人"));
    expect(entries.map((e) => [e.uscc, e.list, e.documentNo, e.authority, e.listedAt]).sort()).toEqual([
      ["91320583MA7QX2C48D", "black", "（2026）苏0583执2345号", "昆山市人民法院", "2026-09-18"],
      ["99320583MA8QR4A74M", "black", "（2026）苏0583执4567号", "昆山市人民法院", "2026-10-08"],
    ]);
    const dump = await dumpDatabase(t.url);
    expect(dump).not.toContain("360102198512124565");
    // The matched person's number is only where it already was (the merchant's private column).
    expect(dump.split("320583199001011234").length - 1).toBe(1);
  });
});

describe("through the regulator API", () => {
  it("auto detects the type, a publication type names it, strict=1 refuses unknown codes", async () => {
    const { keysForRoles, bearer } = await import("../auth/test-keys.ts");
    const keys = await keysForRoles(t.db, TEST_NOW);
    const post = (path: string, file: string) =>
      t.app.request(
        path,
        bearer(keys.regulator, {
          method: "POST",
          headers: { "content-type": "text/csv" },
          body: fixture(file),
        }),
      );
    const auto = await post("/api/v1/regulator/imports/auto?dryRun=1", "serious-illegal-sample.csv");
    expect(auto.status).toBe(200);
    expect(await auto.json()).toMatchObject({
      publicationType: "serious_illegal",
      detected: true,
      kind: "lists",
    });
    const named = await post(
      "/api/v1/regulator/imports/blacklist?dryRun=1&publishedAt=2026-11-02",
      "blacklist-xinyong-sample.csv",
    );
    expect(await named.json()).toMatchObject({ status: "dry_run", publicationType: "blacklist" });
    const csv = `主体名称,统一社会信用代码,失信类别,认定部门,文书号,列入日期\n北京栎柘科技有限公司,91110105MA01XK2B5H,刷单炒信,北京市发展和改革委员会,京信用〔2026〕9号,2026-10-08\n`;
    const strict = await t.app.request(
      "/api/v1/regulator/imports/blacklist?dryRun=1&strict=1&publishedAt=2026-11-02",
      bearer(keys.regulator, { method: "POST", headers: { "content-type": "text/csv" }, body: csv }),
    );
    const body = (await strict.json()) as { errors: { code: string }[] };
    expect(strict.status, JSON.stringify(body.errors)).toBe(422);
    expect(body.errors[0]).toMatchObject({ code: "unknown_merchant" });
  });
});
