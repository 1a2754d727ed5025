/**
 * Run one import (issue 5 item 3): decode → parse → map columns → validate every row → compare with
 * the database → report. Nothing is written unless every row is valid: a rejected import, a dry run
 * and a re-import of the same publication leave the database byte-for-byte unchanged. An applied
 * import writes its rows, the change feed, the audit rows, its provenance (`sources`: file SHA-256,
 * key, time) and its report (`import_runs`) in one `db.batch`, so readers see all of it or none.
 */
import type { Db } from "@xinbiao/db/client";
import { detectPersonalData, guardPublicText, type ListKind, shanghaiDate } from "@xinbiao/db/model";
import { importRuns, restrictedTexts, sources } from "@xinbiao/db/schema";
import { eq } from "drizzle-orm";
import { WriteSet } from "../audit-log/write-set.ts";
import { type ColumnSpec, mapHeader } from "./columns.ts";
import { decodeBytes, type EncodingOption } from "./decode.ts";
import { gradesImport } from "./grades.import.ts";
import { BulkInserts, commitImport } from "./import-commit.ts";
import type { ImportIssue, ImportKind, ImportKindName, IssueExtra, PlanRow, RowCtx } from "./import-kind.ts";
import { listsImport } from "./lists.import.ts";
import { merchantsImport } from "./merchants.import.ts";
import { permitsImport } from "./permits.import.ts";
import { detectPublication, PUBLICATION_TYPES, publicationByName, specialize } from "./publications/index.ts";
import { cellIndex, detectFormat, parseTable, type Table, type TableFormat } from "./table.ts";
import { parseDate } from "./values.ts";
import { verificationsImport } from "./verifications.import.ts";
import { looksLikeXlsx, parseXlsxTable } from "./xlsx.ts";

// biome-ignore lint/suspicious/noExplicitAny: each kind has its own row type
export const KINDS: Record<ImportKindName, ImportKind<any>> = {
  merchants: merchantsImport,
  permits: permitsImport,
  lists: listsImport,
  grades: gradesImport,
  verifications: verificationsImport,
};

/** `licenses` is what people call the permits import. */
export function kindByName(name: string): ImportKind<unknown> | null {
  const n = name === "licenses" ? "permits" : name;
  return (KINDS as Record<string, ImportKind<unknown>>)[n] ?? null;
}

export interface ImportOptions {
  /** The writer, or "auto": the publication type is detected from the header (publications/). */
  kind: ImportKindName | "auto";
  /** A publication type (publications/*.spec.ts) instead of a bare kind: its synonyms and fills apply. */
  publicationType?: string | undefined;
  bytes: Uint8Array;
  fileName: string;
  encoding?: EncodingOption;
  format?: TableFormat | undefined;
  /** XLSX: the sheet to read (name, or number from 1); default the first. */
  sheet?: string | number | undefined;
  dryRun?: boolean;
  /** Who imports: `key:<id> (regulator)` through the API, `cli:<user>` from the command line. */
  actor: string;
  list?: ListKind | undefined;
  /** Refuse the file when a row names a merchant not in the registry (default: create it from the publication). */
  strict?: boolean | undefined;
  title?: string | undefined;
  authority?: string | undefined;
  publishedAt?: string | undefined;
  url?: string | undefined;
  onProgress?: (phase: "validate" | "compare" | "write", done: number, total: number) => void;
}

/**
 * The publication date as a column, for every kind: 信用中国 and the provincial sites print 公示日期 /
 * 发布日期 beside each entry. Without the column, `--published-at` (API `publishedAt`) dates the file.
 */
export const PUBLISHED_AT_COLUMN: ColumnSpec = {
  field: "publishedAt",
  label: "公示日期",
  aliases: [
    "公示日期",
    "发布日期",
    "公布日期",
    "公示时间",
    "发布时间",
    "信息公示日期",
    "publishedAt",
    "published_at",
  ],
  required: false,
};

export type ImportStatus = "rejected" | "dry_run" | "applied" | "unchanged";

export interface ImportReport {
  status: ImportStatus;
  kind: ImportKindName | "auto";
  /** The publication type read (given or detected), e.g. abnormal_operations. */
  publicationType: string | null;
  /** True when the type was detected from the header (`npm run import -- FILE`). */
  detected: boolean;
  fileName: string;
  fileSha256: string;
  encoding: string | null;
  format: TableFormat | null;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Minimal merchants created from the publication (codes not yet in the registry; not with `strict`). */
  created: number;
  /** Rows not applied because the stored fact came from a newer publication (listed in `conflicts`). */
  skipped: number;
  /** Row by row: what was skipped and why (older publication than the stored fact). */
  conflicts: ImportIssue[];
  errorCount: number;
  /** The first MAX_ISSUES errors, by row. */
  errors: ImportIssue[];
  warnings: ImportIssue[];
  sourceId: string | null;
  importId: string | null;
  at: string;
}

export const MAX_ISSUES = 500;

async function sha256OfBytes(bytes: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
  return [...d].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function issue(
  row: number,
  column: string | null,
  code: string,
  zh: string,
  en: string,
  extra?: IssueExtra,
): ImportIssue {
  const where = row > 0 ? `第 ${row} 行${column ? `「${column}」列` : ""}：` : "";
  const whereEn = row > 0 ? `row ${row}${column ? `, column ${column}` : ""}: ` : "";
  const out: ImportIssue = { row, column, code, zh, en, message: `${where}${zh} / ${whereEn}${en}` };
  // Cell values in the report are capped: a 20 KB hostile cell would otherwise be echoed 500 times.
  // …and pass the PII guard: a report is kept in import_runs and shown on the dashboard.
  if (extra?.value !== undefined && extra.value !== "")
    out.value = guardPublicText(extra.value.slice(0, 200));
  if (extra?.expected !== undefined) out.expected = extra.expected;
  return out;
}

export async function runImport(db: Db, opts: ImportOptions, now: Date): Promise<ImportReport> {
  // The writer: a bare kind, a publication type's specialisation of one, or (auto) decided by the header.
  let spec = opts.publicationType ? publicationByName(opts.publicationType) : null;
  // biome-ignore lint/suspicious/noExplicitAny: each kind has its own row type
  let kind: ImportKind<any> = spec
    ? specialize(KINDS[spec.target], spec)
    : KINDS[opts.kind === "auto" ? "merchants" : opts.kind];
  const fileSha256 = await sha256OfBytes(opts.bytes);
  const today = shanghaiDate(now);
  const report: ImportReport = {
    status: "rejected",
    kind: spec ? spec.target : opts.kind,
    publicationType: spec?.type ?? (opts.kind === "auto" ? null : opts.kind),
    detected: false,
    fileName: opts.fileName,
    fileSha256,
    encoding: null,
    format: null,
    rows: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    created: 0,
    conflicts: [],
    errorCount: 0,
    errors: [],
    warnings: [],
    sourceId: null,
    importId: null,
    at: now.toISOString(),
  };
  const errors: ImportIssue[] = [];
  if (opts.publicationType && !spec) {
    errors.push(
      issue(
        0,
        null,
        "unknown_type",
        `没有这种公示类型：${opts.publicationType}（${PUBLICATION_TYPES.map((p) => p.type).join("、")}）`,
        `no such publication type: ${opts.publicationType} (${PUBLICATION_TYPES.map((p) => p.type).join(", ")})`,
      ),
    );
  }
  const reject = () => {
    errors.sort((a, b) => a.row - b.row);
    report.errorCount = errors.length;
    report.errors = errors.slice(0, MAX_ISSUES);
    report.status = "rejected";
    return report;
  };

  if (errors.length) return reject();
  const warnings: ImportIssue[] = [];
  const conflicts: ImportIssue[] = [];
  let specs = [...kind.columns, PUBLISHED_AT_COLUMN];
  let header: ReturnType<typeof mapHeader> | null = null;
  const columnOf = (field: string) =>
    header?.columns.get(field) ?? specs.find((c) => c.field === field)?.label ?? field;
  // The file's publication date as given (CLI --published-at / API publishedAt): checked like a cell.
  let givenDate: string | null = null;
  if (opts.publishedAt !== undefined && opts.publishedAt !== "") {
    givenDate = parseDate(opts.publishedAt);
    if (!givenDate)
      errors.push(
        issue(
          0,
          null,
          "invalid_published_at",
          `公示日期「${opts.publishedAt}」不是有效日期（应为 2026-11-08 等格式）`,
          `publication date ${JSON.stringify(opts.publishedAt)} is not a valid date (use e.g. 2026-11-08)`,
        ),
      );
    else if (givenDate > today)
      errors.push(
        issue(
          0,
          null,
          "future_published_at",
          `公示日期 ${givenDate} 在未来（今天是 ${today}）`,
          `publication date ${givenDate} is in the future (today is ${today})`,
        ),
      );
    if (errors.length) return reject();
  }
  // Decode, parse and validate in a function of their own: the decoded text, the parsed table (a Map
  // per row) and the duplicate index die when it returns, instead of staying reachable from this
  // frame through the write (issue 7: ~1 KB per row, 1 GB at a million rows, and every major GC of
  // the write phase marked it again).
  // XLSX is read before the rest (the reader is asynchronous); its table is handed over once.
  let xlsx: Table | null = null;
  if (
    opts.format === "xlsx" ||
    (opts.format === undefined && (looksLikeXlsx(opts.bytes) || /\.xlsx$/i.test(opts.fileName)))
  ) {
    const parsed = await parseXlsxTable(opts.bytes, opts.sheet);
    report.format = "xlsx";
    report.encoding = "xlsx (UTF-8 XML)";
    if (!parsed.ok) {
      const p = parsed.problem;
      errors.push(issue(p.line, p.column ?? null, p.code, p.zh, p.en));
      return reject();
    }
    xlsx = parsed.table;
  }
  const readTable = (): { table: Table; format: TableFormat } | null => {
    if (xlsx) {
      const table = xlsx;
      xlsx = null;
      return { table, format: "xlsx" };
    }
    const decoded = decodeBytes(opts.bytes, opts.encoding ?? "auto");
    if (!decoded.ok) {
      errors.push(
        issue(decoded.problem.line, null, decoded.problem.code, decoded.problem.zh, decoded.problem.en),
      );
      return null;
    }
    report.encoding = decoded.encoding + (decoded.bom ? " (BOM)" : "");
    const format = opts.format ?? detectFormat(opts.fileName, decoded.text);
    report.format = format;
    const parsed = parseTable(decoded.text, format === "xlsx" ? "csv" : format);
    if (!parsed.ok) {
      const p = parsed.problem;
      errors.push(issue(p.line, p.column ?? null, p.code, p.zh, p.en));
      return null;
    }
    return { table: parsed.table, format };
  };
  // The type first (detected from the header when not given), then what it loads from the database.
  const detect = (table: Table): boolean => {
    if (!spec && opts.kind === "auto") {
      const d = detectPublication(table.header, PUBLICATION_TYPES);
      if (!d.spec) {
        errors.push(
          d.ambiguous
            ? issue(
                1,
                null,
                "type_ambiguous",
                `无法判断公示类型：表头同时符合 ${d.candidates.map((c) => `${c.zh}（${c.type}）`).join("、")}，请指定类型`,
                `the header fits several publication types (${d.candidates.map((c) => c.type).join(", ")}); name one`,
              )
            : issue(
                1,
                null,
                "type_unknown",
                `无法从表头判断公示类型（${PUBLICATION_TYPES.map((p) => p.type).join("、")}），请指定类型`,
                `the header matches no known publication type (${PUBLICATION_TYPES.map((p) => p.type).join(", ")}); name one`,
              ),
        );
        return false;
      }
      spec = d.spec;
      report.kind = spec.target;
      report.publicationType = spec.type;
      report.detected = true;
    }
    return true;
  };
  const read = (got: { table: Table; format: TableFormat }) => {
    const { table, format } = got;
    report.rows = table.rows.length;
    const mapped = mapHeader(table.header, specs);
    header = mapped;
    for (const m of mapped.missing)
      errors.push(
        issue(
          1,
          m.label,
          "missing_column",
          `缺少必需列「${m.label}」（可用列名：${m.aliases.filter((a) => /[^ -~]/.test(a)).join("、")}）`,
          `required column ${m.label} is missing (accepted names: ${m.aliases.join(", ")})`,
        ),
      );
    for (const c of mapped.conflicts)
      errors.push(
        issue(
          1,
          c.headers.join("、"),
          "ambiguous_column",
          `多列表示同一项：${c.headers.join("、")}`,
          `several columns mean the same field: ${c.headers.join(", ")}`,
        ),
      );
    if (kind.publicationDateRequired && !givenDate && !mapped.columns.has("publishedAt"))
      errors.push(
        issue(
          1,
          PUBLISHED_AT_COLUMN.label,
          "missing_publication_date",
          "缺少公示日期：名单类公示须注明发布日期，才能判断新旧（请加「公示日期」列，或指定 --published-at YYYY-MM-DD，API 参数 publishedAt）",
          "no publication date: a list publication must carry its date so an older one cannot replace a newer one (add a 公示日期 column, or pass --published-at YYYY-MM-DD, API publishedAt)",
        ),
      );
    if (errors.length) return null;
    if (table.rows.length === 0) {
      errors.push(issue(1, null, "no_rows", "文件只有表头，没有数据行", "the file has a header but no rows"));
      return null;
    }
    for (const pr of mapped.preferred)
      warnings.push(
        issue(
          1,
          pr.used,
          "column_preferred",
          `「${pr.used}」与 ${pr.others.map((o) => `「${o}」`).join("")} 表示同一项，按「${pr.used}」读取`,
          `${pr.used} and ${pr.others.join(", ")} mean the same field; ${pr.used} is read`,
        ),
      );
    if (mapped.ignored.length)
      warnings.push(
        issue(
          1,
          null,
          "ignored_columns",
          `以下列未使用：${mapped.ignored.join("、")}`,
          `columns not used: ${mapped.ignored.join(", ")}`,
        ),
      );

    // 1. Row by row, no database.
    const valid: PlanRow<unknown>[] = [];
    const seen = new Map<string, number>();
    const at = cellIndex(table.header);
    // One context for every row (its closures read the current row): a registry file has a million.
    let row = table.rows[0]!;
    const rowCtx: RowCtx = {
      line: row.line,
      today,
      options: { list: opts.list, strict: opts.strict },
      has: (f) => mapped.columns.has(f),
      get: (f) => {
        const h = mapped.columns.get(f);
        const c = h === undefined ? undefined : at.get(h);
        return c === undefined ? "" : (row.cells[c] ?? "").trim();
      },
      error: (f, code, zh, en, extra) =>
        errors.push(issue(row.line, columnOf(f), code, zh, en, { value: rowCtx.get(f), ...extra })),
      warn: (f, code, zh, en) => warnings.push(issue(row.line, columnOf(f), code, zh, en)),
    };
    const hasDateColumn = mapped.columns.has("publishedAt");
    const restrictedRaw: {
      line: number;
      key: string;
      value: unknown;
      publishedAt: string | null;
      field: string;
      raw: string;
    }[] = [];
    table.rows.forEach((r, i) => {
      row = r;
      rowCtx.line = r.line;
      const before = errors.length;
      let publishedAt = givenDate;
      if (hasDateColumn) {
        const raw = rowCtx.get("publishedAt");
        if (raw) {
          const d = parseDate(raw);
          if (!d)
            rowCtx.error(
              "publishedAt",
              "invalid_date",
              `公示日期「${raw}」不是有效日期（应为 2026-11-08 等格式）`,
              `publication date ${JSON.stringify(raw)} is not a valid date (use e.g. 2026-11-08)`,
            );
          else if (d > today)
            rowCtx.error(
              "publishedAt",
              "future_date",
              `公示日期 ${d} 在未来（今天是 ${today}）`,
              `publication date ${d} is in the future (today is ${today})`,
            );
          else publishedAt = d;
        } else if (!givenDate && kind.publicationDateRequired)
          rowCtx.error("publishedAt", "required", "缺少公示日期", "publication date is empty");
      }
      const value = kind.parseRow(rowCtx);
      if (value !== null && errors.length === before) {
        // Issue 13 item 1: personal data inside a free-text public cell (a 失信类别 carrying an ID
        // number or a phone) is masked before it is stored where public surfaces read it; the raw
        // text goes to restricted_texts, which only the regulator reads.
        const cells = value as Record<string, unknown>;
        let masked: { field: string; raw: string }[] | null = null;
        for (const f of kind.publicText) {
          const raw = cells[f];
          if (typeof raw !== "string" || raw === "") continue;
          const g = guardPublicText(raw);
          if (g === raw) continue;
          cells[f] = g;
          if (detectPersonalData(raw).length === 0) continue; // only invisible controls were dropped
          masked ??= [];
          masked.push({ field: f, raw });
          rowCtx.warn(
            f,
            "personal_data_masked",
            "含个人信息（身份证号、手机号、电话或银行卡号），公开值已遮蔽；原文仅监管部门可见",
            "carries personal data (ID, phone or bank-card number); masked in public, the raw text is kept for the regulator only",
          );
        }
        const key = kind.key(value);
        if (masked)
          for (const m of masked) restrictedRaw.push({ line: row.line, key, value, publishedAt, ...m });
        const first = seen.get(key);
        if (first !== undefined)
          errors.push(
            issue(
              row.line,
              null,
              "duplicate_row",
              `与第 ${first} 行重复（同一主体、名单与文书号）`,
              `duplicates row ${first} (same key ${key})`,
            ),
          );
        else {
          seen.set(key, row.line);
          valid.push({ line: row.line, value, publishedAt });
        }
      }
      if ((i + 1) % 200 === 0 || i + 1 === table.rows.length)
        opts.onProgress?.("validate", i + 1, table.rows.length);
    });
    // Row errors do not stop here: the valid rows are still compared with the database, so checks
    // that need it (codes not in the registry, a check character only a registered pilot code may
    // fail) land in the same report instead of a second round (issue 15).
    return { columns: mapped.columns, valid, format, restrictedRaw };
  };
  let got = readTable();
  if (!got || !detect(got.table)) return reject();
  if (spec) {
    kind = specialize(KINDS[spec.target], spec, spec.prepare ? await spec.prepare(db) : undefined);
    specs = [...kind.columns, PUBLISHED_AT_COLUMN];
  }
  const readResult = read(got);
  got = null; // the parsed table dies here, before the write (issue 7)
  if (!readResult) return reject();
  const { columns, valid, format, restrictedRaw } = readResult;

  // The file's date where a row has none: as given, else its latest fact date, else today.
  const authorities = new Map<string, number>();
  let latest: string | undefined;
  const rowDates = new Set<string>();
  for (const r of valid) {
    const a = kind.authorityOf?.(r.value);
    if (a) authorities.set(a, (authorities.get(a) ?? 0) + 1);
    const d = kind.dateOf?.(r.value);
    if (d && (latest === undefined || d > latest)) latest = d;
    if (r.publishedAt) rowDates.add(r.publishedAt);
  }
  const fileDate = givenDate ?? (rowDates.size ? [...rowDates].sort().at(-1)! : (latest ?? today));
  // One `sources` row per publication date in the file (one in the common case, with the id it always had).
  const sourceId = `src-${kind.kind}-${fileSha256.slice(0, 16)}`;
  const dated = rowDates.size > 1 || (rowDates.size === 1 && !rowDates.has(fileDate));
  const sourceIdOf = (date: string) =>
    dated && date !== fileDate ? `${sourceId}-${date.replaceAll("-", "")}` : sourceId;
  const usedSources = new Map<string, string>();
  const sourceOf = (r: { publishedAt: string | null }) => {
    if (!dated) return sourceId;
    const date = r.publishedAt ?? fileDate;
    const id = sourceIdOf(date);
    usedSources.set(id, date);
    return id;
  };
  const stored = new Map(
    (await db.select({ id: sources.id, publishedAt: sources.publishedAt }).from(sources)).map((s) => [
      s.id,
      s.publishedAt.slice(0, 10),
    ]),
  );

  // 2. Against the database: registry membership, what is new, what changed.
  const ws = new WriteSet(opts.actor);
  const bulk = new BulkInserts();
  await kind.plan({
    db,
    rows: valid,
    ws,
    insert: (table, row) => bulk.add(table, row),
    sourceId,
    sourceOf,
    olderThanStored: (r, storedId, what) => {
      const theirs = storedId ? stored.get(storedId) : undefined;
      const mine = r.publishedAt ?? fileDate;
      if (!theirs || mine >= theirs) return false;
      report.skipped++;
      conflicts.push(
        issue(
          r.line,
          null,
          "older_publication",
          `本行所属公示（${mine}）早于已收录的${what}所依据的公示（${theirs}，来源 ${storedId}），未覆盖较新的公示`,
          `this row's publication (${mine}) is older than the publication the stored ${what} comes from (${theirs}, source ${storedId}); the newer publication stands`,
        ),
      );
      return true;
    },
    now,
    today,
    options: { list: opts.list, strict: opts.strict },
    has: (f) => columns.has(f),
    error: (line, f, code, zh, en, extra) => errors.push(issue(line, columnOf(f), code, zh, en, extra)),
    warn: (line, f, code, zh, en) => warnings.push(issue(line, columnOf(f), code, zh, en)),
    counted: (o) => {
      report[o]++;
    },
    progress: (done) => {
      if (done % 200 === 0 || done === valid.length) opts.onProgress?.("compare", done, valid.length);
    },
  });
  warnings.sort((a, b) => a.row - b.row);
  report.warnings = warnings.slice(0, MAX_ISSUES);
  conflicts.sort((a, b) => a.row - b.row);
  report.conflicts = conflicts.slice(0, MAX_ISSUES);
  // Raw texts of masked cells, once per (fact, field, text); rows skipped as older are not recorded.
  const skippedLines = new Set(conflicts.map((c) => c.row));
  const restrictedRows: (typeof restrictedTexts.$inferInsert)[] = [];
  if (restrictedRaw.length) {
    const known = new Set(
      (
        await db
          .select({ k: restrictedTexts.entityKey, f: restrictedTexts.field, t: restrictedTexts.rawText })
          .from(restrictedTexts)
          .where(eq(restrictedTexts.entity, kind.entity))
      ).map((r) => `${r.k}\u0000${r.f}\u0000${r.t}`),
    );
    for (const m of restrictedRaw) {
      if (skippedLines.has(m.line)) continue;
      const id = `${m.key}\u0000${m.field}\u0000${m.raw}`;
      if (known.has(id)) continue;
      known.add(id);
      restrictedRows.push({
        entity: kind.entity,
        entityKey: m.key,
        uscc: (m.value as { uscc: string }).uscc,
        field: m.field,
        rawText: m.raw,
        sourceId: sourceOf(m),
        recordedAt: now.toISOString(),
      });
    }
  }
  if (errors.length) {
    report.inserted = report.updated = report.unchanged = report.skipped = report.created = 0;
    report.conflicts = [];
    return reject();
  }
  if (opts.dryRun) {
    report.status = "dry_run";
    return report;
  }
  if (report.inserted + report.updated + report.created === 0) {
    report.status = "unchanged";
    return report;
  }

  // 3. One transaction: provenance first (rows reference it), then rows, feed, audit, report.
  // A random tail: the same file imported twice in one millisecond (two API calls, or a test clock
  // that stands still) must not collide on the primary key and fail with a 500 (found by issue 8's fuzzing).
  const importId = `imp-${now.getTime().toString(36)}-${fileSha256.slice(0, 8)}-${[...crypto.getRandomValues(new Uint8Array(3))].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
  // The parsed rows are done with: what is written is in `bulk` and `ws`. Let them go before the
  // write (at a million rows ~150 MB that every GC of the write would mark again; issue 7).
  valid.length = 0;
  const topAuthority = [...authorities.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  // Provenance per fact (issue 15): every fact references a source carrying its publication date,
  // the file's SHA-256 and the agency. The file's own source is always written (import_runs points at it).
  usedSources.set(sourceId, fileDate);
  const final = new WriteSet(opts.actor);
  for (const [id, publishedAt] of [...usedSources].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (stored.has(id)) continue;
    const source = {
      id,
      title: opts.title ?? opts.fileName,
      authority: opts.authority ?? topAuthority ?? "未注明 / unspecified",
      publishedAt,
      url: opts.url ?? null,
      kind: kind.sourceKind,
      fileSha256,
      importedBy: opts.actor,
      importedAt: report.at,
    };
    final.add(db.insert(sources).values(source));
    final.log({ action: "source.create", entity: "source", entityId: id, after: source });
  }
  final.add(...ws.statements);
  for (const a of ws.audit) final.log(a);
  for (const c of ws.changes) final.change(c);
  for (const u of ws.touched) final.touch(u);
  report.sourceId = sourceId;
  report.importId = importId;
  report.status = "applied";
  const runRow = {
    id: importId,
    kind: kind.kind,
    sourceId,
    fileName: opts.fileName,
    fileSha256,
    encoding: report.encoding ?? "",
    actor: opts.actor,
    at: report.at,
    rows: report.rows,
    inserted: report.inserted,
    updated: report.updated,
    unchanged: report.unchanged,
    report: {
      warnings: report.warnings,
      conflicts: report.conflicts,
      skipped: report.skipped,
      created: report.created,
      format,
    },
  };
  final.add(db.insert(importRuns).values(runRow));
  final.log({
    action: "import.apply",
    entity: "import",
    entityId: importId,
    after: { ...runRow, report: undefined, warnings: report.warnings.length },
  });
  for (const r of restrictedRows) bulk.add(restrictedTexts, r);
  opts.onProgress?.("write", 0, 1);
  await commitImport(db, final, bulk.groups, now);
  opts.onProgress?.("write", 1, 1);
  return report;
}
