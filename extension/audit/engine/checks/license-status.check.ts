/**
 * license.status — a revoked or cancelled license must not be shown as valid (市场主体登记管理条例 §36
 * asks for true information; a 吊销/注销 subject may not trade as if registered, §46).
 */
import { defineCheck, evidenceOf, fail, na, pass } from "../check-def.ts";
import { ENDED_WORDS, VALID_WORDS } from "../rules.ts";

export default defineCheck({
  id: "license.status",
  label: { zh: "执照状态如实", en: "status honest" },
  rule: "市场主体登记管理条例 §36、§46；电子商务法 §15",
  kind: "display",
  severity: "critical",
  appliesTo: ["shop", "other"],
  fixtures: ["revoked_shown_valid"],
  run(ctx) {
    const r = ctx.record;
    const ended = r && (r.license.status === "revoked" || r.license.status === "cancelled");
    if (!r || !ended) return na("执照未被吊销或注销", "license not revoked or cancelled");
    const claims = ctx.of("status_claim");
    const validClaims = claims.filter(
      (e) => VALID_WORDS.test(e.value ?? "") && !ENDED_WORDS.test(e.value ?? ""),
    );
    const honest = claims.some((e) => ENDED_WORDS.test(e.value ?? ""));
    const word = r.license.status === "revoked" ? "吊销" : "注销";
    const en = r.license.status;
    if (validClaims.length || (ctx.displays.length && !honest))
      return fail(
        `执照已${word}，页面仍作为有效执照展示`,
        `license ${en}, yet the page shows it as valid`,
        (validClaims.length ? validClaims : ctx.displays)
          .slice(0, 3)
          .map((e) => evidenceOf(e, { expected: en, actual: e.value ?? "shown as valid" })),
      );
    return pass(`页面如实标明执照已${word}`, `page states the license is ${en}`);
  },
});
