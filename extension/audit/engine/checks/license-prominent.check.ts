/**
 * license.prominent — "在首页显著位置，持续公示" (电子商务法 §15; 市场主体登记管理条例 §36): visible
 * without interaction, legible (size, contrast against the effective background), not covered, not
 * clipped or pushed off-screen, and in the first screen or the page's real header/footer band (found by
 * layout in capture.ts, not by class name: a mid-page div.floor-footer is not the footer).
 */
import { defineCheck, evidenceOf, fail, na, pass, uniq } from "../check-def.ts";
import { isProminent, notProminentReason } from "../prominence.ts";

export default defineCheck({
  id: "license.prominent",
  label: { zh: "显著展示", en: "prominent" },
  rule: "电子商务法 §15（显著位置，持续公示）；市场主体登记管理条例 §36",
  kind: "display",
  severity: "major",
  appliesTo: ["shop", "other"],
  fixtures: [
    "hidden_details",
    "hidden_collapsed",
    "tiny_text",
    "evasion_white_on_white",
    "evasion_overlay",
    "evasion_text_indent",
    "evasion_floor_footer",
    "evasion_offscreen",
    "evasion_clip_rect",
    "evasion_low_contrast_grey",
  ],
  run(ctx) {
    const d = ctx.displays;
    if (!d.length) return na("无可检查的展示", "nothing displayed to check");
    const ok = d.filter(isProminent);
    if (ok.length)
      return pass(
        "执照信息无需操作即可见、清晰可读，位于首屏或页面页头/页脚",
        "license information is visible without interaction, legible, in the first screen or the page header/footer",
        ok.slice(0, 3).map((e) => evidenceOf(e)),
      );
    const why = uniq(d.map((e) => notProminentReason(e)));
    return fail(
      `执照信息不显著：${why
        .map((w) => w.zh)
        .slice(0, 3)
        .join("；")}`,
      `license information not prominent: ${why
        .map((w) => w.en)
        .slice(0, 3)
        .join("; ")}`,
      d.slice(0, 5).map((e) => evidenceOf(e)),
    );
  },
});
