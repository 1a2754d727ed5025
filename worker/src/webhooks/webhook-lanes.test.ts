/**
 * Each receiver has delivery lanes of its own (webhook-dispatch.ts DELIVERY_CONCURRENCY): a receiver
 * that hangs with many deliveries due holds only its own lanes, and the other partners' deliveries go
 * out meanwhile. With one shared pool of slots, a hanging receiver's backlog held every slot until the
 * delivery deadline (issue 13: "a hanging receiver cannot stall the others"; found by the soak).
 */
import { changes, partners, webhookDeliveries } from "@xinbiao/db/schema";
import { anchor } from "@xinbiao/db/seed";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Transport } from "../net/outbound.ts";
import { openTestApp, TEST_NOW } from "../testing/embedded-app.ts";
import { deliverDue } from "./webhook-dispatch.ts";

describe("delivery lanes per receiver", () => {
  it("a hanging receiver's backlog does not hold back another partner's deliveries", async () => {
    const t = await openTestApp({ now: () => TEST_NOW });
    try {
      const at = TEST_NOW.toISOString();
      const stamp = { createdAt: at, updatedAt: at };
      // Two partners with receivers of their own; the names resolve to loopback (dev opt-in below).
      await t.db.insert(partners).values([
        {
          id: "lane-hang",
          name: "挂起的平台",
          platform: "taobao",
          webhookUrl: "http://hang.example/hook",
          webhookSecret: "whsec_lane_hang_0123456789",
          ...stamp,
        },
        {
          id: "lane-ok",
          name: "正常的平台",
          platform: "jd",
          webhookUrl: "http://ok.example/hook",
          webhookSecret: "whsec_lane_ok_0123456789ab",
          ...stamp,
        },
      ]);
      const uscc = anchor("normal").uscc;
      const rows = await t.db
        .insert(changes)
        .values(
          Array.from({ length: 9 }, (_, i) => ({
            at,
            uscc,
            kind: "list" as const,
            action: "list.added",
            detail: { documentNo: `车道〔2026〕${i + 1}号` },
          })),
        )
        .returning({ seq: changes.seq });
      // The hanging receiver's six come first in the queue, the working one's three after them.
      await t.db.insert(webhookDeliveries).values(
        rows.map((r, i) => ({
          partnerId: i < 6 ? "lane-hang" : "lane-ok",
          changeSeq: r.seq,
          url: i < 6 ? "http://hang.example/hook" : "http://ok.example/hook",
          status: "pending" as const,
          nextAttemptAt: at,
          ...stamp,
        })),
      );
      const okSent: string[] = [];
      let hangTimedOut = 0;
      let timedOutBeforeOkDone = -1;
      let releaseHang: () => void = () => undefined;
      const hang = new Promise<void>((r) => {
        releaseHang = r;
      });
      const transport: Transport = async (dest, req, signal) => {
        if (dest.url.hostname === "ok.example") {
          okSent.push(JSON.parse(String(req.body)).change.detail.documentNo);
          if (okSent.length === 3) {
            timedOutBeforeOkDone = hangTimedOut;
            releaseHang(); // the hanging receiver answers only once the other one has everything
          }
          return 204;
        }
        // Never answers on its own: it ends when released or at the delivery deadline.
        await Promise.race([hang, new Promise((r) => signal.addEventListener("abort", r))]);
        if (signal.aborted) hangTimedOut++;
        return 204;
      };
      const outcomes = await deliverDue({
        db: t.db,
        now: () => TEST_NOW,
        allowLocalOutbound: true,
        resolveHost: async () => [{ address: "127.0.0.1", family: 4 }],
        transport,
        // Shared slots: the hanging receiver's first deliveries held them all until this deadline.
        deliveryTimeoutMs: 5_000,
      });
      expect(okSent.sort()).toEqual(["车道〔2026〕7号", "车道〔2026〕8号", "车道〔2026〕9号"]);
      // The working receiver had everything before any of the hanging one's deliveries timed out.
      expect(timedOutBeforeOkDone).toBe(0);
      expect(hangTimedOut).toBe(0);
      expect(outcomes.filter((o) => o.status === "delivered")).toHaveLength(9);
      const left = await t.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.status, "pending"))
        .all();
      expect(left).toEqual([]);
    } finally {
      t.cleanup();
    }
  });
});

describe("a tick's delivery budget", () => {
  it("a slow receiver's lanes stop taking deliveries when the budget is spent; the rest stay due", async () => {
    const t = await openTestApp({ now: () => TEST_NOW });
    try {
      const at = TEST_NOW.toISOString();
      const stamp = { createdAt: at, updatedAt: at };
      await t.db.insert(partners).values({
        id: "lane-slow",
        name: "慢的平台",
        platform: "taobao",
        webhookUrl: "http://slow.example/hook",
        webhookSecret: "whsec_lane_slow_0123456789",
        ...stamp,
      });
      const rows = await t.db
        .insert(changes)
        .values(
          Array.from({ length: 10 }, (_, i) => ({
            at,
            uscc: anchor("normal").uscc,
            kind: "list" as const,
            action: "list.added",
            detail: { documentNo: `预算〔2026〕${i + 1}号` },
          })),
        )
        .returning({ seq: changes.seq });
      await t.db.insert(webhookDeliveries).values(
        rows.map((r) => ({
          partnerId: "lane-slow",
          changeSeq: r.seq,
          url: "http://slow.example/hook",
          status: "pending" as const,
          nextAttemptAt: at,
          ...stamp,
        })),
      );
      // Each answer takes 300 ms; the budget is 500 ms: lanes start deliveries at 0 and ~300 ms only.
      const transport: Transport = async () => {
        await new Promise((r) => setTimeout(r, 300));
        return 204;
      };
      const outcomes = await deliverDue(
        {
          db: t.db,
          now: () => TEST_NOW,
          allowLocalOutbound: true,
          resolveHost: async () => [{ address: "127.0.0.1", family: 4 }],
          transport,
        },
        50,
        500,
      );
      const pending = await t.db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.status, "pending"))
        .all();
      expect(outcomes.length).toBeGreaterThan(0);
      expect(outcomes.length).toBeLessThan(10);
      expect(outcomes.every((o) => o.status === "delivered")).toBe(true);
      // Untouched, still due now: the next tick takes them.
      expect(pending).toHaveLength(10 - outcomes.length);
      expect(pending.every((d) => d.attempts === 0 && d.nextAttemptAt === at)).toBe(true);
    } finally {
      t.cleanup();
    }
  });
});
