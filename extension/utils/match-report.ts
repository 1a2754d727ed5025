/**
 * "报告识别错误或遗漏 / report a wrong or missed match" (issue 14): built on the device from what the
 * popup shows, sent only when the person confirms it. The report carries the platform, whether the
 * match was wrong or missing, the rules and extension versions, and — only when the person ticked it
 * — the page address, stripped of its fragment and of the tracking parameters the platforms append
 * (they identify the visit or the person's referral path, not the page: PIPL §6, collect the minimum).
 */
import type { Platform } from "@xinbiao/db/model";
import type { MatchReport, MatchReportAnswer } from "./messages.ts";

/** Tracking and session parameters of the five platforms' URLs; the page's own parameters stay. */
const TRACKING_PARAMS = new Set([
  "spm",
  "scm",
  "pvid",
  "utparam",
  "ali_trackid",
  "ali_refid",
  "ut_sk",
  "sourcetype",
  "suid",
  "un",
  "share_crt_v",
  "sp_tk",
  "tk",
  "cpp",
  "shareurl",
  "short_name",
  "bxsign",
  "app",
  "ttid",
  "clickid",
  "refer_page_name",
  "refer_page_id",
  "refer_page_sn",
  "_wvuseragent",
  "_x_share",
  "share_uin",
  "page_from",
  "_oak_share_time",
  "xcx_version",
  "tracelog",
  "clicklog",
  "_u",
]);

/** The page address as it would be sent: http(s) only, no fragment, no credentials, no tracking. */
export function reportableUrl(href: string): string | null {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return null;
  u.hash = "";
  u.username = "";
  u.password = "";
  for (const k of [...u.searchParams.keys()])
    if (TRACKING_PARAMS.has(k.toLowerCase())) u.searchParams.delete(k);
  return u.toString();
}

export function buildMatchReport(opts: {
  kind: MatchReport["kind"];
  platform: Platform;
  rulesVersion: string;
  extensionVersion: string;
  /** The tab's address, or null when the person did not tick "include the page address". */
  pageUrl: string | null;
}): MatchReport {
  const url = opts.pageUrl ? reportableUrl(opts.pageUrl) : null;
  return {
    kind: opts.kind,
    platform: opts.platform,
    rulesVersion: opts.rulesVersion,
    extensionVersion: opts.extensionVersion,
    ...(url ? { pageUrl: url } : {}),
  };
}

/** POST the confirmed report to the service; the body is exactly `report`, nothing is added. */
export async function sendMatchReport(
  deps: { fetch: typeof fetch; serviceUrl: string },
  report: MatchReport,
): Promise<MatchReportAnswer> {
  try {
    const res = await deps.fetch(`${deps.serviceUrl}/api/v1/match-reports`, {
      method: "POST",
      credentials: "omit",
      referrerPolicy: "no-referrer",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(report),
    });
    const body = (await res.json().catch(() => null)) as { id?: string; error?: { message?: string } } | null;
    if (res.ok && body?.id) return { ok: true, id: body.id };
    return { ok: false, status: res.status, message: body?.error?.message ?? `HTTP ${res.status}` };
  } catch {
    return { ok: false, status: 0, message: "network" };
  }
}
