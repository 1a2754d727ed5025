/**
 * Column names as agencies publish them. 信用中国 and the provincial credit sites (信用江苏, 信用江西 …)
 * label the same fact differently; each field lists the labels we accept. Matching ignores spaces,
 * full-width brackets, a trailing "*" or "（必填）" and the case of Latin letters.
 */
export interface ColumnSpec {
  field: string;
  /** The label used in reports when the column is missing. */
  label: string;
  aliases: string[];
  required: boolean;
}

export function normalizeLabel(s: string): string {
  return s
    .replace(/^\uFEFF/, "")
    .replace(/[（(]\s*必填\s*[)）]/g, "")
    .replace(/[*＊]/g, "")
    .replace(/[\s\u3000]/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .toLowerCase();
}

export interface HeaderMap {
  /** field → the header as written in the file */
  columns: Map<string, string>;
  missing: ColumnSpec[];
  /** headers we do not use (reported as a warning) */
  ignored: string[];
  /** two headers for the same field */
  conflicts: { field: string; headers: string[] }[];
}

export function mapHeader(header: string[], specs: ColumnSpec[]): HeaderMap {
  const columns = new Map<string, string>();
  const conflicts: HeaderMap["conflicts"] = [];
  const used = new Set<string>();
  for (const spec of specs) {
    const names = new Set([spec.field, ...spec.aliases].map(normalizeLabel));
    const hits = header.filter((h) => names.has(normalizeLabel(h)));
    if (hits.length > 1) conflicts.push({ field: spec.field, headers: hits });
    if (hits[0] !== undefined) {
      columns.set(spec.field, hits[0]);
      for (const h of hits) used.add(h);
    }
  }
  return {
    columns,
    missing: specs.filter((s) => s.required && !columns.has(s.field)),
    ignored: header.filter((h) => !used.has(h) && h.trim() !== ""),
    conflicts,
  };
}
