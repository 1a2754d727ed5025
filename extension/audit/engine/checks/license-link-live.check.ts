/**
 * license.link_live — a 营业执照 / 亮照 link that goes nowhere (`javascript:void(0)`, `#`, a 404) is no
 * "链接标识" (电子商务法 §15). Fails when such links are the page's only license display; when the license
 * is shown otherwise a dead extra link is reported as a pass with its evidence noted.
 */
import { defineCheck, evidenceOf, fail, na, pass } from "../check-def.ts";
import { deadLinkReason } from "../displays.ts";

export default defineCheck({
  id: "license.link_live",
  label: { zh: "亮照链接有效", en: "license link works" },
  rule: "电子商务法 §15（链接标识）",
  kind: "display",
  severity: "major",
  appliesTo: ["shop", "other"],
  fixtures: ["evasion_javascript_link", "evasion_dead_link"],
  run(ctx) {
    const links = [...ctx.of("license_link"), ...ctx.of("official_link")];
    if (!links.length) return na("页面没有亮照链接", "no license link on the page");
    const dead = links.filter((e) => deadLinkReason(e));
    if (!dead.length)
      return pass(
        "亮照链接有效",
        "license links work",
        links.slice(0, 2).map((e) => evidenceOf(e)),
      );
    const ev = dead.map((e) => evidenceOf(e, { actual: deadLinkReason(e)! }));
    if (ctx.displays.length)
      return pass(
        `执照已另行展示；另有 ${dead.length} 个无效亮照链接`,
        `license shown otherwise; ${dead.length} dead license link(s) besides`,
        ev,
      );
    return fail(
      `亮照链接无效：${deadLinkReason(dead[0]!)}`,
      `license link is dead: ${deadLinkReason(dead[0]!)}`,
      ev,
    );
  },
});
