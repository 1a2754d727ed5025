import { describe, expect, it } from "vitest";
import type { VerdictInput } from "./verdict.ts";
import { verdictOf } from "./verdict.ts";

const NOW = "2026-11-22T00:00:00.000Z";
const base: VerdictInput = {
  licenseStatus: "active",
  lists: [],
  grade: "B",
  verified: true,
  updatedAt: "2026-11-01T00:00:00.000Z",
  freshUntil: "2027-05-01T00:00:00.000Z",
  now: NOW,
};
const black = { list: "black" as const, category: "刷单炒信", status: "active" as const };
const watch = { list: "watch" as const, category: "虚假宣传", status: "active" as const };
const red = { list: "red" as const, category: "诚信经营示范店", status: "active" as const };

describe("verdictOf (DESIGN §3)", () => {
  it.each<[string, Partial<VerdictInput>, string, string]>([
    ["active 黑名单", { lists: [black] }, "danger", "blacklisted"],
    ["revoked license", { licenseStatus: "revoked" }, "danger", "license_revoked"],
    ["cancelled license", { licenseStatus: "cancelled" }, "danger", "license_cancelled"],
    ["black beats red + A", { lists: [red, black], grade: "A" }, "danger", "blacklisted"],
    ["重点关注", { lists: [watch] }, "warning", "watchlisted"],
    ["经营异常", { licenseStatus: "abnormal" }, "warning", "abnormal"],
    ["rectification overdue", { lists: [{ ...watch, status: "overdue" }] }, "warning", "watchlisted"],
    ["grade C", { grade: "C" }, "caution", "grade_c"],
    ["grade D", { grade: "D" }, "caution", "grade_d"],
    ["not verified", { verified: false }, "caution", "not_verified"],
    ["stale data", { freshUntil: "2026-11-01T00:00:00.000Z" }, "caution", "stale_data"],
    ["red + A + verified", { lists: [red], grade: "A" }, "trusted", "red_listed"],
    ["red + A, not verified", { lists: [red], grade: "A", verified: false }, "caution", "not_verified"],
    ["red + B", { lists: [red], grade: "B" }, "normal", "no_issue"],
    ["A, no red list", { grade: "A" }, "normal", "no_issue"],
    ["exempt natural person", { licenseStatus: "exempt" }, "normal", "no_issue"],
  ])("%s → %s", (_, patch, verdict, code) => {
    const r = verdictOf({ ...base, ...patch });
    expect(r.verdict).toBe(verdict);
    expect(r.reasons.map((x) => x.code)).toContain(code);
    for (const reason of r.reasons) {
      expect(reason.zh.length).toBeGreaterThan(0);
      expect(reason.en.length).toBeGreaterThan(0);
    }
  });

  it("names the overdue rectification among the reasons", () => {
    const r = verdictOf({ ...base, lists: [{ ...black, status: "overdue" }] });
    expect(r.reasons.map((x) => x.code)).toEqual(["blacklisted", "rectification_overdue"]);
  });
});
