/**
 * List-entry lifecycle rules shared by the read path and the scheduled job.
 *
 * - 黑名单 and 重点关注 entries must be rectified within 3 months of listing (赣信用办〔2018〕26号 转发
 *   发改财金〔2018〕716号: "对列入'黑名单'失信主体于3个月整改到位"); past that they are `overdue`.
 * - Past `displayUntil`, or once repaired / removed, an entry leaves every public surface
 *   (removal leaves no public trace) but stays in the audit log.
 * - While an objection (异议) is open the entry shows as `objected` ("异议处理中").
 */
import type { ListKind, ListStatus } from "./record.ts";

export const RECTIFY_MONTHS = 3;

export interface ListEntryFacts {
  list: ListKind;
  listedAt: string; // YYYY-MM-DD
  rectifyBy: string | null;
  displayUntil: string | null;
  removedAt: string | null;
  repairedAt: string | null;
  rectifiedAt: string | null;
  objectionOpen: boolean;
}

/** YYYY-MM-DD + n months, clamped to the month's last day (2024-11-30 + 3 → 2025-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.slice(0, 10).split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

export function defaultRectifyBy(list: ListKind, listedAt: string): string | null {
  return list === "red" ? null : addMonths(listedAt, RECTIFY_MONTHS);
}

/** Today's date in Asia/Shanghai as YYYY-MM-DD: display periods are counted in China's calendar. */
export function shanghaiDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function isPubliclyShown(e: ListEntryFacts, today: string): boolean {
  if (e.removedAt && e.removedAt.slice(0, 10) <= today) return false;
  if (e.repairedAt && e.repairedAt.slice(0, 10) <= today) return false;
  if (e.displayUntil && e.displayUntil.slice(0, 10) < today) return false;
  if (e.listedAt.slice(0, 10) > today) return false;
  return true;
}

export function statusOf(e: ListEntryFacts, today: string): ListStatus {
  if (e.objectionOpen) return "objected";
  if (e.list === "red") return "active";
  if (e.rectifiedAt) return "rectifying";
  const by = e.rectifyBy ?? defaultRectifyBy(e.list, e.listedAt);
  if (by && by.slice(0, 10) < today) return "overdue";
  return "active";
}
