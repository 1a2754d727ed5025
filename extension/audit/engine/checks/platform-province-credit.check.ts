/** platform.province_credit — a platform's home page links to a provincial credit site (赣信用办〔2018〕26号: 信用江西 …). */
import { defineCheck } from "../check-def.ts";
import { platformLink } from "../platform-link.ts";
import { PROVINCE_CREDIT_HOST } from "../rules.ts";

export default defineCheck({
  id: "platform.province_credit",
  label: { zh: "省级信用网站链接", en: "provincial credit link" },
  rule: "赣信用办〔2018〕26号",
  kind: "display",
  severity: "major",
  appliesTo: ["platform_home"],
  fixtures: ["home_no_links", "home_creditchina_only"],
  run: (ctx) =>
    platformLink(
      ctx,
      PROVINCE_CREDIT_HOST,
      "省级信用网站（如「信用江苏」「信用江西」）",
      "a provincial credit site (e.g. Credit Jiangsu)",
    ),
});
