import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical.ts";
import {
  createSigner,
  generateSigningKey,
  publicJwk,
  signedPayload,
  verifyEnvelope,
  verifySignature,
} from "./signature.ts";

describe("canonicalJson (RFC 8785)", () => {
  it("sorts keys, drops whitespace and undefined", () => {
    expect(canonicalJson({ b: 1, a: [true, null, "x"], c: undefined, d: { z: 1, y: "名" } })).toBe(
      '{"a":[true,null,"x"],"b":1,"d":{"y":"名","z":1}}',
    );
  });
  it("writes numbers as ECMAScript does", () => {
    expect(canonicalJson([1e21, 0.1, -0, 100])).toBe("[1e+21,0.1,0,100]");
  });
  it("refuses non-finite numbers", () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow(/non-finite/);
  });
});

describe("Ed25519 signatures (WebCrypto)", () => {
  it("verifies, and fails on a one-byte change anywhere", async () => {
    const key = await generateSigningKey();
    const signer = await createSigner(key);
    const keySet = { keys: [publicJwk(key)] };
    const record = { uscc: "91320214745555318W", name: "无锡示例电子商务有限公司", verdict: "normal" };
    const env = {
      record,
      issuedAt: "2026-11-22T00:00:00.000Z",
      expiresAt: "2026-11-23T00:00:00.000Z",
      keyId: key.kid,
      signature: "",
    };
    env.signature = await signer.sign(signedPayload(env));
    const now = new Date("2026-11-22T12:00:00Z");
    expect(await verifyEnvelope(env, keySet, now)).toEqual({ ok: true });

    // one changed character in the record
    expect(await verifyEnvelope({ ...env, record: { ...record, verdict: "trusted" } }, keySet, now)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    // a later expiry written in by hand
    expect(await verifyEnvelope({ ...env, expiresAt: "2027-11-23T00:00:00.000Z" }, keySet, now)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
    // one flipped bit in the signature
    const sig = env.signature;
    const flipped = sig[5] === "A" ? "B" : "A";
    const tampered = sig.slice(0, 5) + flipped + sig.slice(6);
    expect(await verifySignature(signedPayload(env), tampered, key.kid, keySet)).toBe(false);
  });

  it("rejects expired envelopes and unknown keys", async () => {
    const key = await generateSigningKey();
    const signer = await createSigner(key);
    const env = {
      record: { a: 1 },
      issuedAt: "2026-01-01T00:00:00Z",
      expiresAt: "2026-01-02T00:00:00Z",
      keyId: key.kid,
      signature: "",
    };
    env.signature = await signer.sign(signedPayload(env));
    expect(await verifyEnvelope(env, { keys: [publicJwk(key)] }, new Date("2026-01-03T00:00:00Z"))).toEqual({
      ok: false,
      reason: "expired",
    });
    const other = await generateSigningKey();
    expect(await verifyEnvelope(env, { keys: [publicJwk(other)] }, new Date("2026-01-01T12:00:00Z"))).toEqual(
      {
        ok: false,
        reason: "unknown_key",
      },
    );
  });
});
