/**
 * Webhook deliveries (issue 5 item 2). Two steps, both run by the scheduled tick:
 *  1. enqueue — for each partner with a webhook, turn the change feed after its `webhookCursor` into
 *     `webhook_deliveries` rows and advance the cursor in the same transaction (one delivery per
 *     partner and change: a unique index guards against two dispatchers);
 *  2. deliver — POST each due delivery, HMAC-signed; a failure is retried with exponential backoff
 *     (30 s, 1 min, 2 min … ) and after MAX_ATTEMPTS the delivery is `dead`. Failures stay visible
 *     to the partner (GET /api/v1/partner/webhook/deliveries) and on the regulator dashboard.
 */
import type { Db } from "@xinbiao/db/client";
import { guardPublicValue } from "@xinbiao/db/model";
import { changes, partners, shops, webhookDeliveries } from "@xinbiao/db/schema";
import { and, asc, eq, inArray, isNotNull, lte } from "drizzle-orm";
import { readFeed } from "../partner/change-feed.ts";
import { SIGNATURE_HEADER, signWebhook } from "./webhook-signature.ts";

export const MAX_ATTEMPTS = 8;
export const BASE_BACKOFF_MS = 30_000;
const DELIVERY_TIMEOUT_MS = 10_000;
/** While one dispatcher is sending, others leave the delivery alone for this long. */
const LEASE_MS = 60_000;

export function backoffMs(attempts: number): number {
  return BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1);
}

export interface DispatchDeps {
  db: Db;
  now: () => Date;
  fetch?: typeof fetch;
}

export async function enqueueDeliveries(deps: DispatchDeps): Promise<number> {
  const { db } = deps;
  const hooks = await db.select().from(partners).where(isNotNull(partners.webhookUrl)).all();
  let queued = 0;
  for (const p of hooks) {
    let cursor = p.webhookCursor;
    for (;;) {
      const page = await readFeed(db, p.platform, cursor, 500);
      if (page.nextCursor === cursor) break;
      const at = deps.now().toISOString();
      const stmts = [
        // Conditional: if another dispatcher moved the cursor meanwhile, this page's rows are
        // ignored as duplicates by the unique index and the cursor only moves forward.
        db.update(partners).set({ webhookCursor: page.nextCursor }).where(eq(partners.id, p.id)),
        ...page.changes.map((c) =>
          db
            .insert(webhookDeliveries)
            .values({
              partnerId: p.id,
              changeSeq: c.seq,
              url: p.webhookUrl!,
              status: "pending",
              nextAttemptAt: at,
              createdAt: at,
              updatedAt: at,
            })
            .onConflictDoNothing(),
        ),
      ];
      await db.batch(stmts as never);
      queued += page.changes.length;
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
  }
  return queued;
}

export interface DeliveryOutcome {
  id: number;
  status: "delivered" | "failed" | "dead";
  httpStatus: number | null;
  error: string | null;
}

export async function deliverDue(deps: DispatchDeps, limit = 50): Promise<DeliveryOutcome[]> {
  const { db } = deps;
  const doFetch = deps.fetch ?? fetch;
  const now = deps.now();
  const nowIso = now.toISOString();
  const due = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        inArray(webhookDeliveries.status, ["pending", "failed"]),
        lte(webhookDeliveries.nextAttemptAt, nowIso),
      ),
    )
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
    .limit(limit)
    .all();
  const out: DeliveryOutcome[] = [];
  for (const d of due) {
    // Claim: move nextAttemptAt forward only if nobody else did.
    const claimed = await db
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where(and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.nextAttemptAt, d.nextAttemptAt!)))
      .returning({ id: webhookDeliveries.id });
    if (claimed.length === 0) continue;
    const partner = await db.select().from(partners).where(eq(partners.id, d.partnerId)).get();
    const change = await db.select().from(changes).where(eq(changes.seq, d.changeSeq)).get();
    let httpStatus: number | null = null;
    let error: string | null = null;
    if (!partner?.webhookUrl || !partner.webhookSecret || !change) {
      error = "webhook 已取消或变更已不存在 / webhook removed or change missing";
    } else {
      const shopIds = (
        await db
          .select({ shopId: shops.shopId })
          .from(shops)
          .where(and(eq(shops.platform, partner.platform), eq(shops.uscc, change.uscc)))
          .orderBy(asc(shops.shopId))
      ).map((s) => s.shopId);
      const body = JSON.stringify({
        deliveryId: d.id,
        event: change.action,
        change: {
          seq: change.seq,
          at: change.at,
          uscc: change.uscc,
          kind: change.kind,
          action: change.action,
          detail: guardPublicValue(change.detail), // public-output guard (pii-guard.ts, issue 13.1)
        },
        platform: partner.platform,
        shops: shopIds,
      });
      const signature = await signWebhook(partner.webhookSecret, body, Math.floor(now.getTime() / 1000));
      try {
        const res = await doFetch(partner.webhookUrl, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            [SIGNATURE_HEADER]: signature,
            "X-Xinbiao-Delivery": String(d.id),
            "X-Xinbiao-Event": change.action,
            "user-agent": "xinbiao-webhooks/1",
          },
          body,
          redirect: "manual",
          signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
        });
        httpStatus = res.status;
        await res.body?.cancel().catch(() => undefined);
        if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
      } catch (e) {
        error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      }
    }
    const attempts = d.attempts + 1;
    const status: DeliveryOutcome["status"] =
      error === null ? "delivered" : attempts >= MAX_ATTEMPTS ? "dead" : "failed";
    const updatedAt = deps.now().toISOString();
    await db
      .update(webhookDeliveries)
      .set({
        status,
        attempts,
        lastStatus: httpStatus,
        lastError: error,
        nextAttemptAt:
          status === "failed" ? new Date(now.getTime() + backoffMs(attempts)).toISOString() : null,
        updatedAt,
      })
      .where(eq(webhookDeliveries.id, d.id));
    out.push({ id: d.id, status, httpStatus, error });
  }
  return out;
}

export async function dispatchWebhooks(
  deps: DispatchDeps,
): Promise<{ queued: number; outcomes: DeliveryOutcome[] }> {
  const queued = await enqueueDeliveries(deps);
  const outcomes = await deliverDue(deps);
  return { queued, outcomes };
}
