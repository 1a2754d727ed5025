/**
 * `--post`: sends the batch's results to the service's results API (POST /api/v1/audit/results, auditor key)
 * in chunks; each chunk is all-or-nothing on the server. Only pages whose shop is known are posted —
 * the public merchant page shows the date and outcome of the last audit.
 */
import type { PageResult } from "./result-types.ts";

export const POST_CHUNK = 200;

export function toApiRow(r: PageResult) {
  return {
    platform: r.platform,
    shopId: r.shopId,
    uscc: r.uscc,
    url: r.requestedUrl,
    outcome: r.outcome,
    checks: r.checks.map((c) => ({ id: c.id, status: c.status, severity: c.severity, zh: c.zh, en: c.en })),
    evidenceSha256: r.evidence.htmlSha256,
    evidenceId: r.evidence.evidenceId ?? null,
    authority: r.authority ?? null,
    // Run id + page key: posting the same run again (a resumed run, a retried --post) replaces, never doubles.
    runId: r.runId,
    pageKey: r.pageKey,
    auditedAt: r.auditedAt,
  };
}

export async function postResults(
  service: string,
  key: string,
  results: PageResult[],
): Promise<{ posted: number; skipped: number }> {
  const rows = results.filter((r) => r.platform && r.shopId).map(toApiRow);
  for (let i = 0; i < rows.length; i += POST_CHUNK) {
    const res = await fetch(`${service}/api/v1/audit/results`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ results: rows.slice(i, i + POST_CHUNK) }),
    });
    if (!res.ok) {
      const body = await res.text();
      throw new Error(
        `提交结果失败（第 ${i + 1} 行起，HTTP ${res.status}）：${body.slice(0, 300)} / posting results failed at row ${i + 1}`,
      );
    }
  }
  return { posted: rows.length, skipped: results.length - rows.length };
}
