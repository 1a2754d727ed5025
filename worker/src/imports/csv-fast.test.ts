/**
 * The fast CSV reader must read every file it accepts exactly as csv-parse (table.ts's options) does —
 * same fields, same line numbers — and leave every other file to csv-parse. Checked on generated
 * files built from the pieces that make CSV hard: quotes, doubled quotes, commas and line breaks in
 * quotes, CRLF, bare CR, blank lines, spaces and other whitespace at field edges, ragged rows, a BOM.
 */
import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCsvFast } from "./csv-fast.ts";
import { parseTable } from "./table.ts";

function viaCsvParse(text: string): { fields: string[]; endLine: number }[] | string {
  try {
    return (
      parse(text, {
        bom: true,
        info: true,
        skip_empty_lines: true,
        trim: true,
        relax_column_count: false,
      }) as unknown as { record: string[]; info: { lines: number } }[]
    ).map((r) => ({ fields: r.record, endLine: r.info.lines }));
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

const piece = fc.constantFrom(
  "a",
  "主体名称",
  "91350100M000100Y43",
  " ",
  "\t",
  "\u3000",
  "\u00a0",
  ",",
  '"',
  '""',
  "\n",
  "\r\n",
  "\r",
  "x y",
  "黑名单",
);
const field = fc.oneof(
  fc.array(fc.constantFrom("a", "信", "1", " ", "-", "\u3000"), { maxLength: 4 }).map((a) => a.join("")),
  fc
    .array(fc.constantFrom("a", ",", '""', "\n", "\r\n", "标", " "), { maxLength: 4 })
    .map((a) => `"${a.join("")}"`),
  fc.array(piece, { maxLength: 3 }).map((a) => a.join("")),
);
const file = fc
  .record({
    bom: fc.boolean(),
    eol: fc.constantFrom("\n", "\r\n"),
    width: fc.integer({ min: 1, max: 4 }),
    rows: fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
    blankAfter: fc.array(fc.boolean(), { maxLength: 6 }),
    trailingEol: fc.boolean(),
  })
  .map(
    (f) =>
      (f.bom ? "\uFEFF" : "") +
      f.rows.map((r, i) => (f.blankAfter[i] ? `${r.join(",")}${f.eol}` : r.join(","))).join(f.eol) +
      (f.trailingEol ? f.eol : ""),
  );
/** Files that are usually well-formed, so the accepting branch gets exercised too. */
const tidy = fc
  .record({
    eol: fc.constantFrom("\n", "\r\n"),
    rows: fc.array(
      fc.tuple(
        fc.constantFrom("a", " b ", '"c,d"', '"e""f"', '"g\nh"', '"i\r\nj"', "", "信标"),
        fc.constantFrom("1", "  2", '"3"', ' "4" ', "五", ""),
      ),
      { minLength: 1, maxLength: 8 },
    ),
    blank: fc.integer({ min: -1, max: 8 }),
  })
  .map((f) => {
    const lines = f.rows.map((r) => r.join(",").replace(/\r?\n/g, f.eol));
    if (f.blank >= 0) lines.splice(f.blank, 0, "");
    return `${lines.join(f.eol)}${f.eol}`;
  });

describe("readCsvFast", () => {
  it("reads what it accepts exactly as csv-parse does (fields and line numbers)", () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(file, tidy), (text) => {
        const fast = readCsvFast(text);
        if (fast === null) return;
        accepted++;
        expect(fast).toEqual(viaCsvParse(text));
      }),
      { numRuns: 3000, seed: 7 },
    );
    // The comparison means something only if many files were taken by the fast reader.
    expect(accepted).toBeGreaterThan(500);
  });

  it("leaves malformed files to csv-parse, whose errors name the line", () => {
    for (const bad of [
      'a,b\n"1,2\n',
      "a,b\n1,2,3\n",
      'a,b\n1"x",2\n',
      'a,b\n"1"x,2\n',
      "a,b\r\n1,2\n3,4\r\n",
      "a,b\r1,2\r",
      "a,b\n\u3000,2\n",
    ]) {
      expect(readCsvFast(bad)).toBeNull();
      const t = parseTable(bad, "csv");
      if (!t.ok) expect(t.problem.line).toBeGreaterThan(0);
    }
    const r = parseTable('统一社会信用代码,主体名称\n"91350100M000100Y43,x\n', "csv");
    expect(r).toMatchObject({ ok: false, problem: { code: "quote_not_closed", line: 2 } });
  });

  it("numbers rows by the line they start on across blank lines; quoted line breaks go to csv-parse", () => {
    // A quoted line break goes to csv-parse, a blank line is read by the fast reader: same numbering.
    expect(readCsvFast('h1,h2\r\na,"x\r\ny"\r\n\r\nb,c\r\n')).toBeNull();
    const u = parseTable("h1,h2\r\na,x\r\n\r\nb,c\r\n", "csv");
    expect(readCsvFast("h1,h2\r\na,x\r\n\r\nb,c\r\n")).not.toBeNull();
    expect(u.ok && u.table.rows.map((r) => [r.line, r.cells[u.table.header.indexOf("h2")]])).toEqual([
      [2, "x"],
      [3, "c"],
    ]);
  });
});
