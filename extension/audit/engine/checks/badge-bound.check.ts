/**
 * badge.bound — a genuine Xinbiao badge (from the service origin) is bound to this shop; one copied
 * from another shop is misuse (DESIGN §6) and no display of this shop's license.
 */
import { defineCheck, evidenceOf, fail, na, pass } from "../check-def.ts";
import { badgeBoundKey, boundHere, fromService } from "../displays.ts";

export default defineCheck({
  id: "badge.bound",
  label: { zh: "标识绑定本店", en: "badge bound" },
  rule: "信标标识使用规则（DESIGN §6）；电子商务法 §15（链接标识）",
  kind: "display",
  severity: "critical",
  appliesTo: ["shop", "other"],
  fixtures: ["forgery_copied_svg"],
  run(ctx) {
    const badges = ctx.of("xinbiao_badge").filter((b) => fromService(b, ctx.serviceOrigin));
    if (!badges.length) return na("页面没有来自信标服务的标识", "no badge from the Xinbiao service");
    const r = ctx.record;
    const foreign = badges.filter((b) => !boundHere(b, ctx.here, r));
    const me = ctx.here ?? r?.uscc ?? "?";
    if (foreign.length)
      return fail(
        `信标标识绑定的是 ${badgeBoundKey(foreign[0]!)}，不是本店 ${me}（从其他店铺复制）`,
        `the Xinbiao badge is bound to ${badgeBoundKey(foreign[0]!)}, not this shop ${me} (copied from another shop)`,
        foreign.map((b) => evidenceOf(b, { expected: me, actual: badgeBoundKey(b) ?? "" })),
      );
    return pass(
      "信标标识绑定本店",
      "the Xinbiao badge is bound to this shop",
      badges.slice(0, 2).map((b) => evidenceOf(b)),
    );
  },
});
