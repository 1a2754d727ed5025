/**
 * XLSX (Office Open XML, ECMA-376) publications: the first sheet, or the one named/numbered by
 * `--sheet`, read through read-excel-file (maintained, no native code; its `universal` entry reads an
 * ArrayBuffer on Node and on Workers alike) into the same Table as CSV and JSON.
 * Cells: text as written (trimmed), numbers as their text (`parseNumber` keeps "0012" and long codes
 * intact), date-formatted cells as YYYY-MM-DD. Excel stores dates as floating local dates; the library
 * gives them as UTC midnight of that date, so the UTC calendar date is the date the sheet shows.
 */
import { readSheet, SheetNotFoundError } from "read-excel-file/universal";
import type { Table, TableResult, TableRow } from "./table.ts";

/** ZIP local-file-header magic ("PK\3\4"): every XLSX starts with it. */
export function looksLikeXlsx(bytes: Uint8Array): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString().slice(0, 10);
  return String(v).trim();
}

export async function parseXlsxTable(bytes: Uint8Array, sheet?: string | number): Promise<TableResult> {
  let data: unknown[][];
  try {
    const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    data = (await readSheet(buf, sheet ?? 1, { parseNumber: (s: string) => s, trim: true })) as unknown[][];
  } catch (e) {
    if (e instanceof SheetNotFoundError)
      return {
        ok: false,
        problem: {
          line: 0,
          code: "sheet_not_found",
          zh: `工作簿中没有工作表「${sheet}」（现有：${(e as unknown as { sheets?: string[] }).sheets?.join("、") ?? "?"}）`,
          en: `the workbook has no sheet ${JSON.stringify(sheet)} (it has: ${(e as unknown as { sheets?: string[] }).sheets?.join(", ") ?? "?"})`,
        },
      };
    return {
      ok: false,
      problem: {
        line: 0,
        code: "xlsx_invalid",
        zh: `无法读取 XLSX 文件：${(e as Error).message}（如为旧版 .xls，请在 Excel 中另存为 .xlsx 或 CSV）`,
        en: `cannot read the XLSX file: ${(e as Error).message} (an old .xls? save it as .xlsx or CSV)`,
      },
    };
  }
  // The header is the first row with two or more cells of text: publications often start with a
  // title row (one merged cell, e.g. "2026年第3批经营异常名录") or a blank row.
  const filled = (r: unknown[] | undefined) => (r ?? []).filter((c) => cellText(c) !== "").length;
  let h = 0;
  while (h < data.length && filled(data[h]) < 2) h++;
  if (h === data.length) {
    h = 0;
    while (h < data.length && filled(data[h]) === 0) h++;
  }
  const headerRow = data[h];
  if (!headerRow)
    return { ok: false, problem: { line: 1, code: "empty", zh: "工作表为空", en: "the sheet is empty" } };
  const header = headerRow.map(cellText);
  // Trailing empty header cells (formatting that runs past the table) are not columns.
  while (header.length && header.at(-1) === "") header.pop();
  const rows: TableRow[] = [];
  for (let i = h + 1; i < data.length; i++) {
    const src = data[i] ?? [];
    const cells = new Array<string>(header.length);
    let any = false;
    for (let c = 0; c < header.length; c++) {
      const t = cellText(src[c]);
      cells[c] = t;
      if (t) any = true;
    }
    // Empty rows are skipped like blank CSV lines; a row is its sheet row number (header row = its own).
    if (any) rows.push({ line: i + 1, cells });
    data[i] = []; // release the library's row as we go
  }
  const table: Table = { format: "xlsx", header, rows };
  return { ok: true, table };
}
