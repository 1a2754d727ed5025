/**
 * identity.name — the business name shown is the registry's (电子商务法 §15). "店铺名称"/"商品名称" are
 * not read as it (rules.ts NAME_SHOWN); a natural person's name is cut where the §10 statement starts.
 * Natural persons' names are masked in the public record (PIPL): 张* matches 张三.
 */
import { defineCheck, evidenceOf, fail, na, pass } from "../check-def.ts";
import { cleanShownName, namesMatch } from "../rules.ts";

export default defineCheck({
  id: "identity.name",
  label: { zh: "名称一致", en: "name matches" },
  rule: "电子商务法 §15；市场主体登记管理条例 §36",
  kind: "display",
  severity: "major",
  appliesTo: ["shop", "other"],
  fixtures: ["name_mismatch"],
  run(ctx) {
    const r = ctx.record;
    if (!r) return na("无可信的登记记录可比对", "no trusted registry record to compare with");
    const names = [
      ...ctx.of("name").map((e) => ({ e, name: cleanShownName(e.value ?? "") })),
      ...ctx
        .of("license_image")
        .flatMap((e) =>
          e.ocr?.state === "read" && e.ocr.name ? [{ e, name: cleanShownName(e.ocr.name) }] : [],
        ),
    ].filter((n) => n.name.length >= 2);
    if (!names.length) return na("页面未以文字展示经营者名称", "no business name shown as text");
    const wrong = names.filter((n) => !namesMatch(n.name, r.name));
    if (wrong.length)
      return fail(
        `名称不符：页面「${wrong[0]!.name}」，登记「${r.name}」`,
        `name mismatch: page shows "${wrong[0]!.name}", registry has "${r.name}"`,
        wrong.map((n) => evidenceOf(n.e, { expected: r.name, actual: n.name })),
      );
    return pass(
      `名称与登记一致：${r.name}`,
      `name matches the registry: ${r.name}`,
      names.slice(0, 2).map((n) => evidenceOf(n.e)),
    );
  },
});
