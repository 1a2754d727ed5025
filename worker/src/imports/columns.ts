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
  /** Required unless this other field's column is present (e.g. 失信类别 or 列入原因). */
  orField?: string;
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
  /** the same header written twice for one field */
  conflicts: { field: string; headers: string[] }[];
  /**
   * Several different headers for one field (双公示 行政许可 carries 许可证书名称 and 许可类别, 有效期自 and
   * 许可决定日期; 信用中国 exports 认定部门 and 决定机关): the first in the field's alias order is used, the
   * others are reported (issue 15: such files were refused as ambiguous).
   */
  preferred: { field: string; used: string; others: string[] }[];
}

export function mapHeader(header: string[], specs: ColumnSpec[]): HeaderMap {
  const columns = new Map<string, string>();
  const conflicts: HeaderMap["conflicts"] = [];
  const preferred: HeaderMap["preferred"] = [];
  const used = new Set<string>();
  const normalized = header.map(normalizeLabel);
  for (const spec of specs) {
    const order = [spec.field, ...spec.aliases].map(normalizeLabel);
    const rank = new Map<string, number>();
    order.forEach((n, i) => {
      if (!rank.has(n)) rank.set(n, i);
    });
    const hits = header.filter((h, i) => !used.has(h) && rank.has(normalized[i]!));
    if (hits.length === 0) continue;
    const byLabel = new Map<string, string[]>();
    for (const h of hits) {
      const n = normalizeLabel(h);
      byLabel.set(n, [...(byLabel.get(n) ?? []), h]);
    }
    const best = [...byLabel.keys()].sort((a, b) => rank.get(a)! - rank.get(b)!)[0]!;
    const same = byLabel.get(best)!;
    if (same.length > 1) conflicts.push({ field: spec.field, headers: same });
    columns.set(spec.field, same[0]!);
    for (const h of same) used.add(h);
    const others = hits.filter((h) => normalizeLabel(h) !== best);
    if (others.length) preferred.push({ field: spec.field, used: same[0]!, others });
  }
  return {
    columns,
    missing: specs.filter(
      (s) => s.required && !columns.has(s.field) && !(s.orField && columns.has(s.orField)),
    ),
    ignored: header.filter((h) => !used.has(h) && h.trim() !== ""),
    conflicts,
    preferred,
  };
}
