/**
 * permits.shown — permits the record holds for the business (食品经营许可证 for food: 食品安全法 §35 …)
 * are shown while valid (电子商务法 §15 "与其经营业务有关的行政许可信息"); a permit photo counts when OCR
 * read its kind; an expired permit is not required.
 */
import { defineCheck, evidenceOf, fail, na, pass, review } from "../check-def.ts";

export default defineCheck({
  id: "permits.shown",
  label: { zh: "许可证展示", en: "permits shown" },
  rule: "电子商务法 §15（行政许可信息）；食品安全法 §35",
  kind: "display",
  severity: "major",
  appliesTo: ["shop", "other"],
  fixtures: ["food_no_permit"],
  run(ctx) {
    const today = ctx.now.toISOString().slice(0, 10);
    const needed = (ctx.record?.permits ?? []).filter((p) => !p.validTo || p.validTo >= today);
    if (!needed.length) return na("登记中无需展示的许可证", "no permits on record");
    const shown = ctx.of("permit");
    const images = ctx.of("permit_image");
    const inImage = (kind: string, number: string) =>
      images.some(
        (e) => e.ocr?.state === "read" && (e.ocr.text.includes(number) || e.ocr.text.includes(kind)),
      );
    const missing = needed.filter(
      (p) => !shown.some((e) => e.value === p.kind && e.visible) && !inImage(p.kind, p.number),
    );
    const wrongNo = needed.flatMap((p) =>
      shown.filter((e) => e.value === p.kind && e.extra && e.extra !== p.number).map((e) => ({ p, e })),
    );
    if (missing.length && images.some((e) => e.ocr?.state !== "read"))
      return review(
        `许可证可能以图片展示但无法识别，需人工复核：${missing.map((p) => p.kind).join("、")}`,
        `a permit may be shown as an image that could not be read: needs human review (${missing.map((p) => p.kind).join(", ")})`,
        images.map((e) => evidenceOf(e)),
      );
    if (missing.length)
      return fail(
        `未展示许可证：${missing.map((p) => `${p.kind}（${p.number}）`).join("、")}`,
        `permit not shown: ${missing.map((p) => `${p.kind} (${p.number})`).join(", ")}`,
        missing.map((p) => ({
          selector: "",
          tag: "",
          text: "",
          box: { x: 0, y: 0, width: 0, height: 0 },
          visible: false,
          expected: `${p.kind} ${p.number}`,
          actual: "",
        })),
      );
    if (wrongNo.length) {
      const { p, e } = wrongNo[0]!;
      return fail(
        `${p.kind}编号不符：页面 ${e.extra}，登记 ${p.number}`,
        `${p.kind} number mismatch: page ${e.extra}, registry ${p.number}`,
        [evidenceOf(e, { expected: p.number, actual: e.extra ?? "" })],
      );
    }
    return pass(
      `已展示：${needed.map((p) => p.kind).join("、")}`,
      `shown: ${needed.map((p) => p.kind).join(", ")}`,
      shown.slice(0, 3).map((e) => evidenceOf(e)),
    );
  },
});
