/** 月报 as CSV: UTF-8 with BOM (Excel opens it as UTF-8), CRLF, every cell quoted when needed. */
import { PLATFORM_LABELS, type Platform } from "@xinbiao/db/model";
import type { MonthlyReport, MonthlyRow } from "./monthly-report.ts";

export const COLUMNS: [keyof MonthlyRow, string][] = [
  ["platform", "平台 platform"],
  ["region", "地区 region"],
  ["shopsAudited", "检查店铺数 shops audited"],
  ["compliant", "合规 compliant"],
  ["nonCompliant", "不合规 non-compliant"],
  ["review", "需人工复核 review"],
  ["error", "未完成 errors"],
  ["complianceRate", "合规率 compliance rate"],
  ["listAdded", "新增名单 list entries added"],
  ["listRemoved", "移出名单 list entries removed"],
  ["rectificationsDue", "本月到期整改 rectifications due"],
  ["rectificationsOverdue", "逾期未整改 overdue"],
  ["rectificationsDone", "本月完成整改 done"],
  ["objections", "异议 objections"],
  ["escalations", "升级处理 escalations"],
];

function cell(v: unknown): string {
  const s = v === null || v === undefined ? "" : String(v);
  // A leading = + - @ would be a formula in a spreadsheet: prefix it (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const platformZh = (p: string) => PLATFORM_LABELS[p as Platform]?.zh ?? p;

export function monthlyCsv(r: MonthlyReport): string {
  const lines = [COLUMNS.map(([, h]) => cell(h)).join(",")];
  for (const row of [...r.rows, r.total])
    lines.push(
      COLUMNS.map(([k]) =>
        cell(
          k === "platform"
            ? platformZh(row.platform)
            : k === "complianceRate"
              ? row.complianceRate === null
                ? ""
                : (row.complianceRate * 100).toFixed(1) + "%"
              : row[k],
        ),
      ).join(","),
    );
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
