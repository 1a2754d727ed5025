/**
 * Cell parsers shared by the import kinds. Dates come as 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日,
 * 20260305 or an Excel serial (46334); they are checked for being real calendar dates.
 */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) {
    // An Excel date serial (a date cell exported as its number, common in XLSX and in CSV saved from
    // it): days since 1899-12-30 (the epoch that absorbs Lotus 1-2-3's phantom 1900-02-29). Only
    // 5-digit serials (1954–2119) are taken, so a stray count or year is not read as a date.
    const serial = /^(\d{5})(?:\.\d+)?$/.exec(s);
    if (!serial) return null;
    const n = Number(serial[1]);
    if (n < 20000 || n > 80000) return null;
    return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10);
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

/** Display end dates may say the entry is shown without end. */
export function isOpenEnded(raw: string): boolean {
  return /^(长期|永久|无固定期限|-|—)$/.test(raw.trim());
}

export function parseBool(raw: string): boolean | null {
  const s = raw.trim().toLowerCase();
  if (["是", "y", "yes", "true", "1", "严重"].includes(s)) return true;
  if (["否", "n", "no", "false", "0", ""].includes(s)) return false;
  return null;
}

export function parseListKind(raw: string): "red" | "black" | "watch" | null {
  const s = raw.trim().toLowerCase();
  if (!s) return null;
  if (s === "black" || s.includes("黑名单") || s.includes("失信")) return "black";
  if (s === "watch" || s.includes("重点关注")) return "watch";
  if (s === "red" || s.includes("红名单") || s.includes("守信")) return "red";
  return null;
}
