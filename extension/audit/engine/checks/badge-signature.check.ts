/**
 * badge.signature — the record behind a genuine badge verifies against the service's key set
 * (Ed25519, DESIGN §3/§6). Look-alike badges are not verified here: badge.forgery reports them.
 */
import { defineCheck, evidenceOf, fail, na, pass } from "../check-def.ts";
import { badgeBoundKey, fromService } from "../displays.ts";
import type { PageElement } from "../types.ts";

export default defineCheck({
  id: "badge.signature",
  label: { zh: "标识签名有效", en: "badge signature" },
  rule: "信标记录签名（DESIGN §3、§6）",
  kind: "display",
  severity: "critical",
  appliesTo: ["shop", "other"],
  fixtures: [],
  run(ctx) {
    const badges = ctx.of("xinbiao_badge").filter((b) => fromService(b, ctx.serviceOrigin));
    if (!badges.length) return na("页面没有来自信标服务的标识", "no badge from the Xinbiao service");
    const why = (b: PageElement) => {
      const v = ctx.badgeVerifications[badgeBoundKey(b) ?? ""];
      return !v ? "unchecked" : v === "not_found" ? "not_found" : v.ok ? "ok" : v.reason;
    };
    const bad = badges.filter((b) => why(b) !== "ok");
    if (bad.length)
      return fail(
        `信标标识的记录无法校验（${why(bad[0]!)}）`,
        `the badge's record does not verify (${why(bad[0]!)})`,
        bad.map((b) => evidenceOf(b, { actual: why(b) })),
      );
    return pass(
      "信标标识的记录签名有效",
      "the badge's record signature verifies",
      badges.slice(0, 2).map((b) => evidenceOf(b)),
    );
  },
});
