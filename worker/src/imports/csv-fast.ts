/**
 * A fast reader for the CSV that registries and credit sites actually publish: RFC 4180 fields,
 * optionally quoted ("" inside quotes), LF or CRLF records, blank lines skipped, spaces and tabs
 * trimmed around fields. It returns exactly what csv-parse (configured as in table.ts: bom, trim,
 * skip_empty_lines, strict column count) returns for such a file, with the same line numbers — and
 * gives up (null) on anything else: an unclosed or stray quote, a line break inside quotes, a bare
 * CR, mixed line endings, a different number of fields, other whitespace at a field's edge. table.ts then hands the file to
 * csv-parse, which reads it or reports the problem with its line, as before.
 * Why: csv-parse reads 4–7 MB/s on the benchmark machine, i.e. ~40 s of a 1M-row registry file's
 * import (bench/history.md, imports). csv-fast.test.ts compares both readers on generated files.
 */

export interface FastRecord {
  fields: string[];
  /** Line on which the record ends (csv-parse's `info.lines`). */
  endLine: number;
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

const isBlank = (c: number) => c === SPACE || c === TAB;
/** Whitespace csv-parse and String.prototype.trim might treat differently: leave such files to csv-parse. */
const OTHER_SPACE = /^[\s\u0085\u180e\u200b\ufeff]$/;

export function readCsvFast(input: string): FastRecord[] | null {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const n = text.length;
  const crlf = text.indexOf("\r\n") >= 0;
  if (!crlf && text.indexOf("\r") >= 0) return null; // bare CR line breaks
  const records: FastRecord[] = [];
  let width = -1;
  let line = 1;
  let i = 0;
  while (i < n) {
    // A record starts here. Blank lines (nothing before the break) are skipped.
    const c0 = text.charCodeAt(i);
    if (c0 === LF && !crlf) {
      line++;
      i++;
      continue;
    }
    if (c0 === CR) {
      if (!crlf || text.charCodeAt(i + 1) !== LF) return null;
      line++;
      i += 2;
      continue;
    }
    const fields: string[] = [];
    for (;;) {
      // One field.
      let j = i;
      while (j < n && isBlank(text.charCodeAt(j))) j++;
      let value: string;
      if (j < n && text.charCodeAt(j) === QUOTE) {
        let k = j + 1;
        let parts = "";
        for (;;) {
          const q = text.indexOf('"', k);
          if (q < 0) return null; // never closed
          // A line break inside quotes: csv-parse's line count there has quirks (a CRLF can count
          // twice); such files are rare in publications and go to csv-parse.
          for (let p = k; p < q; p++) {
            const c = text.charCodeAt(p);
            if (c === LF || c === CR) return null;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            parts += `${text.slice(k, q)}"`;
            k = q + 2;
            continue;
          }
          value = parts + text.slice(k, q);
          j = q + 1;
          break;
        }
        while (j < n && isBlank(text.charCodeAt(j))) j++;
      } else {
        let k = j;
        for (; k < n; k++) {
          const c = text.charCodeAt(k);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) return null;
        }
        let e = k;
        while (e > j && isBlank(text.charCodeAt(e - 1))) e--;
        value = text.slice(j, e);
        j = k;
      }
      if (value.length > 0 && (OTHER_SPACE.test(value[0]!) || OTHER_SPACE.test(value[value.length - 1]!)))
        return null;
      fields.push(value);
      if (j >= n) {
        i = n;
        break;
      }
      const c = text.charCodeAt(j);
      if (c === COMMA) {
        i = j + 1;
        continue;
      }
      if (c === LF) {
        if (crlf) return null;
        i = j + 1;
        break;
      }
      if (c === CR) {
        if (!crlf || text.charCodeAt(j + 1) !== LF) return null;
        i = j + 2;
        break;
      }
      return null; // text after a closing quote
    }
    if (fields.length === 1 && fields[0] === "") return null; // a line of blanks: csv-parse decides
    if (width < 0) width = fields.length;
    else if (fields.length !== width) return null;
    records.push({ fields, endLine: line });
    line++;
  }
  return records;
}
