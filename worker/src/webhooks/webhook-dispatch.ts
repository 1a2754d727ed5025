/**
 * Webhook deliveries (issue 5 item 2, issue 13 item 4). Two steps, both run by the scheduled tick:
 *  1. enqueue — for each partner with a webhook, turn the change feed after its `webhookCursor` into
 *     `webhook_deliveries` rows and advance the cursor in the same transaction (one delivery per
 *     partner and change: a unique index guards against two dispatchers);
 *  2. deliver — POST each due delivery through net/outbound.ts (https only, the resolved address
 *     checked and pinned, no redirects, a deadline per delivery), HMAC-signed with ITS OWN send time
 *     (a batch used to share its start time: 273 s old by the 28th delivery behind slow receivers, past
 *     the receivers' 300 s tolerance soon after). At most DELIVERY_CONCURRENCY run at once, each with
 *     its own AbortSignal deadline, so a hanging receiver holds one slot for at most the deadline and
 *     never stalls the others. A failure is retried with exponential backoff (30 s, 1 min, 2 min …)
 *     and after MAX_ATTEMPTS the delivery is `dead`. Failures stay visible to the partner
 *     (GET /api/v1/partner/webhook/deliveries) and on the regulator dashboard as generic classes
 *     ("refused destination", "connect failed", "timeout", "HTTP 5xx" …), never a socket error.
 */
import type { Db } from "@xinbiao/db/client";
import { guardPublicValue } from "@xinbiao/db/model";
import { changes, partners, shops, webhookDeliveries } from "@xinbiao/db/schema";
import { and, asc, eq, inArray, isNotNull, lte } from "drizzle-orm";
import { ERROR_TEXT, type HostResolver, sendOutbound, type Transport } from "../net/outbound.ts";
import { readFeed } from "../partner/change-feed.ts";
import { SIGNATURE_HEADER, signWebhook } from "./webhook-signature.ts";

export const MAX_ATTEMPTS = 8;
export const BASE_BACKOFF_MS = 30_000;
export const DELIVERY_TIMEOUT_MS = 10_000;
/**
 * Deliveries in flight at once per receiver (partner). Each receiver has lanes of its own, so a slow
 * or hanging receiver holds only its own: with one shared pool of 4 slots, a receiver that hung with
 * 4+ deliveries due held every slot for the 10 s deadline, and the working receivers waited (soak).
 */
export const DELIVERY_CONCURRENCY = 2;
/** Due deliveries taken per receiver and tick: one receiver's backlog cannot crowd out the others'. */
export const DUE_PER_RECEIVER = 50;
/**
 * A lane starts no new delivery after this much of the tick: a slow receiver's lanes would otherwise
 * keep the tick — and so every receiver's next deliveries — waiting until its whole backlog went out
 * (the soak: a receiver answering after 1.5 s made each tick ~19 s, and the working receiver fell
 * behind). What is left stays due for the next tick.
 */
export const TICK_DELIVERY_BUDGET_MS = 5_000;
/** While one dispatcher is sending, others leave the delivery alone for this long. */
const LEASE_MS = 60_000;

export function backoffMs(attempts: number): number {
  return BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1);
}

export interface DispatchDeps {
  db: Db;
  now: () => Date;
  /** Local-development opt-in for http and loopback/private receivers (AppDeps.allowLocalOutbound). */
  allowLocalOutbound?: boolean | undefined;
  /** Host-name resolver (tests inject one); default: the runtime's DNS. */
  resolveHost?: HostResolver | undefined;
  /** How bytes are sent to a checked address (tests may inject one); default: net/outbound.ts's. */
  transport?: Transport | undefined;
  /** Per-delivery deadline; DELIVERY_TIMEOUT_MS unless a test shortens it. */
  deliveryTimeoutMs?: number | undefined;
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

export async function deliverDue(
  deps: DispatchDeps,
  perReceiver = DUE_PER_RECEIVER,
  budgetMs = TICK_DELIVERY_BUDGET_MS,
): Promise<DeliveryOutcome[]> {
  const { db } = deps;
  // Real elapsed time (deps.now may be a test's or a replay's clock).
  const stopAt = performance.now() + budgetMs;
  const nowIso = deps.now().toISOString();
  const isDue = and(
    inArray(webhookDeliveries.status, ["pending", "failed"]),
    lte(webhookDeliveries.nextAttemptAt, nowIso),
  );
  const receivers = await db
    .selectDistinct({ partnerId: webhookDeliveries.partnerId })
    .from(webhookDeliveries)
    .where(isDue)
    .all();
  const out: DeliveryOutcome[] = [];
  // Every receiver at once, each through its own lanes (DELIVERY_CONCURRENCY above).
  await Promise.all(
    receivers.map(async ({ partnerId }) => {
      const due = await db
        .select()
        .from(webhookDeliveries)
        .where(and(isDue, eq(webhookDeliveries.partnerId, partnerId)))
        .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
        .limit(perReceiver)
        .all();
      let next = 0;
      const lane = async () => {
        while (next < due.length && performance.now() < stopAt) {
          const d = due[next++]!;
          const outcome = await deliverOne(deps, d);
          if (outcome) out.push(outcome);
        }
      };
      await Promise.all(Array.from({ length: Math.min(DELIVERY_CONCURRENCY, due.length) }, lane));
    }),
  );
  return out.sort((a, b) => a.id - b.id);
}

async function deliverOne(
  deps: DispatchDeps,
  d: typeof webhookDeliveries.$inferSelect,
): Promise<DeliveryOutcome | null> {
  const { db } = deps;
  const claimedAt = deps.now();
  // Claim: move nextAttemptAt forward only if nobody else did.
  const claimed = await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: new Date(claimedAt.getTime() + LEASE_MS).toISOString() })
    .where(and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.nextAttemptAt, d.nextAttemptAt!)))
    .returning({ id: webhookDeliveries.id });
  if (claimed.length === 0) return null;
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
    // Signed with this delivery's own send time, read just before it goes out.
    const sentAt = deps.now();
    const signature = await signWebhook(partner.webhookSecret, body, Math.floor(sentAt.getTime() / 1000));
    const r = await sendOutbound(
      {
        url: partner.webhookUrl,
        method: "POST",
        headers: {
          "content-type": "application/json",
          [SIGNATURE_HEADER]: signature,
          "X-Xinbiao-Delivery": String(d.id),
          "X-Xinbiao-Event": change.action,
          "user-agent": "xinbiao-webhooks/1",
        },
        body,
        timeoutMs: deps.deliveryTimeoutMs ?? DELIVERY_TIMEOUT_MS,
      },
      { allowLocal: deps.allowLocalOutbound ?? false, resolver: deps.resolveHost, transport: deps.transport },
    );
    httpStatus = r.status;
    if (!r.ok) error = ERROR_TEXT[r.error];
  }
  const attempts = d.attempts + 1;
  const status: DeliveryOutcome["status"] =
    error === null ? "delivered" : attempts >= MAX_ATTEMPTS ? "dead" : "failed";
  const finished = deps.now();
  await db
    .update(webhookDeliveries)
    .set({
      status,
      attempts,
      lastStatus: httpStatus,
      lastError: error,
      nextAttemptAt:
        status === "failed" ? new Date(claimedAt.getTime() + backoffMs(attempts)).toISOString() : null,
      updatedAt: finished.toISOString(),
    })
    .where(eq(webhookDeliveries.id, d.id));
  return { id: d.id, status, httpStatus, error };
}

export async function dispatchWebhooks(
  deps: DispatchDeps,
): Promise<{ queued: number; outcomes: DeliveryOutcome[] }> {
  const queued = await enqueueDeliveries(deps);
  const outcomes = await deliverDue(deps);
  return { queued, outcomes };
}
