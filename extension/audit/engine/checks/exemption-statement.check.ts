/**
 * exemption.statement — a natural-person seller exempt from registration shows the 电子商务法 §10
 * statement (电子商务法 §15 "依法不需要办理市场主体登记情形等信息").
 */
import { defineCheck, evidenceOf, fail, na, pass } from "../check-def.ts";
import { isProminent } from "../prominence.ts";

export default defineCheck({
  id: "exemption.statement",
  label: { zh: "免登记声明", en: "exemption statement" },
  rule: "电子商务法 §10、§15",
  kind: "display",
  severity: "critical",
  appliesTo: ["shop", "other"],
  fixtures: ["nat_person_no_statement"],
  run(ctx) {
    const r = ctx.record;
    if (!r || (r.kind !== "natural_person" && r.license.status !== "exempt"))
      return na("非自然人经营者", "not a natural-person seller");
    const st = ctx.of("exemption").filter((e) => e.visible);
    if (st.length)
      return pass(
        st.some(isProminent)
          ? "已展示自然人免于登记声明（电子商务法第十条）"
          : "已展示免于登记声明（位置见显著展示一项）",
        "exemption statement shown (E-Commerce Law §10)",
        st.slice(0, 2).map((e) => evidenceOf(e)),
      );
    return fail(
      "自然人经营者未展示免于登记声明（电子商务法第十条、第十五条）",
      "natural-person seller shows no exemption statement (E-Commerce Law §10, §15)",
    );
  },
});
