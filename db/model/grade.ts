/**
 * The computed credit grade, used where no authority has published a grade (DESIGN §4). Published
 * and versioned at /method; a grade from 市场监管 企业信用风险分类 (A 低 / B 一般 / C 较高 / D 高风险)
 * always wins over this one.
 */
import type { GradeLevel, LicenseStatus, ListKind } from "./record.ts";

export const COMPUTED_SCHEME = "xinbiao-computed-v1";
export const OFFICIAL_SCHEME = "市场监管企业信用风险分类";

export interface GradeFacts {
  licenseStatus: LicenseStatus;
  lists: ListKind[];
  verified: boolean;
  yearsRegistered: number | null;
}

/** Rules in order; the first that matches decides. Each returns its factor text for the record. */
export const COMPUTED_RULES: { level: GradeLevel; factor: string; test: (f: GradeFacts) => boolean }[] = [
  {
    level: "D",
    factor: "列入黑名单或执照被吊销/注销",
    test: (f) =>
      f.lists.includes("black") || f.licenseStatus === "revoked" || f.licenseStatus === "cancelled",
  },
  {
    level: "C",
    factor: "列入重点关注名单或经营异常名录",
    test: (f) => f.lists.includes("watch") || f.licenseStatus === "abnormal",
  },
  { level: "B", factor: "未完成身份核验", test: (f) => !f.verified },
  { level: "B", factor: "登记未满 2 年", test: (f) => f.yearsRegistered !== null && f.yearsRegistered < 2 },
  { level: "A", factor: "已核验，无失信记录", test: () => true },
];

export function computeGrade(f: GradeFacts): { level: GradeLevel; factors: string[] } {
  const rule = COMPUTED_RULES.find((r) => r.test(f))!;
  const factors = [rule.factor];
  if (f.lists.includes("red")) factors.push("列入红名单");
  return { level: rule.level, factors };
}
