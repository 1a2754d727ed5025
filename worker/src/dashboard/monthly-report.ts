/**
 * 月报: the monthly report the lead departments owe under 赣信用办〔2018〕26号 (按月报送 the work on
 * e-commerce credit: shops checked, list entries, rectification, objections, escalation). One row per
 * platform and region for a Beijing-time calendar month:
 *   - shops audited (distinct shops with a license-display audit this month; the latest audit of each
 *     counts), compliant / non-compliant / needs review / errors, and the compliance rate over all
 *     audited shops (errors and undecided shops stay in the denominator, shown apart — issue 16);
 *   - 黑名单/重点关注 entries added and removed this month;
 *   - rectifications due this month, overdue at the month's end, and done this month;
 *   - objections filed this month; escalations (逾期未整改 put on the regulator's list) this month.
 * Region is the merchant's division from its USCC (GB 32100 positions 3–8). List, rectification and
 * objection figures count once per platform the merchant has shops on ("—" when it has none), so a
 * platform's row says what concerns its shops; the total row counts each entry once.
 */
import type { Db } from "@xinbiao/db/client";
import { regionOf } from "@xinbiao/db/model";
import { auditResults, listEntries, objections, shops } from "@xinbiao/db/schema";
import { and, gte, inArray, isNotNull, lt, or } from "drizzle-orm";

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface MonthlyRow {
  platform: string;
  region: string;
  shopsAudited: number;
  compliant: number;
  nonCompliant: number;
  review: number;
  error: number;
  /** compliant / shopsAudited; null without audits. */
  complianceRate: number | null;
  listAdded: number;
  listRemoved: number;
  rectificationsDue: number;
  rectificationsOverdue: number;
  rectificationsDone: number;
  objections: number;
  escalations: number;
}

export interface MonthlyReport {
  month: string;
  /** Beijing-time bounds of the month as UTC instants, and as dates. */
  from: string;
  to: string;
  generatedAt: string;
  rows: MonthlyRow[];
  total: MonthlyRow;
}

/** 2026-11 → [2026-11-01T00:00+08:00, 2026-12-01T00:00+08:00) as ISO instants and Beijing dates. */
export function monthBounds(month: string): {
  start: string;
  end: string;
  firstDay: string;
  nextFirstDay: string;
} {
  if (!MONTH.test(month)) throw new Error(`月份应为 YYYY-MM，收到「${month}」 / month must be YYYY-MM`);
  const [y, m] = month.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return {
    start: new Date(`${month}-01T00:00:00+08:00`).toISOString(),
    end: new Date(`${next}-01T00:00:00+08:00`).toISOString(),
    firstDay: `${month}-01`,
    nextFirstDay: `${next}-01`,
  };
}

/** A stored time or date as its Beijing calendar date (list dates are dates; audit times are instants). */
function bjDate(v: string | null | undefined): string | null {
  if (!v) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const t = Date.parse(v);
  return Number.isNaN(t) ? v.slice(0, 10) : new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function regionName(uscc: string | null | undefined): string {
  if (!uscc || uscc.length !== 18) return "未知地区";
  const r = regionOf(uscc.slice(2, 8));
  return r.division ?? `${r.province}（${uscc.slice(2, 8)}）`;
}

function blank(platform: string, region: string): MonthlyRow {
  return {
    platform,
    region,
    shopsAudited: 0,
    compliant: 0,
    nonCompliant: 0,
    review: 0,
    error: 0,
    complianceRate: null,
    listAdded: 0,
    listRemoved: 0,
    rectificationsDue: 0,
    rectificationsOverdue: 0,
    rectificationsDone: 0,
    objections: 0,
    escalations: 0,
  };
}

export async function monthlyReport(db: Db, month: string, now: Date): Promise<MonthlyReport> {
  const b = monthBounds(month);
  const inMonth = (v: string | null | undefined) => {
    const d = bjDate(v);
    return !!d && d >= b.firstDay && d < b.nextFirstDay;
  };
  const rows = new Map<string, MonthlyRow>();
  const at = (platform: string, region: string) => {
    const k = `${platform}\u0000${region}`;
    const found = rows.get(k);
    if (found) return found;
    const r = blank(platform, region);
    rows.set(k, r);
    return r;
  };
  const total = blank("全部 all", "全部 all");

  // Audits: the latest audit of each shop within the month.
  const audits = await db
    .select({
      platform: auditResults.platform,
      shopId: auditResults.shopId,
      uscc: auditResults.uscc,
      outcome: auditResults.outcome,
      auditedAt: auditResults.auditedAt,
      id: auditResults.id,
    })
    .from(auditResults)
    .where(and(gte(auditResults.auditedAt, b.start), lt(auditResults.auditedAt, b.end)));
  const latest = new Map<string, (typeof audits)[number]>();
  for (const a of audits) {
    const k = `${a.platform}:${a.shopId}`;
    const cur = latest.get(k);
    if (!cur || a.auditedAt > cur.auditedAt || (a.auditedAt === cur.auditedAt && a.id > cur.id))
      latest.set(k, a);
  }
  for (const a of latest.values()) {
    for (const r of [at(a.platform, regionName(a.uscc)), total]) {
      r.shopsAudited++;
      if (a.outcome === "compliant") r.compliant++;
      else if (a.outcome === "non_compliant") r.nonCompliant++;
      else if (a.outcome === "review") r.review++;
      else r.error++;
    }
  }

  // 黑名单 / 重点关注 entries that moved this month (added, removed, due, done, escalated) or are overdue at its end.
  const entries = await db
    .select({
      id: listEntries.id,
      uscc: listEntries.uscc,
      listedAt: listEntries.listedAt,
      removedAt: listEntries.removedAt,
      rectifyBy: listEntries.rectifyBy,
      rectifiedAt: listEntries.rectifiedAt,
      escalatedAt: listEntries.escalatedAt,
    })
    .from(listEntries)
    .where(
      and(
        inArray(listEntries.list, ["black", "watch"]),
        or(
          and(gte(listEntries.listedAt, b.firstDay), lt(listEntries.listedAt, b.end)),
          and(
            isNotNull(listEntries.removedAt),
            gte(listEntries.removedAt, b.firstDay),
            lt(listEntries.removedAt, b.end),
          ),
          and(isNotNull(listEntries.rectifyBy), lt(listEntries.rectifyBy, b.nextFirstDay)),
          and(
            isNotNull(listEntries.escalatedAt),
            gte(listEntries.escalatedAt, b.start),
            lt(listEntries.escalatedAt, b.end),
          ),
        ),
      ),
    );
  const filed = await db
    .select({ uscc: objections.uscc, filedAt: objections.filedAt })
    .from(objections)
    .where(and(gte(objections.filedAt, b.start), lt(objections.filedAt, b.end)));
  const usccs = [...new Set([...entries.map((e) => e.uscc), ...filed.map((o) => o.uscc)])];
  const platformsOf = new Map<string, string[]>();
  for (let i = 0; i < usccs.length; i += 500) {
    const part = usccs.slice(i, i + 500);
    const rs = await db
      .select({ uscc: shops.uscc, platform: shops.platform })
      .from(shops)
      .where(inArray(shops.uscc, part))
      .groupBy(shops.uscc, shops.platform);
    for (const r of rs) platformsOf.set(r.uscc, [...(platformsOf.get(r.uscc) ?? []), r.platform]);
  }
  const targets = (uscc: string) => {
    const region = regionName(uscc);
    const ps = platformsOf.get(uscc) ?? ["—"];
    return [...ps.map((p) => at(p, region)), total];
  };
  for (const e of entries) {
    const rs = targets(e.uscc);
    const rectified = bjDate(e.rectifiedAt);
    const removed = bjDate(e.removedAt);
    for (const r of rs) {
      if (inMonth(e.listedAt)) r.listAdded++;
      if (inMonth(e.removedAt)) r.listRemoved++;
      if (inMonth(e.rectifyBy)) r.rectificationsDue++;
      if (inMonth(e.rectifiedAt)) r.rectificationsDone++;
      if (inMonth(e.escalatedAt)) r.escalations++;
      // Overdue at the month's end: the deadline passed, not rectified in time, still listed then.
      const deadline = bjDate(e.rectifyBy);
      if (
        deadline &&
        deadline < b.nextFirstDay &&
        (!rectified || rectified > deadline) &&
        (!rectified || rectified >= b.nextFirstDay) &&
        (!removed || removed >= b.nextFirstDay)
      )
        r.rectificationsOverdue++;
    }
  }
  for (const o of filed) for (const r of targets(o.uscc)) r.objections++;

  const rate = (r: MonthlyRow) =>
    r.shopsAudited ? Math.round((r.compliant / r.shopsAudited) * 10_000) / 10_000 : null;
  const out = [...rows.values()]
    .map((r) => ({ ...r, complianceRate: rate(r) }))
    .sort((a, b2) => a.platform.localeCompare(b2.platform) || a.region.localeCompare(b2.region, "zh-CN"));
  return {
    month,
    from: b.start,
    to: b.end,
    generatedAt: now.toISOString(),
    rows: out,
    total: { ...total, complianceRate: rate(total) },
  };
}
