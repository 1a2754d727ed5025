/**
 * Step "imports": merchants and list entries through the real import path (`runImport`: decode →
 * parse → map columns → validate → compare → one atomic write with change feed and audit rows),
 * from CSV files in the column names the publications use, beside a raw libSQL batch insert of the
 * same rows into the same schema (multi-row INSERTs through `client.batch` in write transactions of
 * 20k rows — see `rawInsert`) into a fresh file in the same run. The import writes more than the
 * baseline: one hash-chained audit row per new row (with the row's image), the provenance and the
 * import report — that is the real path's price.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openLibsql } from "@xinbiao/db/client";
import { migrateLibsql } from "@xinbiao/db/migrate";
import type { Dataset, ListEntryRow, MerchantRow } from "@xinbiao/db/seed";
import { runImport } from "../../worker/src/imports/run-import.ts";

export interface ImportFigure {
  rows: number;
  importMs: number;
  importRowsPerSec: number;
  rawMs: number;
  rawRowsPerSec: number;
  ratio: number;
  status: string;
  inserted: number;
  errors: number;
  fileBytes: number;
  /** Where the import's time went: decode + parse + validate, compare with the database, the write. */
  phasesMs: { read: number; compare: number; write: number };
}

export interface ImportsResult {
  path: string;
  /** What the raw baseline does (for results.md). */
  baseline: string;
  merchants: ImportFigure;
  lists: ImportFigure;
}

const KIND_ZH: Record<MerchantRow["kind"], string> = {
  enterprise: "企业",
  individual_business: "个体工商户",
  natural_person: "自然人",
  other: "其他",
};
const STATUS_ZH: Record<MerchantRow["licenseStatus"], string> = {
  active: "存续",
  abnormal: "经营异常",
  revoked: "吊销",
  cancelled: "注销",
  exempt: "免于登记",
};
const LIST_ZH = { black: "黑名单", watch: "重点关注名单", red: "红名单" } as const;

function csvCell(v: string | null | undefined): string {
  if (v === null || v === undefined) return "";
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
function csv(header: string[], rows: (string | null)[][]): string {
  return `${[header, ...rows].map((r) => r.map(csvCell).join(",")).join("\n")}\n`;
}

export function merchantsCsv(rows: MerchantRow[]): string {
  return csv(
    [
      "统一社会信用代码",
      "主体名称",
      "主体类型",
      "登记状态",
      "登记机关",
      "成立日期",
      "法定代表人",
      "住所",
      "经营范围",
    ],
    rows.map((m) => [
      m.uscc,
      m.name,
      KIND_ZH[m.kind],
      STATUS_ZH[m.licenseStatus],
      m.authority,
      m.registeredAt,
      m.legalRepresentative,
      m.address,
      m.scope,
    ]),
  );
}

export function listsCsv(rows: ListEntryRow[], names: Map<string, string>): string {
  return csv(
    [
      "主体名称",
      "统一社会信用代码",
      "名单类型",
      "失信类别",
      "认定部门",
      "决定文书号",
      "列入日期",
      "公示截止日期",
      "整改期限",
    ],
    rows.map((e) => [
      names.get(e.uscc) ?? "",
      e.uscc,
      LIST_ZH[e.list],
      e.category,
      e.authority,
      e.documentNo,
      e.listedAt,
      e.displayUntil,
      e.rectifyBy,
    ]),
  );
}

async function freshDb(file: string) {
  for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
  const h = openLibsql({ url: `file:${file}` });
  await h.client.execute("PRAGMA journal_mode = WAL");
  await migrateLibsql(h.db);
  return h;
}

/** Bound parameters per baseline INSERT: a few hundred rows per statement (SQLite allows 32766). */
const RAW_PARAMS = 8000;
const RAW_ROWS_PER_TX = 20_000;

/**
 * The baseline: the same rows into the same schema, as fast as plain `@libsql/client` does it —
 * multi-row `INSERT … VALUES (…), (…), …` statements of ⌊8000 / columns⌋ rows with positional
 * arguments (3× the rate of single-row prepared INSERTs on this machine, bench/history.md), through
 * `client.batch(…, "write")`, 20k rows per write transaction, with the same 256 MB page cache the
 * import's transaction gets. No drizzle, no validation, no audit.
 */
async function rawInsert(
  h: Awaited<ReturnType<typeof freshDb>>,
  table: string,
  cols: string[],
  rows: unknown[][],
): Promise<number> {
  const head = `INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(", ")}) VALUES `;
  const tuple = `(${cols.map(() => "?").join(", ")})`;
  const per = Math.floor(RAW_PARAMS / cols.length);
  const full = head + Array.from({ length: per }, () => tuple).join(", ");
  // The import's transaction runs with a 256 MB page cache (import-commit.ts): so does the baseline.
  await h.client.execute("PRAGMA cache_size = -262144");
  const t = performance.now();
  for (let i = 0; i < rows.length; i += RAW_ROWS_PER_TX) {
    const stmts: { sql: string; args: (string | number | null)[] }[] = [];
    const end = Math.min(rows.length, i + RAW_ROWS_PER_TX);
    for (let s = i; s < end; s += per) {
      const e = Math.min(end, s + per);
      stmts.push({
        sql: e - s === per ? full : head + Array.from({ length: e - s }, () => tuple).join(", "),
        args: rows.slice(s, e).flat() as (string | number | null)[],
      });
    }
    await h.client.batch(stmts, "write");
  }
  return performance.now() - t;
}

export async function measureImports(
  ds: Dataset,
  outDir: string,
  maxLists: number,
  now: Date,
  log: (s: string) => void,
): Promise<ImportsResult> {
  const file = join(outDir, "imports.db");
  const h = await freshDb(file);
  // The list import needs its merchants: import them first (that is also the merchants figure).
  const mCsv = Buffer.from(merchantsCsv(ds.merchants));
  writeFileSync(join(outDir, "merchants.csv"), mCsv);
  const lists = ds.listEntries.slice(0, maxLists);
  const lCsv = Buffer.from(listsCsv(lists, new Map(ds.merchants.map((x) => [x.uscc, x.name]))));
  writeFileSync(join(outDir, "lists.csv"), lCsv);

  const figure = async (kind: "merchants" | "lists", bytes: Buffer, rows: number) => {
    log(`importing ${rows} ${kind} through runImport …`);
    const t = performance.now();
    const marks: Partial<Record<"compare" | "write" | "done", number>> = {};
    const rep = await runImport(
      h.db,
      {
        kind,
        bytes,
        fileName: `${kind}.csv`,
        actor: "cli:bench",
        title: `基准测试 ${kind}`,
        authority: "信标基准测试",
        publishedAt: now.toISOString().slice(0, 10),
        onProgress: (phase, done) => {
          if (phase === "compare") marks.compare ??= performance.now();
          else if (phase === "write") marks[done === 0 ? "write" : "done"] ??= performance.now();
        },
      },
      now,
    );
    const importMs = performance.now() - t;
    const at = (m: number | undefined) => (m ?? t + importMs) - t;
    const phasesMs = {
      read: at(marks.compare),
      compare: at(marks.write) - at(marks.compare),
      write: at(marks.done) - at(marks.write),
    };
    log(`  ${kind}: ${rep.status} in ${(importMs / 1000).toFixed(1)} s (${rep.inserted} inserted)`);
    if (rep.status !== "applied")
      log(
        `  ${kind}: status ${rep.status}, first errors: ${rep.errors
          .slice(0, 3)
          .map((e) => e.message)
          .join(" | ")}`,
      );
    return { rep, importMs, phasesMs };
  };

  const m = await figure("merchants", mCsv, ds.merchants.length);
  const l = await figure("lists", lCsv, lists.length);
  h.close();

  log("raw libSQL batch insert of the same rows …");
  const mCols = [
    "uscc",
    "name",
    "kind",
    "division_code",
    "license_status",
    "authority",
    "registered_at",
    "legal_representative",
    "address",
    "scope",
    "fresh_until",
    "source_id",
  ];
  const mRows = ds.merchants.map((r) => [
    r.uscc,
    r.name,
    r.kind,
    r.divisionCode,
    r.licenseStatus,
    r.authority,
    r.registeredAt,
    r.legalRepresentative,
    r.address,
    r.scope,
    r.freshUntil,
    null,
  ]);
  const raw = await freshDb(join(outDir, "raw.db"));
  const rawM = await rawInsert(raw, "merchants", mCols, mRows);
  const lCols = [
    "uscc",
    "list",
    "category",
    "authority",
    "document_no",
    "listed_at",
    "display_until",
    "rectify_by",
    "status",
    "source_id",
  ];
  const lRows = lists.map((e) => [
    e.uscc,
    e.list,
    e.category,
    e.authority,
    e.documentNo,
    e.listedAt,
    e.displayUntil,
    e.rectifyBy,
    e.status,
    null,
  ]);
  // List rows reference merchants (foreign keys are on): they go into the file the raw merchants
  // went into, as the import's lists went in after its merchants.
  const rawL = await rawInsert(raw, "list_entries", lCols, lRows);
  raw.close();

  const fig = (
    x: {
      rep: Awaited<ReturnType<typeof runImport>>;
      importMs: number;
      phasesMs: ImportFigure["phasesMs"];
    },
    rows: number,
    rawMs: number,
    bytes: number,
  ): ImportFigure => ({
    rows,
    importMs: x.importMs,
    importRowsPerSec: rows / (x.importMs / 1000),
    rawMs,
    rawRowsPerSec: rows / (rawMs / 1000),
    ratio: rows / (x.importMs / 1000) / (rows / (rawMs / 1000)),
    status: x.rep.status,
    inserted: x.rep.inserted,
    errors: x.rep.errorCount,
    fileBytes: bytes,
    phasesMs: x.phasesMs,
  });
  for (const f of ["imports.db", "raw.db"])
    for (const s of ["", "-wal", "-shm"]) rmSync(join(outDir, f + s), { force: true });
  return {
    path: "worker/src/imports/run-import.ts runImport (CSV, 统一社会信用代码/主体名称/… headers)",
    baseline:
      'the same rows into the same schema as multi-row INSERTs (⌊8000 ÷ columns⌋ rows per statement, positional arguments) through plain `@libsql/client` `batch(…, "write")`, 20k rows per transaction, 256 MB page cache (as the import’s transaction), into a fresh file; the import also writes one hash-chained audit row (with the row image) per new row, its provenance and its report',
    merchants: fig(m, ds.merchants.length, rawM, mCsv.length),
    lists: fig(l, lists.length, rawL, lCsv.length),
  };
}
