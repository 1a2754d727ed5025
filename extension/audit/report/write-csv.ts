/**
 * report.csv: one row per page. UTF-8 with a BOM so Excel/WPS open Chinese correctly; csv-stringify
 * quotes as RFC 4180 wants and, with `escape_formulas`, prefixes a `'` to any cell starting with
 * = + - @ (tab, CR) so a hostile shop name or URL cannot run as a spreadsheet formula (CSV injection).
 */
import { stringify } from "csv-stringify/sync";
import { checkLabel, ERROR_LABELS, OUTCOME_LABELS } from "../engine/check-labels.ts";
import type { Report } from "./report-model.ts";
import { shanghaiTime } from "./time.ts";

export const BOM = "\uFEFF";

export const CSV_HEADER = [
  "序号 no",
  "网址 url",
  "平台 platform",
  "店铺ID shop id",
  "统一社会信用代码 USCC",
  "经营者 merchant",
  "结果 outcome",
  "风险标记 flags",
  "未通过的检查 failed checks",
  "错误 error",
  "HTTP",
  "截图 screenshot",
  "HTML SHA-256",
  "检查时间 audited at (Asia/Shanghai)",
];

export function reportCsv(report: Report): string {
  const rows = report.results.map((r) => [
    r.index + 1,
    r.requestedUrl,
    r.platform ?? "",
    r.shopId ?? "",
    r.uscc ?? "",
    r.merchantName ?? "",
    `${OUTCOME_LABELS[r.outcome].zh} ${r.outcome}`,
    r.flags.map((f) => (f === "black" ? "黑名单 black" : "重点关注 watch")).join("; "),
    r.checks
      .filter((c) => c.status === "fail" && c.kind === "display")
      .map((c) => `${checkLabel(c.id).zh}(${c.id}): ${c.zh}`)
      .join(" | "),
    r.error ? `${ERROR_LABELS[r.error.code].zh} ${r.error.code}` : "",
    r.evidence.httpStatus ?? "",
    r.evidence.screenshot ?? "",
    r.evidence.htmlSha256 ?? "",
    shanghaiTime(r.auditedAt),
  ]);
  return BOM + stringify([CSV_HEADER, ...rows], { escape_formulas: true, record_delimiter: "\r\n" });
}
