/**
 * lists.active — active 黑名单 / 重点关注 entries are flagged whatever the display (赣信用办〔2018〕26号;
 * 国发〔2016〕33号 联合惩戒). A risk fact: it flags, it does not decide the display outcome.
 */
import { defineCheck, fail, pass } from "../check-def.ts";

export default defineCheck({
  id: "lists.active",
  label: { zh: "黑名单/重点关注", en: "black/watch list" },
  rule: "赣信用办〔2018〕26号；国发〔2016〕33号",
  kind: "risk",
  severity: "critical",
  appliesTo: ["shop", "other"],
  fixtures: ["forgery_blacklisted_green"],
  run(ctx) {
    const entries = (ctx.record?.lists ?? []).filter((l) => l.list === "black" || l.list === "watch");
    if (!entries.length)
      return pass("无生效的黑名单或重点关注名单记录", "no active blacklist or watch-list entry");
    return fail(
      `列入${entries.map((l) => `${l.list === "black" ? "黑名单" : "重点关注名单"}（${l.category}，${l.documentNo}）`).join("；")}`,
      `listed: ${entries.map((l) => `${l.list === "black" ? "blacklist" : "watch list"} (${l.category}, ${l.documentNo})`).join("; ")}`,
    );
  },
});
