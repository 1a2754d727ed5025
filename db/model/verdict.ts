/**
 * The verdict (DESIGN §3): one pure function shared by worker, embed and extension.
 *
 *   danger  = active 黑名单 entry, or license revoked / cancelled
 *   warning = active 重点关注 entry, 经营异常 (abnormal), or a rectification overdue
 *   caution = grade C/D, not verified, or data older than its freshness bound
 *   trusted = active 红名单 and grade A and verified
 *   normal  = everything else
 *
 * An unknown merchant is not an input here: callers show their own "未收录" state, never "safe".
 */
import type { GradeLevel, LicenseStatus, ListKind, ListStatus, Reason, Verdict } from "./record.ts";

export interface VerdictInput {
  licenseStatus: LicenseStatus;
  lists: { list: ListKind; category: string; status: ListStatus }[];
  grade: GradeLevel | null;
  verified: boolean;
  updatedAt: string;
  freshUntil: string;
  now: string; // ISO timestamp
}

const RANK: Record<Verdict, number> = { trusted: 0, normal: 1, caution: 2, warning: 3, danger: 4 };

export function verdictOf(input: VerdictInput): { verdict: Verdict; reasons: Reason[] } {
  const danger: Reason[] = [];
  const warning: Reason[] = [];
  const caution: Reason[] = [];

  for (const e of input.lists) {
    if (e.list === "black") {
      danger.push({
        code: "blacklisted",
        zh: `列入电子商务领域黑名单：${e.category}`,
        en: `on the e-commerce blacklist: ${e.category}`,
      });
    }
    if (e.list === "watch") {
      warning.push({
        code: "watchlisted",
        zh: `列入重点关注名单：${e.category}`,
        en: `on the watch list: ${e.category}`,
      });
    }
    if (e.list !== "red" && e.status === "overdue") {
      warning.push({
        code: "rectification_overdue",
        zh: "限期整改已逾期",
        en: "rectification deadline passed",
      });
    }
  }
  if (input.licenseStatus === "revoked") {
    danger.push({ code: "license_revoked", zh: "营业执照已被吊销", en: "business license revoked" });
  }
  if (input.licenseStatus === "cancelled") {
    danger.push({ code: "license_cancelled", zh: "营业执照已注销", en: "business license cancelled" });
  }
  if (input.licenseStatus === "abnormal") {
    warning.push({ code: "abnormal", zh: "列入经营异常名录", en: "listed for abnormal operation" });
  }
  if (input.grade === "C" || input.grade === "D") {
    caution.push({
      code: `grade_${input.grade.toLowerCase()}`,
      zh: `信用等级 ${input.grade}（${input.grade === "C" ? "较高风险" : "高风险"}）`,
      en: `credit grade ${input.grade} (${input.grade === "C" ? "elevated" : "high"} risk)`,
    });
  }
  if (!input.verified) {
    caution.push({ code: "not_verified", zh: "未完成身份核验", en: "identity not verified" });
  }
  if (input.freshUntil < input.now) {
    caution.push({ code: "stale_data", zh: "数据已超过更新期限", en: "data is past its freshness bound" });
  }

  if (danger.length) return { verdict: "danger", reasons: [...danger, ...warning, ...caution] };
  if (warning.length) return { verdict: "warning", reasons: [...warning, ...caution] };
  if (caution.length) return { verdict: "caution", reasons: caution };
  const red = input.lists.some((e) => e.list === "red");
  if (red && input.grade === "A" && input.verified) {
    return {
      verdict: "trusted",
      reasons: [
        { code: "red_listed", zh: "列入红名单，信用等级 A，已核验", en: "red-listed, grade A, verified" },
      ],
    };
  }
  return { verdict: "normal", reasons: [{ code: "no_issue", zh: "未见失信信息", en: "no adverse record" }] };
}

export function worseVerdict(a: Verdict, b: Verdict): Verdict {
  return RANK[a] >= RANK[b] ? a : b;
}
