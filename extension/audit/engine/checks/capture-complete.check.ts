/**
 * capture.complete — no silent caps: when the capture stopped at a bound (text nodes, frames, images,
 * the late-render wait) the audit says so, and an absence found under a cap is "needs human review"
 * (license.present), not a violation. Cross-origin frames the capture could not read are listed.
 */
import { defineCheck, pass, review } from "../check-def.ts";

export default defineCheck({
  id: "capture.complete",
  label: { zh: "页面读取完整", en: "capture complete" },
  rule: "审计证据规则（issue 16：上限须报告）",
  kind: "risk",
  severity: "minor",
  appliesTo: ["shop", "other", "platform_home"],
  fixtures: [],
  run(ctx) {
    const caps = (ctx.snapshot.caps ?? []).filter((c) => c.reached);
    const s = ctx.snapshot.settle;
    const unread = (ctx.snapshot.frames ?? []).filter((f) => !f.read);
    const notes: { zh: string; en: string }[] = caps.map((c) => ({ zh: c.zh, en: c.en }));
    if (s && !(s.networkIdle && s.mutationQuiet))
      notes.push({
        zh: `页面在 ${s.boundMs} ms 内未静止（网络空闲 ${s.networkIdle ? "是" : "否"}，DOM 静止 ${s.mutationQuiet ? "是" : "否"}）`,
        en: `page did not settle within ${s.boundMs} ms (network idle ${s.networkIdle}, DOM quiet ${s.mutationQuiet})`,
      });
    if (unread.length)
      notes.push({
        zh: `${unread.length} 个跨域框架未读取（${unread[0]!.src.slice(0, 80)}）`,
        en: `${unread.length} cross-origin frame(s) not read (${unread[0]!.src.slice(0, 80)})`,
      });
    if (!notes.length) return pass("页面完整读取", "page read completely");
    return review(notes.map((n) => n.zh).join("；"), notes.map((n) => n.en).join("; "));
  },
});
