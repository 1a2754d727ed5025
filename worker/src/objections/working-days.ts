/**
 * Working-day arithmetic for objection deadlines (异议: accept within 2 working days, answer within 10,
 * 信用广州 practice; DESIGN §4). The filing day itself does not count.
 *
 * Which days are working days follows the State Council's yearly arrangement (国务院办公厅关于 YYYY 年
 * 部分节假日安排的通知, e.g. for 2026 the notice of 2025-11-04, 新华社: 春节 2月15日至23日放假调休,
 * 2月14日、2月28日上班; 国庆节 10月1日至7日, 9月20日、10月10日上班). The arrangements come from the
 * `chinese-days` package (pinned; its data is scraped from those notices on gov.cn and updated each
 * November), so the deadline is right without anyone typing the table in. The admin holidays table
 * (PUT /api/v1/admin/holidays) overrides single days: a local 调休, a notice the package does not have
 * yet, a correction. Order of precedence: override → State Council arrangement → Saturday/Sunday off.
 */
import chineseDays from "chinese-days/dist/chinese-days.json" with { type: "json" };

export type DayKind = "holiday" | "workday";
/** Overrides from the admin holidays table: date (YYYY-MM-DD) → kind. */
export type Calendar = ReadonlyMap<string, DayKind>;

/** The published arrangements as shipped by chinese-days: `holidays` are days off, `workdays` are 调休 weekend working days. */
const published = chineseDays as { holidays: Record<string, string>; workdays: Record<string, string> };

/** Last year the pinned package has an arrangement for (a deadline beyond it falls back to weekends). */
export const PUBLISHED_UNTIL_YEAR = Math.max(
  ...Object.keys(published.holidays).map((d) => Number(d.slice(0, 4))),
);

/** What the State Council's arrangement says about `date`, if anything: kind and the festival's Chinese name. */
export function publishedDay(date: string): { kind: DayKind; name: string } | null {
  const h = published.holidays[date];
  if (h) return { kind: "holiday", name: festivalName(h) };
  const w = published.workdays[date];
  if (w) return { kind: "workday", name: `${festivalName(w)}调休上班` };
  return null;
}

/** chinese-days values look like "Spring Festival,春节,4": English, Chinese, number of days. */
function festivalName(v: string): string {
  return v.split(",")[1] ?? v;
}

function dayOfWeek(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, overrides: Calendar = new Map()): boolean {
  const mark = overrides.get(date) ?? publishedDay(date)?.kind;
  if (mark) return mark === "workday";
  const d = dayOfWeek(date);
  return d !== 0 && d !== 6;
}

/** The n-th working day after `date` (YYYY-MM-DD). */
export function addWorkingDays(date: string, n: number, overrides: Calendar = new Map()): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = nextDay(d);
    if (isWorkingDay(d, overrides)) left--;
  }
  return d;
}
