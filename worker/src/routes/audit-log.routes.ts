/**
 * The audit log's public checkpoint (issue 13 item 5): GET /.well-known/xinbiao-audit-checkpoint.json
 * answers the latest signed tree head (log, treeSize, headHash, timestamp, keyId, signature; checked
 * with the keys at /.well-known/xinbiao-keys.json), `?treeSize=n` an earlier one from the history.
 * Public so that anyone — a partner, a regulator, a monitor — can keep copies and later prove with
 * `npm run audit-log:verify -- --checkpoint <file|url>` that the log was not cut or rewritten since.
 * It reveals only a row count and a hash, nothing of the rows.
 */
import { auditCheckpoints } from "@xinbiao/db/schema";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { latestCheckpoint, publish } from "../audit-log/checkpoint.ts";
import type { AppEnv } from "../deps.ts";
import { ApiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";

export const AUDIT_CHECKPOINT_PATH = "/.well-known/xinbiao-audit-checkpoint.json";

export const auditLogRoutes = new Hono<AppEnv>().get(
  AUDIT_CHECKPOINT_PATH,
  validate("query", z.object({ treeSize: z.coerce.number().int().min(1).optional() })),
  async (c) => {
    const { treeSize } = c.req.valid("query");
    const db = c.var.deps.db;
    const cp = treeSize
      ? await db.select().from(auditCheckpoints).where(eq(auditCheckpoints.treeSize, treeSize)).get()
      : await latestCheckpoint(db);
    if (!cp)
      throw new ApiError(
        404,
        "not_found",
        treeSize
          ? `没有 ${treeSize} 行时的检查点 / no checkpoint at tree size ${treeSize}`
          : "审计日志尚无检查点 / the audit log has no checkpoint yet",
        treeSize ? "treeSize" : undefined,
      );
    // The latest one changes with every write: short-lived; a historical one never changes.
    c.header("Cache-Control", treeSize ? "public, max-age=86400, immutable" : "public, max-age=30");
    return c.json({ ...publish(cp), keys: "/.well-known/xinbiao-keys.json" });
  },
);
