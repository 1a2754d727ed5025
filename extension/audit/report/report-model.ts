/**
 * The report every writer renders: totals, compliance by platform, failures by check, and the change
 * against an earlier report.json when one is given. Rates count errors honestly (issue 16): `rate` =
 * compliant / all pages (a page that could not be audited is not shown to be compliant), with the
 * errors and the undecided pages shown beside it; `decidedRate` = compliant / (compliant + non-compliant)
 * is the rate among pages with a verdict, always shown with how many pages it leaves out.
 */
import { PLATFORM_LABELS, type Platform } from "@xinbiao/db/model";
import type { PageResult } from "../cli/result-types.ts";
import { checkLabel } from "../engine/check-labels.ts";
import type { CheckId, Outcome } from "../engine/types.ts";

export interface Tally {
  pages: number;
  compliant: number;
  non_compliant: number;
  /** Undecided pages (OCR unavailable, a cap reached): a person looks; not counted compliant. */
  review: number;
  error: number;
  flagged: number;
  /** compliant / pages (errors and undecided pages in the denominator); null when there are no pages. */
  rate: number | null;
  /** compliant / (compliant + non-compliant); null when no page got a verdict. */
  decidedRate: number | null;
  /** error / pages. */
  errorRate: number | null;
}

export interface Report {
  tool: "xinbiao-audit";
  version: 1;
  generatedAt: string;
  service: string;
  runId?: string;
  /** The URL list as read: invalid lines and duplicates reported, not silently dropped. */
  input?: {
    list: string;
    urls: number;
    invalid: { line: number; text: string; zh: string; en: string }[];
    duplicates: { line: number; firstLine: number; url: string }[];
  };
  /** Auditor key the evidence manifests are signed with; null → unsigned. */
  signedBy?: { keyId: string; label: string } | null;
  /** Pages by platform, then by 登记机关 (where a case is routed). */
  groups?: { platform: string; zh: string; authorities: { authority: string; results: number[] }[] }[];
  run: { audited: number; skipped: number; ms: number; pagesPerMinute: number };
  totals: Tally;
  byPlatform: ({ platform: string; zh: string; en: string } & Tally)[];
  failuresByCheck: { id: CheckId; zh: string; en: string; count: number }[];
  errorsByCode: { code: string; count: number }[];
  comparison: Comparison | null;
  results: PageResult[];
}

export interface Comparison {
  earlierGeneratedAt: string;
  byPlatform: { platform: string; before: number | null; after: number | null }[];
  /** Pages whose outcome changed, by URL. */
  changed: { url: string; before: Outcome; after: Outcome }[];
}

function tally(rs: PageResult[]): Tally {
  const t = { pages: rs.length, compliant: 0, non_compliant: 0, review: 0, error: 0, flagged: 0 };
  for (const r of rs) {
    t[r.outcome]++;
    if (r.flags.length) t.flagged++;
  }
  const audited = t.compliant + t.non_compliant;
  return {
    ...t,
    rate: t.pages ? t.compliant / t.pages : null,
    decidedRate: audited ? t.compliant / audited : null,
    errorRate: t.pages ? t.error / t.pages : null,
  };
}

export function platformLabel(p: string): { zh: string; en: string } {
  return (
    PLATFORM_LABELS[p as Platform] ?? (p === "unknown" ? { zh: "未识别", en: "unknown" } : { zh: p, en: p })
  );
}

export function buildReport(
  results: PageResult[],
  meta: {
    generatedAt: string;
    service: string;
    run: Report["run"];
    runId?: string;
    input?: Report["input"];
    signedBy?: Report["signedBy"];
  },
  earlier: Report | null = null,
): Report {
  const byP = new Map<string, PageResult[]>();
  for (const r of results) {
    const p = r.platform ?? "unknown";
    byP.set(p, [...(byP.get(p) ?? []), r]);
  }
  const byPlatform = [...byP.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([platform, rs]) => ({ platform, ...platformLabel(platform), ...tally(rs) }));
  const fails = new Map<CheckId, number>();
  for (const r of results)
    for (const c of r.checks)
      if (c.status === "fail" && c.kind === "display") fails.set(c.id, (fails.get(c.id) ?? 0) + 1);
  const errs = new Map<string, number>();
  for (const r of results) if (r.error) errs.set(r.error.code, (errs.get(r.error.code) ?? 0) + 1);
  return {
    tool: "xinbiao-audit",
    version: 1,
    generatedAt: meta.generatedAt,
    service: meta.service,
    ...(meta.runId ? { runId: meta.runId } : {}),
    ...(meta.input ? { input: meta.input } : {}),
    ...(meta.signedBy !== undefined ? { signedBy: meta.signedBy } : {}),
    run: meta.run,
    groups: groupResults(results),
    totals: tally(results),
    byPlatform,
    failuresByCheck: [...fails.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([id, count]) => ({ id, ...checkLabel(id), count })),
    errorsByCode: [...errs.entries()].sort((a, b) => b[1] - a[1]).map(([code, count]) => ({ code, count })),
    comparison: earlier ? compare(earlier, byPlatform, results) : null,
    results,
  };
}

export const NO_AUTHORITY = "登记机关未知 / authority unknown";
export const PLATFORM_HOME = "平台首页（无登记机关） / platform home page";

/** Results (by index into `results`) grouped by platform, then 登记机关, both sorted. */
export function groupResults(results: PageResult[]): NonNullable<Report["groups"]> {
  const byP = new Map<string, Map<string, number[]>>();
  results.forEach((r, i) => {
    const p = r.platform ?? "unknown";
    const a = r.authority || (r.pageKind === "platform_home" ? PLATFORM_HOME : NO_AUTHORITY);
    const m = byP.get(p) ?? new Map<string, number[]>();
    m.set(a, [...(m.get(a) ?? []), i]);
    byP.set(p, m);
  });
  return [...byP.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([platform, m]) => ({
      platform,
      zh: platformLabel(platform).zh,
      authorities: [...m.entries()]
        .sort(([a], [b]) => a.localeCompare(b, "zh-CN"))
        .map(([authority, idx]) => ({ authority, results: idx })),
    }));
}

function compare(earlier: Report, now: Report["byPlatform"], results: PageResult[]): Comparison {
  const platforms = [
    ...new Set([...earlier.byPlatform.map((p) => p.platform), ...now.map((p) => p.platform)]),
  ].sort();
  const before = new Map(earlier.results.map((r) => [r.requestedUrl, r.outcome]));
  return {
    earlierGeneratedAt: earlier.generatedAt,
    byPlatform: platforms.map((platform) => ({
      platform,
      before: earlier.byPlatform.find((p) => p.platform === platform)?.rate ?? null,
      after: now.find((p) => p.platform === platform)?.rate ?? null,
    })),
    changed: results
      .filter((r) => before.has(r.requestedUrl) && before.get(r.requestedUrl) !== r.outcome)
      .map((r) => ({ url: r.requestedUrl, before: before.get(r.requestedUrl)!, after: r.outcome })),
  };
}

/** An earlier report.json, checked enough that a wrong file is named, not half-used. */
export function parseEarlierReport(text: string, path: string): Report {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch (e) {
    throw new Error(
      `对比报告不是有效的 JSON：${path}（${(e as Error).message}） / earlier report is not valid JSON: ${path}`,
    );
  }
  const r = j as Partial<Report>;
  if (r?.tool !== "xinbiao-audit" || !Array.isArray(r.results) || !Array.isArray(r.byPlatform)) {
    throw new Error(
      `对比报告不是信标审计的 report.json：${path} / earlier report is not a Xinbiao audit report.json: ${path}`,
    );
  }
  return r as Report;
}
