/** Short names of the checks (report charts, CSV, the extension panel). */
import type { CheckId, ErrorCode, Outcome } from "./types.ts";

export const CHECK_LABELS: Record<CheckId, { zh: string; en: string }> = {
  "license.present": { zh: "亮照", en: "license shown" },
  "license.prominent": { zh: "显著展示", en: "prominent" },
  "identity.uscc": { zh: "信用代码一致", en: "USCC matches" },
  "identity.name": { zh: "名称一致", en: "name matches" },
  "license.status": { zh: "执照状态如实", en: "status honest" },
  "permits.shown": { zh: "许可证展示", en: "permits shown" },
  "exemption.statement": { zh: "免登记声明", en: "exemption statement" },
  "badge.bound": { zh: "标识绑定本店", en: "badge bound" },
  "badge.signature": { zh: "标识签名有效", en: "badge signature" },
  "registry.record": { zh: "登记记录", en: "registry record" },
  "lists.active": { zh: "黑名单/重点关注", en: "black/watch list" },
  "platform.creditchina": { zh: "信用中国链接", en: "Credit China link" },
  "platform.province_credit": { zh: "省级信用网站链接", en: "provincial credit link" },
  "platform.gsxt": { zh: "公示系统链接", en: "GSXT link" },
};

export const OUTCOME_LABELS: Record<Outcome, { zh: string; en: string }> = {
  compliant: { zh: "合规", en: "compliant" },
  non_compliant: { zh: "不合规", en: "non-compliant" },
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
};
