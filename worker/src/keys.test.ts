/**
 * Signing-key rotation (issue 8 item 4): during a rotation two keys are published and records signed
 * by either verify; a restart signs with the new key; retiring the old key is refused while its
 * envelopes may still be valid, then removes it from the set and erases its private half. The CLI
 * (`npm run keys:rotate`) is run as a real process against a real libSQL file.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { type KeySet, type SignedEnvelope, verifyEnvelope } from "@xinbiao/db/model";
import { auditLog, signingKeys } from "@xinbiao/db/schema";
import { anchor } from "@xinbiao/db/seed";
import { like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createApp } from "./app.ts";
import { listSigningKeys, retireSigningKey, rotateSigningKey } from "./keys.ts";
import { openEmbedded, REPO_ROOT } from "./node/embedded.ts";
import { openTestApp, TEST_BASE_URL, TEST_NOW } from "./testing/embedded-app.ts";

const run = promisify(execFile);
const HOUR = 3600_000;

async function envelopeAndKeys(app: ReturnType<typeof createApp>, uscc: string) {
  const env = (await (await app.request(`/api/v1/merchants/${uscc}`)).json()) as SignedEnvelope;
  const keys = (await (await app.request("/.well-known/xinbiao-keys.json")).json()) as KeySet;
  return { env, keys };
}

describe("signing-key rotation", () => {
  it("two keys are valid during a rotation; retiring the old one ends it", async () => {
    let clock = TEST_NOW.getTime();
    const now = () => new Date(clock);
    const t = await openTestApp({ now });
    try {
      const uscc = anchor("blacklisted").uscc;
      const before = await envelopeAndKeys(t.app, uscc);
      const oldKid = before.env.keyId;
      expect(before.keys.keys.map((k) => k.kid)).toEqual([oldKid]);

      clock += HOUR;
      const rotation = await rotateSigningKey(t.db, now(), { actor: "test" });
      expect(rotation.privateJwk).toBeUndefined();
      expect(new Set(rotation.published)).toEqual(new Set([oldKid, rotation.kid]));

      // The running service publishes the new key at once (verifiers learn it before it signs) …
      const during = (await (await t.app.request("/.well-known/xinbiao-keys.json")).json()) as KeySet;
      expect(during.keys.map((k) => k.kid).sort()).toEqual([oldKid, rotation.kid].sort());
      // … keeps signing with the old key until restarted, and the old envelope still verifies.
      expect((await verifyEnvelope(before.env, during, now())).ok).toBe(true);

      // Restart on the same file: the new key signs; both envelopes verify against the published set.
      const restarted = await openEmbedded({ url: t.url, now, publicBaseUrl: TEST_BASE_URL });
      try {
        const app2 = createApp(restarted.deps);
        const after = await envelopeAndKeys(app2, uscc);
        expect(after.env.keyId).toBe(rotation.kid);
        expect(after.keys.keys).toHaveLength(2);
        expect((await verifyEnvelope(before.env, after.keys, now())).ok).toBe(true);
        expect((await verifyEnvelope(after.env, after.keys, now())).ok).toBe(true);
        // The published set carries public halves only.
        expect(JSON.stringify(after.keys)).not.toMatch(/"d"\s*:/);

        // Too early: envelopes signed by the old key live up to 24 h.
        const early = await retireSigningKey(restarted.db, oldKid, now(), { actor: "test" });
        expect(early).toMatchObject({ ok: false, code: "too_early" });
        if (!early.ok) expect(early.message).toContain("24");
        // The newest key can never be retired (a service must keep one).
        expect(await retireSigningKey(restarted.db, rotation.kid, now(), { actor: "test" })).toMatchObject({
          ok: false,
          code: "newest_key",
        });
        expect(await retireSigningKey(restarted.db, "nope", now(), { actor: "test" })).toMatchObject({
          ok: false,
          code: "not_found",
        });

        clock += 25 * HOUR;
        expect(await retireSigningKey(restarted.db, oldKid, now(), { actor: "test" })).toMatchObject({
          ok: true,
          kid: oldKid,
        });
        expect(await retireSigningKey(restarted.db, oldKid, now(), { actor: "test" })).toMatchObject({
          ok: false,
          code: "already_retired",
        });
        const ended = (await (await app2.request("/.well-known/xinbiao-keys.json")).json()) as KeySet;
        expect(ended.keys.map((k) => k.kid)).toEqual([rotation.kid]);
        // An envelope from the retired key no longer verifies; a fresh one from the new key does.
        const stale = await verifyEnvelope(before.env, ended, new Date(before.env.issuedAt));
        expect(stale).toEqual({ ok: false, reason: "unknown_key" });
        const fresh = await envelopeAndKeys(app2, uscc);
        expect((await verifyEnvelope(fresh.env, ended, now())).ok).toBe(true);

        // The retired key's private half is gone from the database; both steps are in the audit log.
        const rows = await restarted.db.select().from(signingKeys).all();
        expect(rows.find((r) => r.kid === oldKid)?.privateJwk).toBeNull();
        const audit = await restarted.db
          .select()
          .from(auditLog)
          .where(like(auditLog.action, "signing_key.%"))
          .all();
        expect(audit.map((a) => [a.action, a.entityId])).toEqual([
          ["signing_key.rotate", rotation.kid],
          ["signing_key.retire", oldKid],
        ]);
        // The audit log never holds a private key.
        expect(JSON.stringify(audit)).not.toMatch(/"d"\s*:/);
      } finally {
        restarted.close();
      }
    } finally {
      t.cleanup();
    }
  });

  it("npm run keys:rotate: rotate, list, external (private JWK on stdout only), refused retire", {
    timeout: 120_000,
  }, async () => {
    const t = await openTestApp({ demoMerchants: 10 });
    t.close(); // the CLI works on the file alone, as an operator would
    try {
      const cli = (...args: string[]) =>
        run(process.execPath, ["--import", "tsx", "worker/src/keys-rotate.cli.ts", "--db", t.url, ...args], {
          cwd: REPO_ROOT,
        });
      const rotated = JSON.parse((await cli("--json")).stdout) as { kid: string; published: string[] };
      expect(rotated.published).toHaveLength(2);

      const external = await cli("--external");
      const jwk = JSON.parse(external.stdout) as { kty: string; crv: string; d: string; kid: string };
      expect(jwk).toMatchObject({ kty: "OKP", crv: "Ed25519" });
      expect(jwk.d.length).toBeGreaterThan(20);
      expect(external.stderr).not.toContain(jwk.d);

      const listed = JSON.parse((await cli("--list", "--json")).stdout) as {
        kid: string;
        hasPrivate: boolean;
      }[];
      expect(listed).toHaveLength(3);
      // Only the public half of the external key is kept here; the secret lives in Workers.
      expect(listed.find((k) => k.kid === jwk.kid)?.hasPrivate).toBe(false);
      expect(JSON.stringify(listed)).not.toContain(jwk.d);

      const refused = await cli("--retire", rotated.kid).catch((e: { code: number; stderr: string }) => e);
      expect(refused).toMatchObject({ code: 1 });
      expect((refused as { stderr: string }).stderr).toContain("24");
      const forced = await cli("--retire", rotated.kid, "--force");
      expect(forced.stdout).toContain(rotated.kid);

      const check = await openEmbedded({ url: t.url, seed: false });
      try {
        const keys = await listSigningKeys(check.db);
        expect(keys.filter((k) => !k.retiredAt).map((k) => k.kid)).not.toContain(rotated.kid);
      } finally {
        check.close();
      }
    } finally {
      t.cleanup();
    }
  });
});
