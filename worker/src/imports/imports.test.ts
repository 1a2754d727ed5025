/**
 * Imports (issue 5 items 3 and 7): the 信用中国-style sample in UTF-8 (BOM), UTF-8 without BOM, GB18030
 * and JSON; badges, records and the change feed reflect it; re-importing changes nothing; every bad
 * file is rejected with row, column and problem — and the database is byte-for-byte unchanged.
 */
import { readFileSync } from "node:fs";
import { listEntries, sources } from "@xinbiao/db/schema";
import { anchor } from "@xinbiao/db/seed";
import { eq } from "drizzle-orm";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, type Json, keysForRoles } from "../auth/test-keys.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { databaseDigest } from "./db-dump.ts";
import { type ImportOptions, runImport } from "./run-import.ts";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../db/fixtures/${name}`, import.meta.url)));
const MERCHANTS = fixture("merchants-sample.csv");
const LISTS_UTF8 = fixture("lists-creditchina-sample.utf8.csv");
const LISTS_GB = fixture("lists-creditchina-sample.gb18030.csv");
const NORMAL = anchor("normal");

let t: TestApp;
let keys: Awaited<ReturnType<typeof keysForRoles>>;

const run = (o: Partial<ImportOptions> & Pick<ImportOptions, "kind" | "bytes">) =>
  runImport(t.db, { fileName: "file.csv", actor: "test:importer", ...o }, TEST_NOW);

/** The sample as text rows, to derive broken variants from. */
const sampleRows = () =>
  new TextDecoder()
    .decode(LISTS_UTF8)
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");
const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join("\r\n")}\r\n`);

beforeAll(async () => {
  t = await openTestApp();
  keys = await keysForRoles(t.db, TEST_NOW);
  const m = await run({ kind: "merchants", bytes: MERCHANTS, fileName: "merchants-sample.csv" });
  expect(m).toMatchObject({ status: "applied", inserted: 5, errorCount: 0 });
});
afterAll(() => t.cleanup());

describe("bad imports are rejected with a clear report and leave the database unchanged", () => {
  const rows = sampleRows();
  const cases: [
    string,
    () => Partial<ImportOptions> & { bytes: Uint8Array },
    { row: number; column: string | null; code: string; text: string },
  ][] = [
    [
      "GB18030 file read as UTF-8",
      () => ({ bytes: LISTS_GB, encoding: "utf-8" }),
      { row: 1, column: null, code: "invalid_utf8", text: "GB18030" },
    ],
    [
      "UTF-8 file read as GB18030",
      () => ({ bytes: LISTS_UTF8, encoding: "gb18030" }),
      { row: 1, column: null, code: "looks_utf8", text: "UTF-8" },
    ],
    [
      "missing column 文书号",
      () => ({
        bytes: csv(
          rows.map((l) =>
            l
              .split(",")
              .filter((_c, i) => i !== 6)
              .join(","),
          ),
        ),
      }),
      { row: 1, column: "文书号", code: "missing_column", text: "缺少必需列「文书号」" },
    ],
    [
      "duplicate rows",
      () => ({ bytes: csv([...rows, rows[2]!]) }),
      { row: 8, column: null, code: "duplicate_row", text: "与第 3 行重复" },
    ],
    [
      "invalid USCC at row 5",
      () => ({
        bytes: csv(rows.map((l, i) => (i === 4 ? l.replace("92360481MA7QX3D55D", "92360481MA7QX3D55E") : l))),
      }),
      { row: 5, column: "统一社会信用代码", code: "uscc_check_digit", text: "第 18 位校验码应为「D」" },
    ],
    [
      "a code with a letter GB 32100 never uses",
      () => ({
        bytes: csv(rows.map((l, i) => (i === 2 ? l.replace("91360102MA7QX1B308", "91360102MA7QXIB308") : l))),
      }),
      { row: 3, column: "统一社会信用代码", code: "uscc_bad_char", text: "第 14 位字符「I」" },
    ],
    [
      "listing date in the future",
      () => ({ bytes: csv(rows.map((l, i) => (i === 1 ? l.replace("2026-10-12", "2027-01-05") : l))) }),
      { row: 2, column: "列入日期", code: "future_date", text: "列入日期 2027-01-05 在未来" },
    ],
    [
      "rectification before listing",
      () => ({
        bytes: csv(rows.map((l, i) => (i === 0 ? `${l},整改期限` : i === 2 ? `${l},2026-06-30` : `${l},`))),
      }),
      {
        row: 3,
        column: "整改期限",
        code: "rectify_before_listing",
        text: "整改期限 2026-06-30 早于列入日期 2026-07-20",
      },
    ],
    [
      "early removal of a 严重违法失信 entry",
      () => ({
        bytes: csv(rows.map((l, i) => (i === 0 ? `${l},移出日期` : i === 6 ? `${l},2026-11-01` : `${l},`))),
      }),
      { row: 7, column: "移出日期", code: "early_removal_refused", text: "严重违法失信名单列入满一年后方可" },
    ],
    [
      "merchant not in the registry (strict mode)",
      () => ({
        bytes: csv(rows.map((l, i) => (i === 6 ? l.replace("91320214MA7QX5F7XT", "91110000600037341L") : l))),
        strict: true,
      }),
      { row: 7, column: "统一社会信用代码", code: "unknown_merchant", text: "不在主体库中" },
    ],
    [
      "an unquoted comma shifts the columns",
      () => ({ bytes: csv(rows.map((l, i) => (i === 2 ? l.replace("刷单炒信", "刷单,炒信") : l))) }),
      { row: 3, column: null, code: "column_count", text: "列数" },
    ],
    [
      "an unknown list kind",
      () => ({ bytes: csv(rows.map((l, i) => (i === 1 ? l.replace("黑名单", "灰名单") : l))) }),
      { row: 2, column: "名单类型", code: "invalid_list", text: "灰名单" },
    ],
  ];

  it.each(cases)("%s", async (_name, make, want) => {
    const before = await databaseDigest(t.url);
    const report = await run({ kind: "lists", ...make() });
    expect(report.status).toBe("rejected");
    expect(report.errors[0]).toMatchObject({ row: want.row, column: want.column, code: want.code });
    expect(report.errors[0]!.message).toContain(want.text);
    if (want.row > 0) expect(report.errors[0]!.message).toMatch(new RegExp(`^第 ${want.row} 行`));
    expect(await databaseDigest(t.url)).toBe(before);
  });

  it("through the API: 422 with the same report, nothing written (after the key's first use)", async () => {
    await t.app.request("/api/v1/regulator/imports", bearer(keys.regulator)); // records lastUsedAt once
    const before = await databaseDigest(t.url);
    const res = await t.app.request(
      "/api/v1/regulator/imports/lists?encoding=utf-8",
      bearer(keys.regulator, { method: "POST", headers: { "content-type": "text/csv" }, body: LISTS_GB }),
    );
    expect(res.status).toBe(422);
    const report = await res.json<Json>();
    expect(report.errors[0].code).toBe("invalid_utf8");
    expect(await databaseDigest(t.url)).toBe(before);
  });

  it("a dry run reports what would change and writes nothing", async () => {
    const before = await databaseDigest(t.url);
    const report = await run({ kind: "lists", bytes: LISTS_GB, dryRun: true });
    expect(report).toMatchObject({
      status: "dry_run",
      encoding: "gb18030",
      rows: 6,
      inserted: 6,
      errorCount: 0,
    });
    expect(await databaseDigest(t.url)).toBe(before);
  });
});

describe("the 信用中国 sample imports; badges, records and the change feed reflect it", () => {
  it("GB18030 (auto-detected) applies, with provenance", async () => {
    const report = await run({
      kind: "lists",
      bytes: LISTS_GB,
      fileName: "lists-creditchina-sample.gb18030.csv",
    });
    expect(report).toMatchObject({
      status: "applied",
      encoding: "gb18030",
      format: "csv",
      rows: 6,
      inserted: 6,
      updated: 0,
    });
    expect(report.warnings.map((w) => w.code)).toEqual(["ignored_columns"]);
    const src = await t.db.select().from(sources).where(eq(sources.id, report.sourceId!)).get();
    expect(src).toMatchObject({
      kind: "list",
      fileSha256: report.fileSha256,
      importedBy: "test:importer",
      importedAt: TEST_NOW.toISOString(),
    });
    const entries = await t.db
      .select()
      .from(listEntries)
      .where(eq(listEntries.sourceId, report.sourceId!))
      .all();
    const byDoc = new Map(entries.map((e) => [e.documentNo, e]));
    // 赣信用办〔2018〕26号: rectify within 3 months of listing; red lists have no deadline.
    expect(byDoc.get("洪信用〔2026〕17号")).toMatchObject({
      listedAt: "2026-07-20",
      rectifyBy: "2026-10-20",
      displayUntil: "2029-07-19",
    });
    expect(byDoc.get("昆市监罚〔2026〕215号")).toMatchObject({
      list: "watch",
      category: "虚假宣传,以次充好",
      listedAt: "2026-09-03",
    });
    expect(byDoc.get("阜市监信〔2026〕3号")).toMatchObject({ list: "red", rectifyBy: null });
    expect(byDoc.get("锡市监严〔2026〕2号")).toMatchObject({ severe: true });
  });

  it("the listed shop's record, range bucket and badge data turn to danger", async () => {
    const rec = await (await t.app.request(`/api/v1/merchants/${NORMAL.uscc}`)).json<Json>();
    expect(rec.record.verdict).toBe("danger");
    expect(rec.record.lists).toContainEqual(
      expect.objectContaining({
        list: "black",
        category: "网络购物合同纠纷",
        documentNo: "苏发改信〔2026〕41号",
        rectifyBy: "2027-01-12",
        status: "active",
      }),
    );
    expect(rec.record.sources.map((s: { authority: string }) => s.authority)).toContain(
      "苏州市发展和改革委员会",
    );
    const shop = await (await t.app.request(`/api/v1/shops/taobao/${NORMAL.shops[0]![1]}`)).json<Json>();
    expect(shop.record.verdict).toBe("danger");
    const overdue = await (await t.app.request("/api/v1/merchants/91360102MA7QX1B308")).json<Json>();
    expect(overdue.record.lists[0]).toMatchObject({ status: "overdue" });
  });

  it("the partner's change feed carries the listing with its shops", async () => {
    const feed = await (
      await t.app.request("/api/v1/partner/changes?limit=1000", bearer(keys["platform:taobao"]))
    ).json<Json>();
    const mine = feed.changes.filter((c: { uscc: string }) => c.uscc === NORMAL.uscc);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      kind: "list",
      action: "list.added",
      shops: [NORMAL.shops[0]![1]],
      detail: { list: "black", documentNo: "苏发改信〔2026〕41号" },
    });
  });

  it("re-importing the same publication — as UTF-8 with or without BOM, or as JSON — changes nothing", async () => {
    const variants: [string, Uint8Array, Partial<ImportOptions>][] = [
      ["gb18030 again", LISTS_GB, {}],
      ["utf-8 with BOM", LISTS_UTF8, {}],
      ["utf-8 without BOM", LISTS_UTF8.subarray(3), {}],
      ["gb18030 forced", LISTS_GB, { encoding: "gb18030" }],
      [
        "json",
        new TextEncoder().encode(
          JSON.stringify(
            sampleRows()
              .slice(1)
              .map((l) => {
                const header = sampleRows()[0]!.split(",");
                const cells = l.match(/("[^"]*"|[^,]+)/g)!.map((c) => c.replace(/^"|"$/g, ""));
                return Object.fromEntries(header.map((h, i) => [h, cells[i]]));
              }),
          ),
        ),
        { fileName: "lists.json" },
      ],
    ];
    for (const [name, bytes, extra] of variants) {
      const before = await databaseDigest(t.url);
      const report = await run({ kind: "lists", bytes, ...extra });
      expect({ name, status: report.status, unchanged: report.unchanged, errors: report.errors }).toEqual({
        name,
        status: "unchanged",
        unchanged: 6,
        errors: [],
      });
      expect(await databaseDigest(t.url)).toBe(before);
    }
  });

  it("through the API the same file is unchanged too; the GB18030 bytes decode to the UTF-8 text", async () => {
    expect(iconv.decode(Buffer.from(LISTS_GB), "gb18030")).toBe(
      new TextDecoder().decode(LISTS_UTF8.subarray(3)),
    );
    const res = await t.app.request(
      "/api/v1/regulator/imports/lists",
      bearer(keys.regulator, { method: "POST", headers: { "content-type": "text/csv" }, body: LISTS_UTF8 }),
    );
    expect(res.status).toBe(200);
    expect((await res.json<Json>()).status).toBe("unchanged");
  });

  it("a later publication that changes a row updates it and announces the update", async () => {
    const rows = sampleRows().map((l, i) => (i === 4 ? l.replace("2029-09-14", "2028-09-14") : l));
    const report = await run({ kind: "lists", bytes: csv(rows) });
    expect(report).toMatchObject({ status: "applied", inserted: 0, updated: 1, unchanged: 5 });
    const feed = await (
      await t.app.request("/api/v1/regulator/imports", bearer(keys.regulator))
    ).json<Json>();
    expect(feed.imports[0]).toMatchObject({ id: report.importId, updated: 1 });
  });
});

describe("other kinds", () => {
  it("grades accept 信用风险分类 words and feed the grade change", async () => {
    const g = csv([
      "统一社会信用代码,企业名称,风险分类,分类日期",
      "91341202MA7QX4E62H,阜阳苎禾食品有限公司,低风险,2026-10-01",
    ]);
    const r = await run({ kind: "grades", bytes: g });
    expect(r).toMatchObject({ status: "applied", inserted: 1 });
    const rec = await (await t.app.request("/api/v1/merchants/91341202MA7QX4E62H")).json<Json>();
    expect(rec.record.grade).toMatchObject({ level: "A", source: "official" });
    expect((await run({ kind: "grades", bytes: g })).status).toBe("unchanged");
  });

  it("permits and verifications land on the record; a pilot code is accepted by the registry import with a warning", async () => {
    const p = await run({
      kind: "permits",
      bytes: csv([
        "统一社会信用代码,许可证名称,许可证编号,发证机关,有效期自,有效期至",
        "91341202MA7QX4E62H,食品经营许可证,JY13412020099887,阜阳市颍州区市场监督管理局,2026-01-10,2031-01-09",
      ]),
    });
    expect(p).toMatchObject({ status: "applied", inserted: 1 });
    const v = await run({
      kind: "verifications",
      bytes: csv([
        "统一社会信用代码,平台,核验方式,核验日期",
        "91341202MA7QX4E62H,京东,电子营业执照,2026-10-02",
      ]),
    });
    expect(v).toMatchObject({ status: "applied", inserted: 1 });
    const rec = await (await t.app.request("/api/v1/merchants/91341202MA7QX4E62H")).json<Json>();
    expect(rec.record.permits[0]).toMatchObject({ kind: "食品经营许可证", number: "JY13412020099887" });
    expect(rec.record.verification[0]).toMatchObject({ platform: "jd", method: "电子营业执照" });
    const pilot = await run({
      kind: "merchants",
      bytes: csv([
        "统一社会信用代码,企业名称,登记机关",
        "91320411MA7QX6G8X0,常州栌岫贸易有限公司,常州市新北区市场监督管理局",
      ]),
    });
    expect(pilot.status).toBe("applied");
    expect(pilot.warnings.find((w) => w.code === "pilot_code")?.message).toMatch(
      /^第 2 行「统一社会信用代码」列：.*校验码.*按早期试点代码收录并标注/,
    );
  });
});
