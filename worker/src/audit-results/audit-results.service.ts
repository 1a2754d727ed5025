/**
 * Audit results: stored all-or-nothing per posted batch (db.batch is one transaction on libSQL and
 * D1), keyed by audit run id + page key so posting a run twice replaces its rows instead of doubling
 * every statistic (issue 16); summarised by platform and period in Asia/Shanghai with errors and
 * undecided pages counted in the denominator; and the public last-audit summary of a merchant (date,
 * platform, outcome, evidence id — never the checks, URL or auditor).
 */
import type { Db } from "@xinbiao/db/client";
import { auditResults } from "@xinbiao/db/schema";
import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { AuditRow } from "./audit-result.schema.ts";

export async function storeResults(db: Db, rows: AuditRow[], auditor: string): Promise<number> {
  // Within one batch the same run + page twice keeps the last (one statement may not upsert a row twice).
  const last = new Map<string, AuditRow>();
  for (const r of rows) last.set(`${r.runId}\u0000${r.pageKey}`, r);
  const values = [...last.values()].map((r) => ({
    platform: r.platform,
    shopId: r.shopId,
    uscc: r.uscc ?? null,
    url: r.url,
    outcome: r.outcome,
    checks: r.checks,
    evidenceSha256: r.evidenceSha256 ?? null,
    auditedAt: new Date(r.auditedAt).toISOString(),
    auditor,
    runId: r.runId,
    pageKey: r.pageKey,
    evidenceId: r.evidenceId ?? null,
    authority: r.authority ?? null,
  }));
  // One statement per 50 rows keeps each under SQLite's bound-parameter limit; the batch is atomic.
  const chunks = [];
  for (let i = 0; i < values.length; i += 50)
    chunks.push(
      db
        .insert(auditResults)
        .values(values.slice(i, i + 50))
        .onConflictDoUpdate({
          target: [auditResults.runId, auditResults.pageKey],
          set: {
            platform: sql`excluded.platform`,
            shopId: sql`excluded.shop_id`,
            uscc: sql`excluded.uscc`,
            url: sql`excluded.url`,
            outcome: sql`excluded.outcome`,
            checks: sql`excluded.checks`,
            evidenceSha256: sql`excluded.evidence_sha256`,
            evidenceId: sql`excluded.evidence_id`,
            authority: sql`excluded.authority`,
            auditedAt: sql`excluded.audited_at`,
            auditor: sql`excluded.auditor`,
          },
        }),
    );
  await db.batch(chunks as [(typeof chunks)[number], ...(typeof chunks)[number][]]);
  return values.length;
}

/** Period keys in Beijing time (audits are dated the auditors' day): 2026-11-23, 2026-W47, 2026-11. */
const PERIOD_SQL = {
  day: sql<string>`strftime('%Y-%m-%d', ${auditResults.auditedAt}, '+8 hours')`,
  week: sql<string>`strftime('%Y-W%W', ${auditResults.auditedAt}, '+8 hours')`,
  month: sql<string>`strftime('%Y-%m', ${auditResults.auditedAt}, '+8 hours')`,
};

/** A Beijing calendar date's start as a UTC ISO instant (00:00 +08:00). */
function shanghaiStart(date: string): string {
  return new Date(`${date}T00:00:00+08:00`).toISOString();
}

export interface SummaryRow {
  platform: string;
  period: string;
  pages: number;
  compliant: number;
  nonCompliant: number;
  /** Undecided (needs human review): not compliant, not a violation. */
  review: number;
  error: number;
  /** compliant / all pages: an error or an undecided page is not shown compliance (issue 16). */
  rate: number | null;
  /** compliant / (compliant + non-compliant): the rate among pages with a verdict; read it with `error` and `review`. */
  decidedRate: number | null;
  errorRate: number | null;
}

export async function summarise(
  db: Db,
  q: {
    period: "day" | "week" | "month";
    from?: string | undefined;
    to?: string | undefined;
    platform?: string | undefined;
  },
): Promise<SummaryRow[]> {
  const period = PERIOD_SQL[q.period];
  const where = and(
    q.from ? gte(auditResults.auditedAt, shanghaiStart(q.from)) : undefined,
    // `to` is inclusive: up to the start of the next Beijing day.
    q.to
      ? lt(auditResults.auditedAt, new Date(Date.parse(shanghaiStart(q.to)) + 86_400_000).toISOString())
      : undefined,
    q.platform ? eq(auditResults.platform, q.platform) : undefined,
  );
  const rows = await db
    .select({
      platform: auditResults.platform,
      period,
      pages: sql<number>`count(*)`,
      compliant: sql<number>`sum(case when ${auditResults.outcome} = 'compliant' then 1 else 0 end)`,
      nonCompliant: sql<number>`sum(case when ${auditResults.outcome} = 'non_compliant' then 1 else 0 end)`,
      review: sql<number>`sum(case when ${auditResults.outcome} = 'review' then 1 else 0 end)`,
      error: sql<number>`sum(case when ${auditResults.outcome} = 'error' then 1 else 0 end)`,
    })
    .from(auditResults)
    .where(where)
    .groupBy(auditResults.platform, period)
    .orderBy(period, auditResults.platform);
  const r4 = (x: number) => Math.round(x * 10_000) / 10_000;
  return rows.map((r) => {
    const pages = Number(r.pages);
    const audited = Number(r.compliant) + Number(r.nonCompliant);
    return {
      platform: r.platform,
      period: r.period,
      pages,
      compliant: Number(r.compliant),
      nonCompliant: Number(r.nonCompliant),
      review: Number(r.review),
      error: Number(r.error),
      rate: pages ? r4(Number(r.compliant) / pages) : null,
      decidedRate: audited ? r4(Number(r.compliant) / audited) : null,
      errorRate: pages ? r4(Number(r.error) / pages) : null,
    };
  });
}

/** The contract of the public merchant page (worker/src/pages/merchant.page.tsx `AuditSummary`). */
export interface LastAuditSummary {
  auditedAt: string;
  outcome: "compliant" | "non_compliant" | "review" | "error";
  platform: string;
  /** The signed evidence manifest's id: a merchant who disputes the verdict names it. */
  evidenceId: string | null;
}

/** The merchant's most recent audit, public fields only; null when never audited. */
export async function lastAuditSummary(db: Db, uscc: string): Promise<LastAuditSummary | null> {
  const row = await db
    .select({
      auditedAt: auditResults.auditedAt,
      outcome: auditResults.outcome,
      platform: auditResults.platform,
      evidenceId: auditResults.evidenceId,
    })
    .from(auditResults)
    .where(eq(auditResults.uscc, uscc))
    .orderBy(desc(auditResults.auditedAt), desc(auditResults.id))
    .limit(1)
    .get();
  return row ?? null;
}
