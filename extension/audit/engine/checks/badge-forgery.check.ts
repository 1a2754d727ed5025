/**
 * badge.forgery — a Xinbiao badge is ours only when its image or script comes from the configured
 * service origin (DESIGN §6). A look-alike (an SVG at /badge/taobao/100003.svg on the shop's own origin,
 * an inline SVG saying 信标) is reported as a possible forgery with its source as evidence — 反不正当
 * 竞争法 §6 (混淆), 电子商务法 §17 (虚假宣传) are the regulator's to apply; the audit shows the facts.
 */
import { defineCheck, evidenceOf, fail, na, pass, review } from "../check-def.ts";
import { fromService } from "../displays.ts";

export default defineCheck({
  id: "badge.forgery",
  label: { zh: "标识来源真实", en: "badge genuine" },
  rule: "电子商务法 §17；反不正当竞争法 §6；信标标识使用规则（DESIGN §6）",
  kind: "display",
  severity: "critical",
  appliesTo: ["shop", "other"],
  fixtures: ["forgery_own_origin_svg", "forgery_inline_svg", "forgery_blacklisted_green"],
  run(ctx) {
    const badges = ctx.of("xinbiao_badge");
    if (!badges.length) return na("页面没有信标标识", "no Xinbiao badge on the page");
    if (!ctx.serviceOrigin)
      return review(
        "未配置信标服务地址，无法判断标识来源",
        "no service origin configured: the badge's origin cannot be judged",
        badges.map((b) => evidenceOf(b)),
      );
    const fake = badges.filter((b) => !fromService(b, ctx.serviceOrigin));
    if (!fake.length)
      return pass(
        `信标标识来自信标服务 ${ctx.serviceOrigin}`,
        `badges come from the service ${ctx.serviceOrigin}`,
        badges.slice(0, 2).map((b) => evidenceOf(b)),
      );
    const originOf = (s: string | undefined) => {
      try {
        return s ? new URL(s).origin : "内嵌 inline";
      } catch {
        return s ?? "内嵌 inline";
      }
    };
    const f = fake[0]!;
    return fail(
      `疑似伪造的信标标识：来源 ${originOf(f.src)}，不是信标服务 ${ctx.serviceOrigin}`,
      `possible forged Xinbiao badge: served from ${originOf(f.src)}, not the service ${ctx.serviceOrigin}`,
      fake.map((b) => evidenceOf(b, { expected: ctx.serviceOrigin!, actual: originOf(b.src) })),
    );
  },
});
