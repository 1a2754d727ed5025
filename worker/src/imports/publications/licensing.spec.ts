/**
 * 行政许可 in the 双公示 national data standard's columns (信用中国 行政许可 export): 行政相对人名称,
 * 行政相对人类别, 行政相对人代码_1(统一社会信用代码) … _6, 法定代表人, 证件类型, 证件号码, 行政许可决定文书名称,
 * 行政许可决定文书号, 许可类别, 许可证书名称, 许可编号, 许可内容, 许可决定日期, 有效期自, 有效期至, 许可机关,
 * 许可机关统一社会信用代码, 当前状态, 数据来源单位, 数据来源单位统一社会信用代码, 备注.
 * Written as permits (license facts shown on the record). A natural person's row (no 代码_1; 证件类型 身份证)
 * is skipped: the ID number is never stored or published (PIPL; SAMR Order 45 §6).
 * Fixture and sources: db/fixtures/licensing-shuanggongshi-sample.csv + .source.md.
 */
import type { PublicationSpec } from "./spec.ts";

export const licensingSpec: PublicationSpec = {
  type: "licensing",
  zh: "行政许可（双公示）",
  en: "administrative licensing (双公示)",
  target: "permits",
  synonyms: {
    uscc: ["行政相对人代码_1(统一社会信用代码)", "行政相对人代码_1", "统一社会信用代码(行政相对人代码_1)"],
    name: ["行政相对人名称"],
    kind: ["许可证书名称", "行政许可决定文书名称"],
    number: ["许可编号", "许可证书编号", "行政许可决定文书号"],
    authority: ["许可机关", "数据来源单位"],
    validFrom: ["有效期自", "许可决定日期"],
    validTo: ["有效期至"],
  },
  extraColumns: [
    { field: "idType", label: "证件类型", aliases: ["证件类型", "法定代表人证件类型"], required: false },
    // Read so it is not reported as unused; never stored, never published.
    { field: "idNumber", label: "证件号码", aliases: ["证件号码", "法定代表人证件号码"], required: false },
    // 行政相对人代码_2…_6 (工商注册号, 组织机构代码, 税务登记号, 事业单位证书号, 社会组织登记证号): the
    // USCC (_1) is the key; the older codes are read, not stored.
    ...(["工商注册号", "组织机构代码", "税务登记号", "事业单位证书号", "社会组织登记证号"] as const).map(
      (name, i) => ({
        field: `partyCode${i + 2}`,
        label: `行政相对人代码_${i + 2}`,
        aliases: [`行政相对人代码_${i + 2}(${name})`, `行政相对人代码_${i + 2}`],
        required: false,
      }),
    ),
  ],
  skip: (get) =>
    !get("uscc") && /身份证/.test(get("idType"))
      ? {
          code: "natural_person_not_published",
          zh: "行政相对人为自然人（证件类型为身份证）：本服务不收录、不公开自然人的证件号码，本行未导入",
          en: "the party is a natural person (ID card): their ID number is neither stored nor published; row not imported",
        }
      : null,
  signature: [/^行政相对人代码_1/, /许可/],
  specificity: 2,
  displayRule: "许可有效期内公示（有效期自/至）；到期后不再作为有效许可",
  fixture: "licensing-shuanggongshi-sample.csv",
};
