/**
 * license.present — the shop's main page shows the license information, the §10 exemption statement,
 * or a working link badge to them (电子商务法 §15; 市场主体登记管理条例 §36; §76 fines its absence).
 * Dead links, "ask customer service" and look-alike badges do not count (displays.ts); a license photo
 * that OCR could not read makes the answer "needs human review", never "absent".
 */
import { defineCheck, evidenceOf, fail, pass, review } from "../check-def.ts";

export default defineCheck({
  id: "license.present",
  label: { zh: "亮照", en: "license shown" },
  rule: "电子商务法 §15；市场主体登记管理条例 §36、§76",
  kind: "display",
  severity: "critical",
  appliesTo: ["shop", "other"],
  fixtures: [
    "evasion_javascript_link",
    "evasion_ask_service",
    "evasion_dead_link",
    "forgery_own_origin_svg",
    "forgery_copied_svg",
    "nat_person_no_statement",
    "missing",
  ],
  run(ctx) {
    if (ctx.displays.length)
      return pass(
        "店铺首页展示了营业执照信息或亮照链接",
        "license information or a link badge is on the shop's main page",
        ctx.displays.slice(0, 5).map((e) => evidenceOf(e)),
      );
    const capped = (ctx.snapshot.caps ?? []).filter((c) => c.reached);
    // A cross-origin frame cannot be read from the page: what it shows is for a person to look at.
    const unread = (ctx.snapshot.frames ?? []).filter((f) => !f.read && !/^about:/.test(f.src));
    if (unread.length && !ctx.undecided.length && !capped.length)
      return review(
        `未找到执照信息；页面有 ${unread.length} 个无法读取的跨域框架（${unread[0]!.src.slice(0, 80)}），需人工复核`,
        `no license information found; ${unread.length} cross-origin frame(s) could not be read (${unread[0]!.src.slice(0, 80)}): needs human review`,
      );
    if (ctx.undecided.length || capped.length)
      return review(
        ctx.undecided.length
          ? "页面有疑似营业执照图片，但无法自动识别其内容，需人工复核"
          : `页面读取达到上限（${capped.map((c) => c.zh).join("；")}），未找到执照信息，需人工复核`,
        ctx.undecided.length
          ? "the page has what looks like a license image that could not be read automatically: needs human review"
          : `capture reached a cap (${capped.map((c) => c.en).join("; ")}) without finding license information: needs human review`,
        ctx.undecided
          .slice(0, 5)
          .map((e) => evidenceOf(e, e.ocr?.state === "unavailable" ? { actual: e.ocr.reason } : {})),
      );
    return fail(
      "店铺首页未展示营业执照信息、豁免声明或有效的亮照链接（电子商务法第十五条）",
      "no license information, exemption statement or valid link badge on the shop's main page (E-Commerce Law §15)",
    );
  },
});
