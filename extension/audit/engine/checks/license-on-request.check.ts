/**
 * license.on_request — "营业执照信息请联系在线客服索取": withholding the license behind a chat is not
 * "持续公示" (电子商务法 §15; 市场主体登记管理条例 §36). Fails when the phrase is there and the license is
 * not displayed otherwise.
 */
import { defineCheck, evidenceOf, fail, na, pass } from "../check-def.ts";

export default defineCheck({
  id: "license.on_request",
  label: { zh: "不以“联系客服”代替亮照", en: "not withheld behind customer service" },
  rule: "电子商务法 §15（持续公示）；市场主体登记管理条例 §36",
  kind: "display",
  severity: "critical",
  appliesTo: ["shop", "other"],
  fixtures: ["evasion_ask_service", "evasion_ask_service_footer"],
  run(ctx) {
    const asks = ctx.of("license_on_request");
    if (!asks.length)
      return na("页面未要求联系客服索取执照", "no 'ask customer service for the license' phrasing");
    if (ctx.displays.length)
      return pass(
        "执照已展示（另有联系客服的说明）",
        "license shown (besides a 'contact customer service' note)",
        asks.slice(0, 2).map((e) => evidenceOf(e)),
      );
    return fail(
      `以“联系客服索取”代替亮照：「${asks[0]!.text.slice(0, 60)}」`,
      `license withheld behind customer service: "${asks[0]!.text.slice(0, 60)}"`,
      asks.slice(0, 3).map((e) => evidenceOf(e)),
    );
  },
});
