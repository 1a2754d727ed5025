/**
 * Partner API (issue 5 item 2), for keys with role `platform:<id>`; each key sees and writes only its
 * own platform's shops. Bulk shop upsert/delete (≤ 10 000 per call, all-or-nothing with a per-row
 * report), the change feed (cursor), webhook registration and the delivery log.
 */
import { webhookDeliveries } from "@xinbiao/db/schema";
import { and, desc, eq, inArray } from "drizzle-orm";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { OpsEnv } from "../auth/ops-env.ts";
import { requireRole } from "../auth/require-role.ts";
import { ApiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { FEED_MAX_LIMIT, readFeed } from "../partner/change-feed.ts";
import { deleteShops, MAX_SHOPS_PER_CALL, upsertShops } from "../partner/shops.service.ts";
import { checkWebhookUrl, setWebhook } from "../webhooks/webhook-settings.ts";

const MAX_BODY = 16 * 1024 * 1024;

const bulkBody = z.object({
  shops: z
    .array(z.unknown())
    .min(1, "shops 不能为空 / shops must not be empty")
    .max(
      MAX_SHOPS_PER_CALL,
      `每次最多 ${MAX_SHOPS_PER_CALL} 个店铺 / at most ${MAX_SHOPS_PER_CALL} shops per call`,
    ),
});

const feedQuery = z.object({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(FEED_MAX_LIMIT).default(100),
});

const webhookBody = z.object({
  url: z.string().max(2000),
  secret: z.string().min(16, "secret 至少 16 个字符 / secret: at least 16 characters").max(200).optional(),
});

function rowsRejected(errors: unknown[]): never {
  throw new ApiError(
    422,
    "invalid_rows",
    `${errors.length} 行有误，未写入任何数据 / ${errors.length} row(s) invalid; nothing was written`,
    "shops",
    { errors },
  );
}

export const partnerRoutes = new Hono<OpsEnv>()
  .use("*", requireRole(["platform"]))
  .use(
    "*",
    bodyLimit({
      maxSize: MAX_BODY,
      onError: () => {
        throw new ApiError(413, "payload_too_large", "请求体过大（上限 16 MB） / body too large (16 MB max)");
      },
    }),
  )

  .put("/shops", validate("json", bulkBody), async (c) => {
    const deps = c.var.deps;
    const r = await upsertShops(deps.db, c.var.principal, c.req.valid("json").shops as object[], deps.now());
    if (!r.ok) rowsRejected(r.errors);
    return c.json(r);
  })

  .delete("/shops", validate("json", bulkBody), async (c) => {
    const deps = c.var.deps;
    const r = await deleteShops(deps.db, c.var.principal, c.req.valid("json").shops, deps.now());
    if (!r.ok) rowsRejected(r.errors);
    return c.json(r);
  })

  .get("/changes", validate("query", feedQuery), async (c) => {
    const { cursor, limit } = c.req.valid("query");
    const page = await readFeed(c.var.deps.db, c.var.principal.platform!, cursor, limit);
    c.header("Cache-Control", "no-store");
    return c.json(page);
  })

  .put("/webhook", validate("json", webhookBody), async (c) => {
    const body = c.req.valid("json");
    const deps = c.var.deps;
    const check = await checkWebhookUrl(body.url, {
      allowLocal: deps.allowLocalOutbound ?? false,
      resolver: deps.resolveHost,
    });
    if (!check.ok) throw new ApiError(400, "invalid_url", `${check.zh} / ${check.en}`, "url");
    const r = await setWebhook(deps.db, c.var.principal, { url: check.url, secret: body.secret }, deps.now());
    return c.json({
      url: r.url,
      ...(r.generated
        ? { secret: r.secret, note: "密钥只显示这一次 / the secret is shown only this once" }
        : {}),
      signature: 'X-Xinbiao-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + raw body)>',
    });
  })

  .delete("/webhook", async (c) => {
    const deps = c.var.deps;
    await setWebhook(deps.db, c.var.principal, { url: null }, deps.now());
    return c.body(null, 204);
  })

  .get(
    "/webhook/deliveries",
    validate(
      "query",
      z.object({
        status: z.string().optional(),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
    ),
    async (c) => {
      const { status, limit } = c.req.valid("query");
      const wanted = (status ?? "pending,delivered,failed,dead").split(",").map((s) => s.trim());
      const bad = wanted.find((s) => !["pending", "delivered", "failed", "dead"].includes(s));
      if (bad)
        throw new ApiError(400, "invalid_parameter", `未知状态 ${bad} / unknown status ${bad}`, "status");
      const rows = await c.var.deps.db
        .select()
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.partnerId, c.var.principal.partnerId!),
            inArray(webhookDeliveries.status, wanted as ("pending" | "delivered" | "failed" | "dead")[]),
          ),
        )
        .orderBy(desc(webhookDeliveries.id))
        .limit(limit);
      c.header("Cache-Control", "no-store");
      return c.json({ deliveries: rows });
    },
  )

  .post("/webhook/deliveries/:id/retry", async (c) => {
    const id = Number(c.req.param("id"));
    const deps = c.var.deps;
    const row = await deps.db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.partnerId, c.var.principal.partnerId!)))
      .get();
    if (!row)
      throw new ApiError(404, "not_found", `没有编号为 ${c.req.param("id")} 的投递 / no such delivery`, "id");
    if (row.status === "delivered")
      throw new ApiError(409, "already_delivered", "已投递成功 / already delivered");
    const at = deps.now().toISOString();
    await deps.db
      .update(webhookDeliveries)
      .set({
        status: "pending",
        nextAttemptAt: at,
        attempts: row.status === "dead" ? 0 : row.attempts,
        updatedAt: at,
      })
      .where(eq(webhookDeliveries.id, id));
    return c.json({ id, status: "pending", nextAttemptAt: at });
  });
