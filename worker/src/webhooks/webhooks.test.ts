/**
 * Webhooks (issue 5 items 2 and 7, issue 13 item 4) against real HTTP receivers on 127.0.0.1 (the
 * local-development opt-in on): deliveries are signed with HMAC-SHA256 (checked by the receiver with
 * the partner's secret) at their own send time, a failing receiver is retried with backoff on the
 * controllable clock, gives up after MAX_ATTEMPTS, and failures stay visible as generic classes; a
 * hanging receiver does not stall the others. Without the opt-in registration and delivery refuse
 * http, loopback, private and metadata destinations, also behind names (fake resolver) and when the
 * name's answer changes after registration (rebinding).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { webhookDeliveries } from "@xinbiao/db/schema";
import { anchor } from "@xinbiao/db/seed";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.ts";
import { bearer, type Json, jsonInit, keysForRoles } from "../auth/test-keys.ts";
import { runImport } from "../imports/run-import.ts";
import { scheduledTick } from "../lifecycle/scheduled-tick.ts";
import type { HostResolver, Transport } from "../net/outbound.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { BASE_BACKOFF_MS, MAX_ATTEMPTS } from "./webhook-dispatch.ts";
import { SIGNATURE_HEADER, SIGNATURE_TOLERANCE_S, signWebhook, verifyWebhook } from "./webhook-signature.ts";

let t: TestApp;
let keys: Awaited<ReturnType<typeof keysForRoles>>;
let server: Server;
let base = "";
let clock = TEST_NOW.getTime();
let failNext = 0;
const received: {
  body: string;
  signature: string | undefined;
  event: string | undefined;
  verified: boolean;
}[] = [];
const SECRET = "whsec_test_0123456789abcdef";
const NORMAL = anchor("normal");

beforeAll(async () => {
  t = await openTestApp({ now: () => new Date(clock), allowLocalOutbound: true });
  keys = await keysForRoles(t.db, TEST_NOW);
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", async () => {
      const signature = req.headers["x-xinbiao-signature"] as string | undefined;
      const v = await verifyWebhook(SECRET, signature, body, Math.floor(clock / 1000));
      received.push({
        body,
        signature,
        event: req.headers["x-xinbiao-event"] as string | undefined,
        verified: v.ok,
      });
      if (failNext > 0) {
        failNext--;
        res.writeHead(503).end("busy");
      } else res.writeHead(v.ok ? 204 : 401).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  t.cleanup();
});

const tick = (extra: Partial<Parameters<typeof scheduledTick>[0]> = {}) =>
  scheduledTick({ db: t.db, now: () => new Date(clock), allowLocalOutbound: true, ...extra });
const listing = (doc: string) =>
  runImport(
    t.db,
    {
      kind: "lists",
      bytes: new TextEncoder().encode(
        `主体名称,统一社会信用代码,名单类型,失信类别,认定部门,文书号,列入日期\n${NORMAL.name},${NORMAL.uscc},黑名单,刷单炒信,测试认定部门,${doc},2026-11-01\n`,
      ),
      fileName: `${doc}.csv`,
      publishedAt: "2026-11-01",
      actor: "test",
    },
    new Date(clock),
  );

describe("signatures", () => {
  it("verify only with the right secret, body and a recent timestamp", async () => {
    const sig = await signWebhook("s3cret-s3cret-s3cret", '{"a":1}', 1_790_000_000);
    expect(await verifyWebhook("s3cret-s3cret-s3cret", sig, '{"a":1}', 1_790_000_100)).toEqual({ ok: true });
    expect(await verifyWebhook("other-secret-xxxxxx", sig, '{"a":1}', 1_790_000_100)).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(await verifyWebhook("s3cret-s3cret-s3cret", sig, '{"a":2}', 1_790_000_100)).toEqual({
      ok: false,
      reason: "mismatch",
    });
    expect(await verifyWebhook("s3cret-s3cret-s3cret", sig, '{"a":1}', 1_790_001_000)).toEqual({
      ok: false,
      reason: "stale",
    });
    expect(await verifyWebhook("s3cret-s3cret-s3cret", "v1=abc", '{"a":1}', 1_790_000_100)).toEqual({
      ok: false,
      reason: "malformed",
    });
  });

  it("registration refuses http, loopback, private and metadata destinations (also behind names)", async () => {
    // The same app without the local-development opt-in, names answered by a fake resolver.
    const resolveHost: HostResolver = async (h) =>
      h === "loop.partner.example"
        ? [{ address: "127.0.0.1", family: 4 }]
        : h === "meta.partner.example"
          ? [{ address: "169.254.169.254", family: 4 }]
          : [{ address: "93.184.216.34", family: 4 }];
    const strict = createApp({ ...t.deps, allowLocalOutbound: false, resolveHost });
    const put = (app: ReturnType<typeof createApp>, url: string) =>
      app.request("/api/v1/partner/webhook", jsonInit("PUT", keys["platform:jd"], { url, secret: SECRET }));
    for (const url of [
      "http://partner.example/hook",
      `${base}/hook`,
      "https://169.254.169.254/latest/meta-data/",
      "https://[::1]:8080/hook",
      "https://[::ffff:127.0.0.1]/hook",
      "https://10.0.0.8/hook",
      "https://loop.partner.example/hook",
      "https://meta.partner.example/hook",
    ]) {
      const res = await put(strict, url);
      expect(res.status, url).toBe(400);
      expect((await res.json<Json>()).error.field).toBe("url");
    }
    expect((await put(strict, "https://hooks.partner.example/hook")).status).toBe(200);
    // Even with the opt-in, metadata addresses stay refused.
    expect((await put(t.app, "http://169.254.169.254/latest/meta-data/")).status).toBe(400);
    expect(
      (await t.app.request("/api/v1/partner/webhook", bearer(keys["platform:jd"], { method: "DELETE" })))
        .status,
    ).toBeLessThan(300);
  });
});

describe("deliveries", () => {
  it("a listing reaches the partner's receiver, signed", async () => {
    await tick(); // settle the demo data's own lifecycle transitions first
    const res = await t.app.request(
      "/api/v1/partner/webhook",
      jsonInit("PUT", keys["platform:taobao"], { url: `${base}/hook`, secret: SECRET }),
    );
    expect(res.status).toBe(200);
    expect((await res.json<Json>()).secret).toBeUndefined(); // we supplied it; nothing to show
    expect((await listing("推送〔2026〕1号")).status).toBe("applied");
    const r = await tick();
    expect(r.webhooks).toMatchObject({ queued: 1, delivered: 1, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0]!.verified).toBe(true);
    expect(received[0]!.event).toBe("list.added");
    const body = JSON.parse(received[0]!.body);
    expect(body).toMatchObject({
      event: "list.added",
      platform: "taobao",
      shops: [NORMAL.shops[0]![1]],
      change: { uscc: NORMAL.uscc, detail: { documentNo: "推送〔2026〕1号" } },
    });
    // A second tick sends nothing more.
    expect((await tick()).webhooks).toMatchObject({ queued: 0, delivered: 0 });
  });

  it("a failing receiver is retried with exponential backoff, then marked dead and shown", async () => {
    received.length = 0;
    failNext = 1000;
    expect((await listing("推送〔2026〕2号")).status).toBe("applied");
    const attempts: number[] = [];
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      const r = await tick();
      expect(r.webhooks.failed + r.webhooks.dead).toBe(1);
      attempts.push(received.length);
      // Not due yet just before the backoff ends …
      clock += BASE_BACKOFF_MS * 2 ** (i - 1) - 1000;
      expect((await tick()).webhooks.failed).toBe(0);
      // … due right after.
      clock += 1000;
    }
    expect(attempts).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(received.every((r) => r.verified)).toBe(true);
    const list = await (
      await t.app.request(
        "/api/v1/partner/webhook/deliveries?status=failed,dead",
        bearer(keys["platform:taobao"]),
      )
    ).json<Json>();
    expect(list.deliveries).toHaveLength(1);
    expect(list.deliveries[0]).toMatchObject({
      status: "dead",
      attempts: MAX_ATTEMPTS,
      lastStatus: 503,
      lastError: "HTTP 5xx / 接收端错误",
    });
    // Visible to the regulator too.
    const login = await t.app.request("/regulator", bearer(keys.regulator));
    expect(await login.text()).toContain("HTTP 5xx");
    // The partner can ask for another try once its receiver is back.
    failNext = 0;
    const retry = await t.app.request(
      `/api/v1/partner/webhook/deliveries/${list.deliveries[0].id}/retry`,
      bearer(keys["platform:taobao"], { method: "POST" }),
    );
    expect(retry.status).toBe(200);
    expect((await tick()).webhooks.delivered).toBe(1);
  });

  it("another platform's key sees none of these deliveries", async () => {
    const list = await (
      await t.app.request("/api/v1/partner/webhook/deliveries", bearer(keys["platform:jd"]))
    ).json<Json>();
    expect(list.deliveries).toEqual([]);
  });
});

describe("outbound safety at delivery time", () => {
  let server2: Server;
  let base2 = "";
  let hangClosedAt = 0;
  let hangClosed: Promise<void> = Promise.resolve();
  const got: { doc: string; at: number; t: number; verified: boolean }[] = [];
  const hung: IncomingMessage[] = [];
  beforeAll(async () => {
    server2 = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => {
        body += d;
      });
      req.on("end", async () => {
        const doc = JSON.parse(body).change.detail.documentNo as string;
        const signature = String(req.headers["x-xinbiao-signature"]);
        const t = Number(/t=(\d+)/.exec(signature)?.[1]);
        if (doc.includes("挂起")) {
          hung.push(req);
          hangClosed = new Promise((resolve) =>
            req.socket.on("close", () => {
              hangClosedAt = performance.now();
              resolve();
            }),
          );
          return; // never answers
        }
        const v = await verifyWebhook(SECRET, signature, body, t);
        got.push({ doc, at: performance.now(), t, verified: v.ok });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server2.listen(0, "127.0.0.1", r));
    base2 = `http://127.0.0.1:${(server2.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server2.closeAllConnections();
    await new Promise((r) => server2.close(r));
  });
  const register = (app: ReturnType<typeof createApp>, url: string) =>
    app.request("/api/v1/partner/webhook", jsonInit("PUT", keys["platform:taobao"], { url, secret: SECRET }));

  it("a name that pointed to a public address at registration and to loopback now is refused", async () => {
    await tick();
    const publicAnswer: HostResolver = async () => [{ address: "93.184.216.34", family: 4 }];
    const strict = createApp({ ...t.deps, allowLocalOutbound: false, resolveHost: publicAnswer });
    expect((await register(strict, "https://rebind.partner.example/hook")).status).toBe(200);
    expect((await listing("推送〔2026〕3号")).status).toBe("applied");
    got.length = 0;
    const r = await tick({
      allowLocalOutbound: false,
      resolveHost: async () => [{ address: "127.0.0.1", family: 4 }],
    });
    expect(r.webhooks).toMatchObject({ queued: 1, delivered: 0, failed: 1 });
    const [d] = await t.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.status, "failed"))
      .all();
    expect(d).toMatchObject({ lastStatus: null, lastError: expect.stringMatching(/^refused destination/) });
    expect(d!.lastError).not.toMatch(/127\.0\.0\.1|\d{4,5}/);
    expect(got).toEqual([]);
    await t.db.delete(webhookDeliveries);
  });

  it("each delivery is signed with its own send time, not the batch's start", async () => {
    expect((await register(t.app, `${base2}/hook`)).status).toBe(200);
    for (let i = 1; i <= 10; i++) expect((await listing(`逐条〔2026〕${i}号`)).status).toBe("applied");
    got.length = 0;
    // Every send takes a simulated minute: with one batch time the 10th would be signed 9+ minutes ago.
    const { defaultTransport } = await import("../net/outbound.ts");
    const ages: number[] = [];
    const slow: Transport = async (dest, req, signal) => {
      ages.push(Math.floor(clock / 1000) - Number(/t=(\d+)/.exec(req.headers[SIGNATURE_HEADER]!)![1]));
      clock += 60_000;
      return defaultTransport()(dest, req, signal);
    };
    const r = await tick({ transport: slow });
    expect(r.webhooks).toMatchObject({ queued: 10, delivered: 10 });
    expect(got).toHaveLength(10);
    expect(got.every((g) => g.verified)).toBe(true);
    expect(new Set(got.map((g) => g.t)).size).toBeGreaterThan(1);
    // Only the other in-flight deliveries' minutes pass between signing and sending: every one is
    // inside the receivers' 5-minute tolerance (one batch time would make the 10th 9 minutes old).
    expect(Math.max(...ages)).toBeLessThan(SIGNATURE_TOLERANCE_S);
  });

  it("a hanging receiver times out on its own; the others are delivered meanwhile", async () => {
    expect((await listing("挂起〔2026〕1号")).status).toBe("applied");
    for (let i = 1; i <= 4; i++) expect((await listing(`并行〔2026〕${i}号`)).status).toBe("applied");
    got.length = 0;
    const r = await tick({ deliveryTimeoutMs: 3000 });
    expect(r.webhooks).toMatchObject({ queued: 5, delivered: 4, failed: 1 });
    expect(got.map((g) => g.doc).sort()).toEqual([1, 2, 3, 4].map((i) => `并行〔2026〕${i}号`));
    expect(hung).toHaveLength(1);
    // All four arrived while the hanging request was still open (the abort closes its socket).
    await hangClosed;
    expect(hangClosedAt).toBeGreaterThan(0);
    expect(Math.max(...got.map((g) => g.at))).toBeLessThan(hangClosedAt);
    const failed = await t.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.status, "failed"))
      .all();
    expect(failed.map((f) => f.lastError)).toEqual(["timeout / 超时"]);
  });
});
