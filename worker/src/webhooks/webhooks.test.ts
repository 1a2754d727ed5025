/**
 * Webhooks (issue 5 items 2 and 7) against a real HTTP receiver on 127.0.0.1: deliveries are signed
 * with HMAC-SHA256 (checked by the receiver with the partner's secret), a failing receiver is retried
 * with backoff on the controllable clock, gives up after MAX_ATTEMPTS, and failures stay visible.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { anchor } from "@xinbiao/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, type Json, jsonInit, keysForRoles } from "../auth/test-keys.ts";
import { runImport } from "../imports/run-import.ts";
import { scheduledTick } from "../lifecycle/scheduled-tick.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { BASE_BACKOFF_MS, MAX_ATTEMPTS } from "./webhook-dispatch.ts";
import { signWebhook, verifyWebhook } from "./webhook-signature.ts";

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
  t = await openTestApp({ now: () => new Date(clock) });
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

const tick = () => scheduledTick({ db: t.db, now: () => new Date(clock) });
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

  it("registration refuses plain http to anything but loopback", async () => {
    const res = await t.app.request(
      "/api/v1/partner/webhook",
      jsonInit("PUT", keys["platform:taobao"], { url: "http://partner.example/hook", secret: SECRET }),
    );
    expect(res.status).toBe(400);
    expect((await res.json<Json>()).error.field).toBe("url");
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
      lastError: "HTTP 503",
    });
    // Visible to the regulator too.
    const login = await t.app.request("/regulator", bearer(keys.regulator));
    expect(await login.text()).toContain("HTTP 503");
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
