/**
 * What an auditor posts (issue 6 item 3): one row per audited page, as the audit CLI's --post sends
 * it (extension/audit/cli/post-results.ts). Each problem names the row (1-based, as in the CLI's
 * report) and the field, and a batch with any bad row is refused whole.
 */
import { isPlatform, PLATFORMS, validateUsccForImport } from "@xinbiao/db/model";
import { z } from "zod";

export const MAX_ROWS = 500;

const check = z.object({
  id: z
    .string()
    .regex(/^[a-z_]+\.[a-z_]+$/, "检查编号格式应为 area.name / check id must look like area.name"),
  status: z.enum(["pass", "fail", "na", "review"]),
  severity: z.enum(["critical", "major", "minor"]),
  zh: z.string().max(1000),
  en: z.string().max(1000),
});

export const auditRow = z.object({
  platform: z
    .string()
    .refine(
      isPlatform,
      `平台应为 ${PLATFORMS.join("、")} 之一 / platform must be one of ${PLATFORMS.join(", ")}`,
    ),
  shopId: z.string().regex(/^\d{3,20}$/, "店铺 ID 应为 3–20 位数字 / shopId must be 3–20 digits"),
  uscc: z
    .string()
    .nullable()
    .optional()
    .refine((u) => !u || validateUsccForImport(u, true).ok, "统一社会信用代码格式不对 / malformed USCC"),
  url: z
    .string()
    .max(2048, "网址过长（最多 2048 字符） / url longer than 2048 characters")
    .refine(
      (u) => /^https?:\/\//i.test(u) && URL.canParse(u),
      "网址应为 http(s) 网址 / url must be an http(s) URL",
    ),
  outcome: z.enum(
    ["compliant", "non_compliant", "review", "error"],
    "结果应为 compliant、non_compliant、review 或 error / outcome must be compliant, non_compliant, review or error",
  ),
  checks: z.array(check).max(64, "检查项最多 64 个 / at most 64 checks"),
  evidenceSha256: z
    .string()
    .regex(
      /^[0-9a-f]{64}$/,
      "证据哈希应为 64 位小写十六进制 SHA-256 / evidenceSha256 must be 64 lowercase hex digits",
    )
    .nullable()
    .optional(),
  /** Audit run id + page key: posting the same run again replaces its rows (issue 16). */
  runId: z.string().regex(/^ar_[0-9a-z_]{6,60}$/, "审计批次号格式应为 ar_… / runId must look like ar_…"),
  pageKey: z
    .string()
    .regex(/^[0-9a-f]{8,64}$/, "页面键应为 8–64 位十六进制 / pageKey must be 8–64 hex digits"),
  evidenceId: z
    .string()
    .regex(/^[0-9a-f]{20}$/, "证据编号应为 20 位十六进制 / evidenceId must be 20 hex digits")
    .nullable()
    .optional(),
  authority: z
    .string()
    .max(100, "登记机关过长（最多 100 字） / authority longer than 100 characters")
    .nullable()
    .optional(),
  auditedAt: z.iso.datetime({
    offset: true,
    message: "检查时间应为 ISO 8601 时间 / auditedAt must be an ISO 8601 date-time",
  }),
});

export const auditBatch = z.object({
  results: z
    .array(auditRow)
    .min(1, "结果为空 / results is empty")
    .max(MAX_ROWS, `每次最多提交 ${MAX_ROWS} 条 / at most ${MAX_ROWS} results per request`),
});

export type AuditRow = z.infer<typeof auditRow>;

export const summaryQuery = z.object({
  period: z
    .enum(["day", "week", "month"], "period 应为 day、week 或 month / period must be day, week or month")
    .default("month"),
  from: z.iso.date("from 应为 YYYY-MM-DD / from must be YYYY-MM-DD").optional(),
  to: z.iso.date("to 应为 YYYY-MM-DD / to must be YYYY-MM-DD").optional(),
  platform: z
    .string()
    .refine(isPlatform, `平台应为 ${PLATFORMS.join("、")} 之一 / unknown platform`)
    .optional(),
});
