/**
 * The 月报 on the dashboard (赣信用办〔2018〕26号 按月报送), regulator or admin (session cookie or key):
 *   GET /regulator/monthly?month=YYYY-MM       HTML with charts (default: the previous Beijing month)
 *   GET /regulator/monthly.csv?month=YYYY-MM   the same table as CSV (UTF-8 with BOM)
 * The PDF is printed by the CLI (`npm run report:monthly`) with Chromium; a Worker has no browser.
 */
import { shanghaiDate } from "@xinbiao/db/model";
import { Hono } from "hono";
import { z } from "zod";
import type { OpsEnv } from "../auth/ops-env.ts";
import { requireRole } from "../auth/require-role.ts";
import { validate } from "../lib/validate.ts";
import { monthlyCsv } from "./monthly-report.csv.ts";
import { renderMonthlyReport } from "./monthly-report.page.tsx";
import { MONTH, monthlyReport } from "./monthly-report.ts";

/** The month before `now` in Beijing time: the report is made after the month closes. */
export function previousMonth(now: Date): string {
  const [y, m] = shanghaiDate(now).split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

const query = z.object({
  month: z.string().regex(MONTH, "month 应为 YYYY-MM / month must be YYYY-MM").optional(),
});

const guard = requireRole(["regulator", "admin"], { cookie: true });

export const monthlyReportRoutes = new Hono<OpsEnv>()
  .get("/monthly", guard, validate("query", query), async (c) => {
    const deps = c.var.deps;
    const r = await monthlyReport(
      deps.db,
      c.req.valid("query").month ?? previousMonth(deps.now()),
      deps.now(),
    );
    c.header("Cache-Control", "no-store");
    return c.html(renderMonthlyReport(r, true));
  })
  .get("/monthly.csv", guard, validate("query", query), async (c) => {
    const deps = c.var.deps;
    const r = await monthlyReport(
      deps.db,
      c.req.valid("query").month ?? previousMonth(deps.now()),
      deps.now(),
    );
    c.header("Cache-Control", "no-store");
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename="yuebao-${r.month}.csv"`);
    return c.body(monthlyCsv(r));
  });
