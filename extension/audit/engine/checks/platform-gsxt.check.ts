/** platform.gsxt — a platform's home page links to 国家企业信用信息公示系统 (赣信用办〔2018〕26号; 企业信息公示暂行条例). */
import { defineCheck } from "../check-def.ts";
import { platformLink } from "../platform-link.ts";
import { GSXT_HOST } from "../rules.ts";

export default defineCheck({
  id: "platform.gsxt",
  label: { zh: "公示系统链接", en: "GSXT link" },
  rule: "赣信用办〔2018〕26号；企业信息公示暂行条例",
  kind: "display",
  severity: "major",
  appliesTo: ["platform_home"],
  fixtures: ["home_no_links", "home_creditchina_only"],
  run: (ctx) =>
    platformLink(
      ctx,
      GSXT_HOST,
      "国家企业信用信息公示系统",
      "the National Enterprise Credit Information Publicity System",
    ),
});
