/**
 * identity.uscc — the 统一社会信用代码 shown (as text, or read by OCR from a license photo) is the
 * registry's (电子商务法 §15 asks for true license information; GB 32100 codes). A mismatch names both.
 */
import { defineCheck, evidenceOf, fail, na, pass } from "../check-def.ts";
import type { PageElement } from "../types.ts";

/** Codes shown: text codes, and codes OCR read in license images. */
function shownCodes(
  of: (k: PageElement["kind"]) => PageElement[],
): { e: PageElement; code: string; how: string }[] {
  const text = of("uscc").map((e) => ({ e, code: e.value ?? "", how: "text" }));
  const ocr = of("license_image").flatMap((e) =>
    e.ocr?.state === "read" && e.ocr.uscc ? [{ e, code: e.ocr.uscc, how: "ocr" }] : [],
  );
  return [...text, ...ocr];
}

export default defineCheck({
  id: "identity.uscc",
  label: { zh: "信用代码一致", en: "USCC matches" },
  rule: "电子商务法 §15；GB 32100-2015",
  kind: "display",
  severity: "critical",
  appliesTo: ["shop", "other"],
  fixtures: ["uscc_mismatch", "image_other_company"],
  run(ctx) {
    const r = ctx.record;
    if (!r) return na("无可信的登记记录可比对", "no trusted registry record to compare with");
    const codes = shownCodes(ctx.of);
    if (!codes.length)
      return na("页面未以文字或图片展示统一社会信用代码", "no USCC shown as text or in an image");
    const wrong = codes.filter((c) => c.code !== r.uscc);
    if (wrong.length) {
      const w = wrong[0]!;
      const via = w.how === "ocr" ? "（图片识别）" : "";
      return fail(
        `统一社会信用代码不符：页面${via} ${w.code}，登记 ${r.uscc}`,
        `USCC mismatch: page shows${w.how === "ocr" ? " (in an image, OCR)" : ""} ${w.code}, registry has ${r.uscc}`,
        wrong.map((c) => evidenceOf(c.e, { expected: r.uscc, actual: c.code })),
      );
    }
    return pass(
      `统一社会信用代码与登记一致：${r.uscc}`,
      `USCC matches the registry: ${r.uscc}`,
      codes.slice(0, 2).map((c) => evidenceOf(c.e)),
    );
  },
});
