/**
 * Auditor API: badge misuse reports (badges shown on origins the platform did not register, DESIGN §6)
 * and the tamper-evident audit log with its verification.
 */
import { guardPublicValue } from "@xinbiao/db/model";
import { badgeMisuse } from "@xinbiao/db/schema";
import { desc } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { readAuditLog, verifyAuditLogWithCheckpoint } from "../audit-log/audit-log.service.ts";
import type { OpsEnv } from "../auth/ops-env.ts";
import { requireRole } from "../auth/require-role.ts";
import { validate } from "../lib/validate.ts";

export const auditRoutes = new Hono<OpsEnv>()
  .get(
    "/misuse",
    requireRole(["auditor", "regulator", "admin"]),
    validate("query", z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) })),
    async (c) => {
      const rows = await c.var.deps.db
        .select()
        .from(badgeMisuse)
        .orderBy(desc(badgeMisuse.lastSeen))
        .limit(c.req.valid("query").limit);
      c.header("Cache-Control", "no-store");
      // Auditors are not the regulator: origins and shop ids pass the public-output guard (pii-guard.ts).
      return c.json({ reports: guardPublicValue(rows) });
    },
  )
  .get(
    "/log",
    requireRole(["auditor", "admin"]),
    validate(
      "query",
      z.object({
        after: z.coerce.number().int().min(0).default(0),
        limit: z.coerce.number().int().min(1).max(1000).default(200),
      }),
    ),
    async (c) => {
      const { after, limit } = c.req.valid("query");
      const rows = await readAuditLog(c.var.deps.db, after, limit);
      c.header("Cache-Control", "no-store");
      return c.json({ rows, next: rows.at(-1)?.seq ?? after });
    },
  )
  .get("/log/verify", requireRole(["auditor", "admin"]), async (c) => {
    // The chain and the latest signed checkpoint (audit-log/checkpoint.ts); chain fields kept on top.
    const v = await verifyAuditLogWithCheckpoint(c.var.deps.db);
    c.header("Cache-Control", "no-store");
    return c.json(
      {
        ...v.chain,
        ok: v.ok,
        checkpoint: v.checkpoint,
        signature: v.signature,
        ...(v.chain.problem || v.problem ? { problem: v.chain.problem ?? v.problem } : {}),
      },
      v.ok ? 200 : 409,
    );
  });
