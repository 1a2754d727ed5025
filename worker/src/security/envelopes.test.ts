/**
 * Signed records on the consumer side (issue 8 item 4): the extension's lookup engine and the audit
 * CLI's registry client, both against the real service, accept a fresh envelope, reject an expired one
 * (the signature covers the validity window, so editing the dates breaks it), a changed byte, and a
 * record signed by a retired key; during a rotation both keys verify.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { SignedEnvelope } from "@xinbiao/db/model";
import { anchor } from "@xinbiao/db/seed";
import { describe, expect, it } from "vitest";
import { RegistryClient } from "../../../extension/audit/cli/registry-client.ts";
import { type KeyValue, Lookup } from "../../../extension/utils/lookup.ts";
import { createApp } from "../app.ts";
import { retireSigningKey, rotateSigningKey } from "../keys.ts";
import { openEmbedded } from "../node/embedded.ts";
import { openTestApp, TEST_BASE_URL, TEST_NOW } from "../testing/embedded-app.ts";

const HOUR = 3600_000;

class MemoryKv implements KeyValue {
  readonly map = new Map<string, unknown>();
  async get<T>(key: string) {
    return this.map.get(key) as T | undefined;
  }
  async set(key: string, value: unknown) {
    this.map.set(key, structuredClone(value));
  }
  async removePrefix(prefix: string) {
    for (const k of [...this.map.keys()]) if (k.startsWith(prefix)) this.map.delete(k);
  }
}

/** The extension's lookup engine over an app; `edit` may tamper with the envelope in transit. */
function extensionOver(
  app: { request: (p: string) => Response | Promise<Response> },
  clock: () => number,
  edit?: (e: SignedEnvelope) => SignedEnvelope,
) {
  return new Lookup({
    kv: new MemoryKv(),
    now: clock,
    serviceUrl: async () => TEST_BASE_URL,
    fetch: (async (input: RequestInfo | URL) => {
      const url = new URL(String(input));
      const res = await app.request(url.pathname + url.search);
      if (!edit || !url.pathname.startsWith("/api/v1/merchants/")) return res;
      return Response.json(edit((await res.json()) as SignedEnvelope));
    }) as typeof fetch,
  });
}

describe("expired, altered and retired-key envelopes are rejected", () => {
  it("the extension: fresh ok; expired, re-dated, altered → rejected", async () => {
    const t = await openTestApp({ demoMerchants: 20 });
    try {
      const { uscc } = anchor("blacklisted");
      let clock = TEST_NOW.getTime();
      const fresh = await extensionOver(t.app, () => clock).record(uscc);
      expect(fresh.ok).toBe(true);

      clock = TEST_NOW.getTime() + 25 * HOUR; // envelopes live 24 h
      expect(await extensionOver(t.app, () => clock).record(uscc)).toEqual({ ok: false, reason: "expired" });

      // Pushing the expiry forward by hand breaks the signature (it covers issuedAt/expiresAt).
      const redated = await extensionOver(
        t.app,
        () => clock,
        (e) => ({
          ...e,
          expiresAt: new Date(clock + HOUR).toISOString(),
        }),
      ).record(uscc);
      expect(redated).toEqual({ ok: false, reason: "bad_signature" });

      clock = TEST_NOW.getTime();
      const altered = await extensionOver(
        t.app,
        () => clock,
        (e) => ({
          ...e,
          record: { ...e.record, verdict: "trusted" },
        }),
      ).record(uscc);
      expect(altered).toEqual({ ok: false, reason: "bad_signature" });
    } finally {
      t.cleanup();
    }
  });

  it("the audit CLI's registry client: fresh ok, expired rejected, both keys valid during a rotation, retired rejected", async () => {
    let clock = TEST_NOW.getTime();
    const t = await openTestApp({ demoMerchants: 20, now: () => new Date(clock) });
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((r) => server.once("listening", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const { uscc } = anchor("normal");
      const at = (ms: number) => new RegistryClient(base, () => new Date(ms));
      const fresh = await at(clock).merchant(uscc);
      expect(fresh).toMatchObject({ state: "found", verification: { ok: true } });
      const expired = await at(clock + 25 * HOUR).merchant(uscc);
      expect(expired).toMatchObject({ state: "found", verification: { ok: false, reason: "expired" } });

      // Rotation: a second service process on the same file signs with the new key; the first still
      // signs with the old one. The auditor accepts both while both are published.
      if (fresh.state !== "found") throw new Error("unreachable");
      const oldKid = fresh.envelope.keyId;
      clock += HOUR;
      const rotation = await rotateSigningKey(t.db, new Date(clock), { actor: "test" });
      const second = await openEmbedded({
        url: t.url,
        now: () => new Date(clock),
        publicBaseUrl: TEST_BASE_URL,
      });
      const server2 = serve({ fetch: createApp(second.deps).fetch, port: 0, hostname: "127.0.0.1" });
      await new Promise((r) => server2.once("listening", r));
      const base2 = `http://127.0.0.1:${(server2.address() as AddressInfo).port}`;
      try {
        const viaOld = await at(clock).merchant(uscc);
        const viaNew = await new RegistryClient(base2, () => new Date(clock)).merchant(uscc);
        expect(viaOld).toMatchObject({
          state: "found",
          envelope: { keyId: oldKid },
          verification: { ok: true },
        });
        expect(viaNew).toMatchObject({
          state: "found",
          envelope: { keyId: rotation.kid },
          verification: { ok: true },
        });

        // After the grace period the old key is retired: what it signed no longer verifies.
        clock += 25 * HOUR;
        expect((await retireSigningKey(t.db, oldKid, new Date(clock), { actor: "test" })).ok).toBe(true);
        if (viaOld.state !== "found") throw new Error("unreachable");
        const { verifyRecord } = await import("../../../extension/audit/engine/verify-inputs.ts");
        const keys = await new RegistryClient(base2).keySet();
        const old = await verifyRecord(viaOld.envelope, keys, new Date(viaOld.envelope.issuedAt));
        expect(old).toEqual({ ok: false, reason: "unknown_key" });
      } finally {
        await new Promise((r) => server2.close(r));
        second.close();
      }
    } finally {
      await new Promise((r) => server.close(r));
      t.cleanup();
    }
  });
});
