/**
 * Parse decoded text into a header and rows, remembering each row's line in the file so reports can
 * say "第 n 行". CSV through csv-parse (RFC 4180: quoted fields, embedded commas/newlines, CRLF);
 * JSON as an array of objects (or `{ "rows": [...] }` / `{ "data": [...] }`).
 */
import { CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";
import { type FastRecord, readCsvFast } from "./csv-fast.ts";

export interface TableRow {
  /** Line in the file where the record starts (CSV) or 1-based position (JSON). */
  line: number;
  /**
   * The row's values in header order (`Table.header`; "" where a JSON item lacks the key). An array,
   * not a Map per row: a million-row registry file held ~1 GB in per-row Maps (issue 7).
   */
  cells: string[];
}

/** Where each header name's value sits in `TableRow.cells` (a repeated name: its last column). */
export function cellIndex(header: readonly string[]): Map<string, number> {
  const at = new Map<string, number>();
  for (let i = 0; i < header.length; i++) at.set(header[i]!, i);
  return at;
}

export type TableFormat = "csv" | "json" | "xlsx";

export interface Table {
  format: TableFormat;
  header: string[];
  rows: TableRow[];
}

export interface TableProblem {
  line: number;
  column?: string;
  code: string;
  zh: string;
  en: string;
}

export type TableResult = { ok: true; table: Table } | { ok: false; problem: TableProblem };

export function detectFormat(fileName: string, text: string): "csv" | "json" {
  if (/\.json$/i.test(fileName)) return "json";
  if (/\.csv$/i.test(fileName)) return "csv";
  const first = text.trimStart()[0];
  return first === "[" || first === "{" ? "json" : "csv";
}

export function parseTable(text: string, format: "csv" | "json"): TableResult {
  return format === "json" ? parseJsonTable(text) : parseCsvTable(text);
}

/**
 * Tab-separated when the header line has more tabs than commas: Excel's "Unicode 文本" export (UTF-16LE,
 * tab-separated) and many "导出为 TXT" buttons of credit sites write that.
 */
export function delimiterOf(text: string): "," | "\t" {
  const nl = text.indexOf("\n");
  const first = nl < 0 ? text : text.slice(0, nl);
  let tabs = 0;
  let commas = 0;
  for (let i = 0; i < first.length; i++) {
    const c = first.charCodeAt(i);
    if (c === 9) tabs++;
    else if (c === 44) commas++;
  }
  return tabs > commas ? "\t" : ",";
}

function parseCsvTable(text: string): TableResult {
  const delimiter = delimiterOf(text);
  // The common case (well-formed publication) through the fast reader; anything it does not take —
  // including every malformed file — goes to csv-parse, which also words the errors.
  const fast = delimiter === "," ? readCsvFast(text) : null;
  if (fast && fast.length > 0) return { ok: true, table: tableOfFast(fast) };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (e) {
    if (e instanceof CsvError) {
      const line = (e as unknown as { lines?: number }).lines ?? 0;
      if (e.code === "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH") {
        const rec = (e as unknown as { record?: string[] }).record;
        return {
          ok: false,
          problem: {
            line,
            code: "column_count",
            zh: `第 ${line} 行的列数（${rec?.length ?? "?"}）与表头不一致，请检查是否有未加引号的逗号`,
            en: `line ${line} has ${rec?.length ?? "a different number of"} fields, unlike the header; check for unquoted commas`,
          },
        };
      }
      if (e.code === "CSV_QUOTE_NOT_CLOSED") {
        return {
          ok: false,
          problem: {
            line,
            code: "quote_not_closed",
            zh: `第 ${line} 行起的引号没有闭合`,
            en: `a quote opened near line ${line} is never closed`,
          },
        };
      }
      return {
        ok: false,
        problem: {
          line,
          code: "csv_syntax",
          zh: `CSV 格式错误（第 ${line} 行）：${e.message}`,
          en: `CSV syntax error at line ${line}: ${e.message}`,
        },
      };
    }
    throw e;
  }
  if (records.length === 0)
    return { ok: false, problem: { line: 1, code: "empty", zh: "文件为空", en: "the file is empty" } };
  return { ok: true, table: tableOf(records) };
}

function tableOf(records: { record: string[]; info: { lines: number } }[]): Table {
  const header = records[0]!.record;
  let prevEnd = records[0]!.info.lines;
  const rows: TableRow[] = new Array(records.length - 1);
  for (let n = 1; n < records.length; n++) {
    const r = records[n]!;
    // info.lines is the line where the record ends; a quoted field may span lines, so the record
    // starts right after the previous one (blank lines skipped are rare enough to ignore here).
    const start = Math.min(prevEnd + 1, r.info.lines);
    prevEnd = r.info.lines;
    const cells = r.record;
    for (let i = cells.length; i < header.length; i++) cells.push("");
    rows[n - 1] = { line: start, cells };
  }
  return { format: "csv", header, rows };
}

/** `tableOf` for the fast reader's records: same lines, each record's field array kept as its cells. */
function tableOfFast(records: FastRecord[]): Table {
  const header = records[0]!.fields;
  let prevEnd = records[0]!.endLine;
  const rows: TableRow[] = new Array(records.length - 1);
  for (let n = 1; n < records.length; n++) {
    const r = records[n]!;
    const start = Math.min(prevEnd + 1, r.endLine);
    prevEnd = r.endLine;
    rows[n - 1] = { line: start, cells: r.fields };
  }
  return { format: "csv", header, rows };
}

/**
 * The array of items inside the common API envelopes: a bare array, `{rows:[…]}`, `{data:[…]}`,
 * `{data:{list:[…]}}` (信用中国 and most provincial credit APIs: `{code, msg, data:{total, list}}`),
 * `{data:{records:[…]}}` / `{data:{rows:[…]}}` (paged list APIs), `{result:{list:[…]}}`.
 */
export function rowsOfJson(data: unknown): unknown[] | undefined {
  if (Array.isArray(data)) return data;
  if (!data || typeof data !== "object") return undefined;
  const o = data as Record<string, unknown>;
  for (const k of ["rows", "list", "records", "items"]) if (Array.isArray(o[k])) return o[k] as unknown[];
  for (const k of ["data", "result"]) {
    const inner = o[k];
    if (Array.isArray(inner)) return inner;
    if (inner && typeof inner === "object") {
      const found = rowsOfJson(inner);
      if (found) return found;
    }
  }
  return undefined;
}

function parseJsonTable(text: string): TableResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    return {
      ok: false,
      problem: {
        line: 0,
        code: "json_syntax",
        zh: `JSON 格式错误：${(e as Error).message}`,
        en: `invalid JSON: ${(e as Error).message}`,
      },
    };
  }
  const arr = rowsOfJson(data);
  if (!Array.isArray(arr))
    return {
      ok: false,
      problem: {
        line: 0,
        code: "json_shape",
        zh: "JSON 应为对象数组，或含 rows / data / data.list / data.records / result.list 数组的对象（常见接口外层）",
        en: "JSON must be an array of objects, or an API envelope holding one: { rows | data | data.list | data.records | result.list: [...] }",
      },
    };
  const header: string[] = [];
  const at = new Map<string, number>();
  const rows: TableRow[] = [];
  for (const [i, item] of arr.entries()) {
    if (!item || typeof item !== "object" || Array.isArray(item))
      return {
        ok: false,
        problem: {
          line: i + 1,
          code: "json_row",
          zh: `第 ${i + 1} 条不是对象`,
          en: `item ${i + 1} is not an object`,
        },
      };
    const cells: string[] = [];
    for (const [k, v] of Object.entries(item)) {
      let c = at.get(k);
      if (c === undefined) {
        c = header.push(k) - 1;
        at.set(k, c);
      }
      cells[c] =
        v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v).trim();
    }
    rows.push({ line: i + 1, cells });
  }
  // Items that lack a key the header gained later read "" there (the Map per row answered undefined → "").
  for (const r of rows) for (let c = 0; c < header.length; c++) r.cells[c] ??= "";
  return { ok: true, table: { format: "json", header, rows } };
}
