/**
 * What kind of market subject a merchant is, from the two facts a registry extract carries:
 *
 *  1. the 统一社会信用代码's first two characters (GB 32100-2015 表 1 登记管理部门代码 + 表 2 机构类别代码):
 *     1x 机构编制 (11 机关, 12 事业单位 …), 5x 民政 (51 社会团体, 52 民办非企业单位, 53 基金会), 9x 工商
 *     (91 企业, 92 个体工商户, 93 农民专业合作社) — see uscc.ts KIND_CODES;
 *  2. the registry's 市场主体类型 column (企业类型 in 国家企业信用信息公示系统 extracts): 有限责任公司
 *     (自然人投资或控股), 有限责任公司(自然人独资), 股份有限公司(上市), 个人独资企业, 合伙企业, 个体工商户,
 *     农民专业合作社 … (国家市场监督管理总局《市场主体登记管理条例》第八条 / 企业登记注册类型).
 *
 * Why not a substring test: "有限责任公司(自然人投资或控股)" — the commonest company type in China —
 * contains 自然人, and a substring test turned every such company into a natural person whose name is
 * then masked on the public record (issue 13 item 2). "自然人" in a company type names its *investors*,
 * not the subject.
 *
 * Genuine natural persons are sellers exempt from registration under 电子商务法 §10 (个人销售自产农副产品、
 * 家庭手工业产品，个人利用自己的技能从事依法无须取得许可的便民劳务活动和零星小额交易活动). They have no USCC
 * of their own; this project keys them under a code with kind code "99" (not assigned by GB 32100:
 * the seed and the anchors derive it, see db/seed/generate.ts and the anchor 99320583MA8QR4A74M) and their
 * registry type, when given, says 自然人 / 个人 / 免于登记 as the whole value.
 *
 * The code's kind wins over the type column when both name a 工商 kind and disagree (a 91 code is an
 * enterprise whatever a spreadsheet says); the disagreement is returned so imports can warn.
 * Pure: shared by imports, the seed and tests.
 */
import type { MerchantKind } from "./record.ts";
import { KIND_CODES, normalizeUscc, type UsccKind } from "./uscc.ts";

/** Finer than the stored MerchantKind: the stored enum has no cooperative or public-body values. */
export type RegistrationKind = UsccKind | "natural_person";

export interface MerchantKindResult {
  /** What is stored in merchants.kind (and drives masking: only natural_person is masked). */
  kind: MerchantKind;
  registration: RegistrationKind;
  /** What decided: the registry type column, the USCC kind code, or both agreeing. */
  basis: "type_column" | "uscc_code" | "both";
  /** Set when the type column and the code disagree; the code won. */
  conflict?: {
    typeText: string;
    typeKind: RegistrationKind;
    codeKind: RegistrationKind;
    zh: string;
    en: string;
  };
}

/** The project's kind code for exempt natural persons (see the module comment). */
export const NATURAL_PERSON_KIND_CODE = "99";

function normalizeType(raw: string): string {
  return raw
    .trim()
    .replace(/[（]/g, "(")
    .replace(/[）]/g, ")")
    .replace(/[\s\u3000]/g, "");
}

/** Whole values that name a natural person (the subject itself, not its investors). */
const NATURAL_PERSON_TYPES = new Set([
  "自然人",
  "个人",
  "个人卖家",
  "自然人卖家",
  "自然人(免于登记)",
  "个人(免于登记)",
  "免于登记",
  "免予登记",
  "无需登记",
  "依法无需登记",
  "natural_person",
]);

/**
 * The registration kind a 市场主体类型 value names, or null when the value says nothing we know.
 * Order matters: 个体工商户 and 农民专业合作社 before the enterprise words; "个人独资企业" is an enterprise.
 */
export function kindOfRegistryType(raw: string): RegistrationKind | null {
  const s = normalizeType(raw);
  if (!s) return null;
  const lower = s.toLowerCase();
  if (NATURAL_PERSON_TYPES.has(s) || NATURAL_PERSON_TYPES.has(lower)) return "natural_person";
  if (lower === "enterprise") return "enterprise";
  if (lower === "individual_business") return "individual_business";
  if (lower === "farmer_cooperative") return "farmer_cooperative";
  if (lower === "other") return "other";
  if (/个体(工商户|户|经营)?/.test(s) && !/企业|公司/.test(s)) return "individual_business";
  if (/农民专业合作社|专业合作社|合作社联合社/.test(s)) return "farmer_cooperative";
  // 公司 (有限责任公司/股份有限公司 with any bracketed investor note), 个人独资企业, 合伙企业, 全民所有制,
  // 集体所有制, 外商投资企业, 分支机构 …: all 企业 (登记管理部门 9 + 机构类别 1).
  if (/公司|企业|合伙|全民所有制|集体所有制|股份合作|分支机构|分公司|营业单位|非法人/.test(s))
    return "enterprise";
  if (/事业单位/.test(s)) return "public_institution";
  if (/机关/.test(s)) return "government";
  if (/社会团体|民办非企业|基金会|社会服务机构/.test(s)) return "social_organization";
  return null;
}

/** The registration kind the USCC's first two characters name (null: not a code we can read). */
export function kindOfUsccCode(uscc: string): RegistrationKind | null {
  const code = normalizeUscc(uscc).slice(0, 2);
  if (code.length < 2) return null;
  if (code === NATURAL_PERSON_KIND_CODE) return "natural_person";
  return KIND_CODES[code]?.kind ?? (/^[1-9A-Y]/.test(code) ? "other" : null);
}

/** Stored kinds: the merchants.kind enum has enterprise / individual_business / natural_person / other. */
export function storedKind(r: RegistrationKind): MerchantKind {
  return r === "enterprise" || r === "individual_business" || r === "natural_person" ? r : "other";
}

const GONGSHANG = new Set<RegistrationKind>(["enterprise", "individual_business", "farmer_cooperative"]);

const LABEL: Record<RegistrationKind, string> = {
  enterprise: "企业",
  individual_business: "个体工商户",
  farmer_cooperative: "农民专业合作社",
  government: "机关",
  public_institution: "事业单位",
  social_organization: "社会组织",
  natural_person: "自然人",
  other: "其他",
};

/**
 * The merchant's kind from its USCC and (optionally) the registry's 市场主体类型 value.
 * - A GB 32100 工商 code (91/92/93) decides; a type value naming another 工商 kind or a natural
 *   person is reported as a conflict (a registered code is never a natural person).
 * - The exempt-person code 99 decides natural_person unless the type column names a registered kind.
 * - Any other code (1x, 5x, …): the type column refines when it names something; else the code.
 */
export function merchantKind(input: {
  uscc: string;
  typeText?: string | null | undefined;
}): MerchantKindResult {
  const typeText = (input.typeText ?? "").trim();
  const fromType = typeText ? kindOfRegistryType(typeText) : null;
  const fromCode = kindOfUsccCode(input.uscc);
  const done = (registration: RegistrationKind, basis: MerchantKindResult["basis"]): MerchantKindResult => ({
    kind: storedKind(registration),
    registration,
    basis,
  });
  if (fromCode && GONGSHANG.has(fromCode)) {
    if (!fromType || fromType === fromCode) return done(fromCode, fromType ? "both" : "uscc_code");
    return {
      ...done(fromCode, "uscc_code"),
      conflict: {
        typeText,
        typeKind: fromType,
        codeKind: fromCode,
        zh: `主体类型「${typeText}」（${LABEL[fromType]}）与统一社会信用代码的机构类别（${LABEL[fromCode]}，GB 32100-2015）不符，按代码记为${LABEL[fromCode]}`,
        en: `type ${JSON.stringify(typeText)} (${fromType}) disagrees with the code's kind (${fromCode}, GB 32100-2015); recorded as ${fromCode}`,
      },
    };
  }
  if (fromCode === "natural_person") {
    if (!fromType || fromType === "natural_person")
      return done("natural_person", fromType ? "both" : "uscc_code");
    return done(fromType, "type_column");
  }
  if (fromType && fromType !== "natural_person") return done(fromType, "type_column");
  if (fromCode) {
    if (fromType === "natural_person")
      return {
        ...done(fromCode, "uscc_code"),
        conflict: {
          typeText,
          typeKind: fromType,
          codeKind: fromCode,
          zh: `主体类型「${typeText}」为自然人，但统一社会信用代码属于登记主体（${LABEL[fromCode]}），按代码记录`,
          en: `type ${JSON.stringify(typeText)} names a natural person but the code belongs to a registered body (${fromCode}); recorded by the code`,
        },
      };
    return done(fromCode, "uscc_code");
  }
  return done(fromType ?? "other", fromType ? "type_column" : "uscc_code");
}
