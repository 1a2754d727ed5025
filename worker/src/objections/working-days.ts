/**
 * Working-day arithmetic for objection deadlines (异议: accept within 2 working days, answer within 10,
 * 信用广州 practice; DESIGN §4). Weekends are off unless the holiday table marks them `workday`
 * (调休); dates marked `holiday` are off. The filing day itself does not count.
 */
export type Calendar = ReadonlyMap<string, "holiday" | "workday">;

function dayOfWeek(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, cal: Calendar): boolean {
  const mark = cal.get(date);
  if (mark) return mark === "workday";
  const d = dayOfWeek(date);
  return d !== 0 && d !== 6;
}

/** The n-th working day after `date` (YYYY-MM-DD). */
export function addWorkingDays(date: string, n: number, cal: Calendar): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = nextDay(d);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}
