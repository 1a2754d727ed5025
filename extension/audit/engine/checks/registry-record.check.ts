/**
 * registry.record — the shop's signed record was found and verifies; without it nothing on the page
 * can be compared (a record whose signature fails is trusted for nothing, DESIGN §6).
 */
import { defineCheck, pass } from "../check-def.ts";

export default defineCheck({
  id: "registry.record",
  label: { zh: "登记记录", en: "registry record" },
  rule: "信标记录签名（DESIGN §3、§6）",
  kind: "risk",
  severity: "minor",
  appliesTo: ["shop", "other"],
  fixtures: [],
  run(ctx) {
    const v = ctx.recordVerification;
    if (v && !v.ok)
      return {
        status: "fail",
        severity: "critical",
        zh: `登记记录签名校验失败（${v.reason}），不作比对`,
        en: `registry record signature failed (${v.reason}); nothing compared`,
      };
    const r = ctx.record;
    if (!r)
      return {
        status: "fail",
        severity: "major",
        zh: "店铺未在信标登记，无法比对名称与代码",
        en: "shop not in the Xinbiao registry; name and code cannot be compared",
      };
    return pass(`登记记录已校验：${r.name}`, `registry record verified: ${r.name}`);
  },
});
