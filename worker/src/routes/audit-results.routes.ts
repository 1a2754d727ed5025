/**
 * Results API of license-display audits (issue 6 item 3; 电子商务法 §15):
 *   POST /api/v1/audit/results          auditor (or admin) key: store a batch of page results, all or nothing
 *   GET  /api/v1/audit/results/summary  auditor, regulator, admin: compliance by platform and period
 * The public merchant page reads lastAuditSummary() (date, platform, outcome only).
 */
import { Hono } from "hono";
import { auditBatch, summaryQuery } from "../audit-results/audit-result.schema.ts";
import { storeResults, summarise } from "../audit-results/audit-results.service.ts";
import { actorOf } from "../auth/api-keys.ts";
import type { OpsEnv } from "../auth/ops-env.ts";
import { requireRole } from "../auth/require-role.ts";
import { ApiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";

/** Posted batches are bounded: 500 rows of ≤ 64 checks fit well under this. */
const MAX_BODY = 4 * 1024 * 1024;

export const auditResultsRoutes = new Hono<OpsEnv>()
  .post("/", requireRole(["auditor", "admin"]), async (c) => {
    const len = Number(c.req.header("content-length") ?? 0);
    if (len > MAX_BODY)
      throw new ApiError(
        413,
        "payload_too_large",
        `请求体过大（最多 ${MAX_BODY} 字节） / body larger than ${MAX_BODY} bytes`,
      );
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new ApiError(
        400,
        "invalid_json",
        "请求体不是有效的 JSON，未写入任何结果 / body is not valid JSON; nothing was stored",
      );
    }
    const parsed = auditBatch.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = issue.path.join(".");
      const row = issue.path[0] === "results" && typeof issue.path[1] === "number" ? issue.path[1] + 1 : null;
      throw new ApiError(
        400,
        "invalid_result",
        `${row ? `第 ${row} 条结果 / row ${row}: ` : ""}${path || "body"}: ${issue.message}；未写入任何结果 / nothing was stored`,
        path || undefined,
      );
    }
    const now = c.var.deps.now();
    const future = parsed.data.results.findIndex((r) => Date.parse(r.auditedAt) > now.getTime() + 5 * 60_000);
    if (future >= 0) {
      throw new ApiError(
        400,
        "invalid_result",
        `第 ${future + 1} 条结果 / row ${future + 1}: results.${future}.auditedAt: 检查时间在未来 / auditedAt is in the future；未写入任何结果 / nothing was stored`,
        `results.${future}.auditedAt`,
      );
    }
    const stored = await storeResults(c.var.deps.db, parsed.data.results, actorOf(c.var.principal));
    c.header("Cache-Control", "no-store");
    return c.json({ stored }, 201);
  })
  .get(
    "/summary",
    requireRole(["auditor", "regulator", "admin"]),
    validate("query", summaryQuery),
    async (c) => {
      const q = c.req.valid("query");
      if (q.from && q.to && q.from > q.to)
        throw new ApiError(400, "invalid_parameter", "from 晚于 to / from is after to", "from");
      const rows = await summarise(c.var.deps.db, q);
      c.header("Cache-Control", "no-store");
      return c.json({
        period: q.period,
        timeZone: "Asia/Shanghai",
        from: q.from ?? null,
        to: q.to ?? null,
        rows,
      });
    },
  );
