/**
 * Admin API: key administration (create — the key is shown once —, list, revoke) and the holiday
 * table used for objection deadlines. Every change goes to the audit log.
 */
import { holidays } from "@xinbiao/db/schema";
import { asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { commitWriteSet, WriteSet } from "../audit-log/write-set.ts";
import { actorOf, createApiKey, listApiKeys, revokeApiKey } from "../auth/api-keys.ts";
import type { OpsEnv } from "../auth/ops-env.ts";
import { requireRole } from "../auth/require-role.ts";
import { parseRole } from "../auth/roles.ts";
import { ApiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { PUBLISHED_UNTIL_YEAR } from "../objections/working-days.ts";

const keyBody = z.object({
  role: z.string().max(40),
  label: z.string().trim().min(1, "请填写用途说明 / label is required").max(100),
  rateLimitPerMinute: z.number().int().min(1).max(100_000).optional(),
});

const holidayBody = z.object({
  days: z
    .array(
      z.object({
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD"),
        kind: z.enum(["holiday", "workday"]),
        name: z.string().trim().min(1).max(40),
      }),
    )
    .min(1)
    .max(400),
});

export const adminRoutes = new Hono<OpsEnv>()
  .use("*", requireRole(["admin"]))

  .post("/keys", validate("json", keyBody), async (c) => {
    const body = c.req.valid("json");
    const role = parseRole(body.role);
    if (!role.ok) throw new ApiError(400, "invalid_role", `${role.zh} / ${role.en}`, "role");
    const deps = c.var.deps;
    const created = await createApiKey(
      deps.db,
      { role: role.role, label: body.label, rateLimitPerMinute: body.rateLimitPerMinute ?? null },
      actorOf(c.var.principal),
      deps.now(),
    );
    c.header("Cache-Control", "no-store");
    return c.json(
      { ...created, note: "密钥只显示这一次，请妥善保存 / the key is shown only this once" },
      201,
    );
  })

  .get("/keys", async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json({ keys: await listApiKeys(c.var.deps.db) });
  })

  .delete("/keys/:id", async (c) => {
    const deps = c.var.deps;
    const r = await revokeApiKey(deps.db, c.req.param("id"), actorOf(c.var.principal), deps.now());
    if (!r.ok)
      throw r.code === "not_found"
        ? new ApiError(404, "not_found", "没有这个密钥 / no such key", "id")
        : new ApiError(409, "already_revoked", "密钥已吊销 / key already revoked", "id");
    return c.json({ id: c.req.param("id"), revokedAt: r.revokedAt });
  })

  .get("/holidays", async (c) => {
    return c.json({
      // Overrides of single days; the State Council's arrangement underneath (objections/working-days.ts).
      days: await c.var.deps.db.select().from(holidays).orderBy(asc(holidays.date)).all(),
      published: {
        source: "国务院办公厅 部分节假日安排通知, via the chinese-days package",
        untilYear: PUBLISHED_UNTIL_YEAR,
      },
    });
  })

  .put("/holidays", validate("json", holidayBody), async (c) => {
    const deps = c.var.deps;
    const { days } = c.req.valid("json");
    for (const d of days)
      if (
        Number.isNaN(Date.parse(`${d.date}T00:00:00Z`)) ||
        new Date(`${d.date}T00:00:00Z`).toISOString().slice(0, 10) !== d.date
      )
        throw new ApiError(
          400,
          "invalid_date",
          `日期 ${d.date} 不存在 / ${d.date} is not a calendar date`,
          "days",
        );
    const existing = new Map((await deps.db.select().from(holidays).all()).map((h) => [h.date, h]));
    const ws = new WriteSet(actorOf(c.var.principal));
    for (const d of days) {
      const old = existing.get(d.date);
      if (old && old.kind === d.kind && old.name === d.name) continue;
      ws.add(
        deps.db
          .insert(holidays)
          .values(d)
          .onConflictDoUpdate({ target: holidays.date, set: { kind: d.kind, name: d.name } }),
      );
      ws.log({ action: "holiday.set", entity: "holiday", entityId: d.date, before: old ?? null, after: d });
    }
    await commitWriteSet(deps.db, ws, deps.now());
    return c.json({ changed: ws.audit.length });
  })

  .delete("/holidays/:date", async (c) => {
    const deps = c.var.deps;
    const date = c.req.param("date");
    const old = await deps.db.select().from(holidays).where(eq(holidays.date, date)).get();
    if (!old)
      throw new ApiError(404, "not_found", `节假日表中没有 ${date} / ${date} is not in the table`, "date");
    const ws = new WriteSet(actorOf(c.var.principal));
    ws.add(deps.db.delete(holidays).where(eq(holidays.date, date)));
    ws.log({ action: "holiday.delete", entity: "holiday", entityId: date, before: old });
    await commitWriteSet(deps.db, ws, deps.now());
    return c.body(null, 204);
  });
