/** platform.creditchina — a platform's home page links to 信用中国 (赣信用办〔2018〕26号; 瑞昌 意见 §(三)). */
import { defineCheck } from "../check-def.ts";
import { platformLink } from "../platform-link.ts";
import { CREDITCHINA_HOST } from "../rules.ts";

export default defineCheck({
  id: "platform.creditchina",
  label: { zh: "信用中国链接", en: "Credit China link" },
  rule: "赣信用办〔2018〕26号",
  kind: "display",
  severity: "major",
  appliesTo: ["platform_home"],
  fixtures: ["home_no_links"],
  run: (ctx) => platformLink(ctx, CREDITCHINA_HOST, "「信用中国」", "Credit China"),
});
