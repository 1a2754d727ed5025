/** Short names of the checks (report charts, CSV, the extension panel), from the check registry. */
import { CHECKS } from "./checks/registry.ts";
import type { ErrorCode, Outcome } from "./types.ts";

const LABELS: Record<string, { zh: string; en: string }> = Object.fromEntries(
  CHECKS.map((c) => [c.id, c.label]),
);

/** A check's label; an id no longer in the registry (an old report.json) shows as itself. */
export function checkLabel(id: string): { zh: string; en: string } {
  return LABELS[id] ?? { zh: id, en: id };
}

export const OUTCOME_LABELS: Record<Outcome, { zh: string; en: string }> = {
  compliant: { zh: "合规", en: "compliant" },
  non_compliant: { zh: "不合规", en: "non-compliant" },
  review: { zh: "需人工复核", en: "needs human review" },
  error: { zh: "未完成", en: "error" },
};

export const ERROR_LABELS: Record<ErrorCode, { zh: string; en: string }> = {
  timeout: { zh: "超时", en: "timeout" },
  http_404: { zh: "404 页面不存在", en: "404 not found" },
  http_error: { zh: "HTTP 错误", en: "HTTP error" },
  load_failed: { zh: "加载失败", en: "load failed" },
  crashed: { zh: "页面崩溃", en: "crashed" },
  not_a_shop_page: { zh: "非店铺页", en: "not a shop page" },
  registry_unavailable: { zh: "信标服务不可用", en: "registry unavailable" },
  non_html_pdf: { zh: "返回 PDF 文件，非网页", en: "answered a PDF, not a page" },
  non_html_image: { zh: "返回图片，非网页", en: "answered an image, not a page" },
  non_html_other: { zh: "返回非 HTML 内容", en: "answered non-HTML content" },
};
