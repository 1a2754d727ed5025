/**
 * 统一社会信用代码 (Unified Social Credit Code) per GB 32100-2015.
 *
 * Layout (18 chars from the 31-char alphabet, no I O S V Z):
 *   1      registration authority (登记管理部门) code
 *   2      kind (机构类别) code — together with 1: 91 企业, 92 个体工商户, 93 农民专业合作社 …
 *   3–8    administrative division (行政区划码, GB/T 2260)
 *   9–17   organization code (组织机构代码, GB 11714) whose 9th char is its own check
 *   18     check character over 1–17
 *
 * Pure: shared by the worker, the import path and the extension.
 */

export const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const ALPHABET_INDEX: Record<string, number> = Object.fromEntries([...USCC_ALPHABET].map((ch, i) => [ch, i]));

/** Weights 3^(i−1) mod 31 for positions 1..17 (GB 32100-2015 §4.3). */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** GB 11714 organization-code weights for its first 8 characters. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

export type UsccKind =
  | "enterprise"
  | "individual_business"
  | "farmer_cooperative"
  | "government"
  | "public_institution"
  | "social_organization"
  | "other";

/** Registration-authority + kind codes (GB 32100-2015 表 1, 表 2), the ones met in e-commerce first. */
export const KIND_CODES: Record<string, { kind: UsccKind; zh: string; en: string }> = {
  "11": { kind: "government", zh: "机关", en: "government body" },
  "12": { kind: "public_institution", zh: "事业单位", en: "public institution" },
  "13": { kind: "public_institution", zh: "中央编办直接管理机构编制的群众团体", en: "mass organisation" },
  "19": { kind: "other", zh: "其他机构编制", en: "other (编办)" },
  "31": { kind: "other", zh: "律师执业机构", en: "law firm" },
  "51": { kind: "social_organization", zh: "社会团体", en: "social organisation" },
  "52": { kind: "social_organization", zh: "民办非企业单位", en: "private non-enterprise unit" },
  "53": { kind: "social_organization", zh: "基金会", en: "foundation" },
  "59": { kind: "social_organization", zh: "其他民政登记机构", en: "other civil-affairs registrant" },
  "91": { kind: "enterprise", zh: "企业", en: "enterprise" },
  "92": { kind: "individual_business", zh: "个体工商户", en: "individual business" },
  "93": { kind: "farmer_cooperative", zh: "农民专业合作社", en: "farmers' cooperative" },
  Y1: { kind: "other", zh: "工会", en: "trade union" },
};

export type UsccProblem =
  | { code: "empty"; zh: string; en: string }
  | { code: "length"; length: number; zh: string; en: string }
  | { code: "bad_char"; position: number; char: string; zh: string; en: string }
  | { code: "org_check"; expected: string; got: string; zh: string; en: string }
  | { code: "check_digit"; expected: string; got: string; zh: string; en: string };

export type UsccResult =
  | { ok: true; uscc: string; divisionCode: string; kindCode: string; organizationCode: string }
  | { ok: false; uscc: string; problem: UsccProblem };

/** Normalise what a person typed: trim, drop inner spaces/hyphens, full-width → half-width, upper-case. */
export function normalizeUscc(input: string): string {
  return input
    .trim()
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-\u3000]/g, "")
    .toUpperCase();
}

/** The check character at position 18 for the first 17 characters (GB 32100-2015 §4.3). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET_INDEX[first17[i]!]! * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 check character of an organization code body (8 chars): C = 11 − Σ mod 11, 10→X, 11→0. */
export function orgCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += ORG_ALPHABET.indexOf(body8[i]!) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

/**
 * Validate a 统一社会信用代码. Lower-case and full-width input is accepted and normalised (people type
 * codes from paper licenses). Errors say what is wrong: length, bad character at position n (1-based),
 * or which check character was expected.
 */
export function validateUscc(input: string): UsccResult {
  const uscc = normalizeUscc(input);
  if (uscc.length === 0) {
    return {
      ok: false,
      uscc,
      problem: { code: "empty", zh: "统一社会信用代码为空", en: "the unified social credit code is empty" },
    };
  }
  for (let i = 0; i < uscc.length; i++) {
    const ch = uscc[i]!;
    if (ALPHABET_INDEX[ch] === undefined) {
      const excluded = "IOSVZ".includes(ch) ? "（GB 32100 不使用 I、O、S、V、Z）" : "";
      const excludedEn = "IOSVZ".includes(ch) ? " (GB 32100 never uses I, O, S, V, Z)" : "";
      return {
        ok: false,
        uscc,
        problem: {
          code: "bad_char",
          position: i + 1,
          char: ch,
          zh: `第 ${i + 1} 位字符「${ch}」不是合法字符${excluded}`,
          en: `character ${JSON.stringify(ch)} at position ${i + 1} is not allowed${excludedEn}`,
        },
      };
    }
  }
  if (uscc.length !== 18) {
    return {
      ok: false,
      uscc,
      problem: {
        code: "length",
        length: uscc.length,
        zh: `统一社会信用代码应为 18 位，实际为 ${uscc.length} 位`,
        en: `a unified social credit code has 18 characters, got ${uscc.length}`,
      },
    };
  }
  const orgBody = uscc.slice(8, 16);
  const orgExpected = orgCheckChar(orgBody);
  const orgGot = uscc[16]!;
  if (orgExpected !== orgGot) {
    return {
      ok: false,
      uscc,
      problem: {
        code: "org_check",
        expected: orgExpected,
        got: orgGot,
        zh: `第 17 位（组织机构代码校验码）应为「${orgExpected}」，实际为「${orgGot}」`,
        en: `character 17 (organization-code check, GB 11714) should be ${orgExpected}, got ${orgGot}`,
      },
    };
  }
  const expected = usccCheckChar(uscc.slice(0, 17));
  const got = uscc[17]!;
  if (expected !== got) {
    return {
      ok: false,
      uscc,
      problem: {
        code: "check_digit",
        expected,
        got,
        zh: `第 18 位校验码应为「${expected}」，实际为「${got}」`,
        en: `check character 18 should be ${expected}, got ${got}`,
      },
    };
  }
  return {
    ok: true,
    uscc,
    kindCode: uscc.slice(0, 2),
    divisionCode: uscc.slice(2, 8),
    organizationCode: uscc.slice(8, 17),
  };
}

/**
 * Import-time validation with the pilot tolerance of DESIGN §4: some early pilot codes fail a check
 * character yet are real. Such a code is accepted with `pilot: true` when `tolerateChecks` is set, but
 * never when the code has a wrong length or an illegal character.
 */
export function validateUsccForImport(
  input: string,
  tolerateChecks: boolean,
): { ok: true; uscc: string; pilot: boolean; warning?: UsccProblem } | { ok: false; problem: UsccProblem } {
  const r = validateUscc(input);
  if (r.ok) return { ok: true, uscc: r.uscc, pilot: false };
  const checkProblem = r.problem.code === "check_digit" || r.problem.code === "org_check";
  if (tolerateChecks && checkProblem) return { ok: true, uscc: r.uscc, pilot: true, warning: r.problem };
  return { ok: false, problem: r.problem };
}

/** Build a valid code from its parts; the generator and tests use it. `body8` is the org-code body. */
export function buildUscc(kindCode: string, divisionCode: string, body8: string): string {
  const first17 = `${kindCode}${divisionCode}${body8}${orgCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
}

export function kindOfCode(kindCode: string): UsccKind {
  return KIND_CODES[kindCode]?.kind ?? "other";
}
