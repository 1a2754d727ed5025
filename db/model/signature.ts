/**
 * Ed25519 signatures over the canonical JSON of a record (DESIGN §3), with WebCrypto only, so the
 * same code runs in Node 20, workerd and Chromium. Signatures and keys travel as base64url.
 */
import { canonicalJson } from "./canonical.ts";

export interface PublicJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  use?: "sig";
  alg?: "EdDSA";
}

export interface PrivateJwk extends PublicJwk {
  d: string;
}

export interface KeySet {
  keys: PublicJwk[];
}

export function toBase64Url(bytes: Uint8Array): string {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(s: string): Uint8Array<ArrayBuffer> {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** A new signing key as a private JWK; `kid` is derived from the public key so it is stable. */
export async function generateSigningKey(): Promise<PrivateJwk> {
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", pair.privateKey)) as JsonWebKey;
  const kid = (await sha256Hex(jwk.x!)).slice(0, 16);
  return { kty: "OKP", crv: "Ed25519", x: jwk.x!, d: jwk.d!, kid, use: "sig", alg: "EdDSA" };
}

export function publicJwk(key: PrivateJwk): PublicJwk {
  return { kty: "OKP", crv: "Ed25519", x: key.x, kid: key.kid, use: "sig", alg: "EdDSA" };
}

export interface Signer {
  keyId: string;
  sign(payload: unknown): Promise<string>;
}

export async function createSigner(key: PrivateJwk): Promise<Signer> {
  const cryptoKey = await crypto.subtle.importKey(
    "jwk",
    { kty: "OKP", crv: "Ed25519", x: key.x, d: key.d },
    { name: "Ed25519" },
    false,
    ["sign"],
  );
  return {
    keyId: key.kid,
    async sign(payload: unknown) {
      const bytes = new TextEncoder().encode(canonicalJson(payload));
      const sig = await crypto.subtle.sign({ name: "Ed25519" }, cryptoKey, bytes);
      return toBase64Url(new Uint8Array(sig));
    },
  };
}

/** Verify `signature` over the canonical JSON of `payload` with one key of the set, chosen by kid. */
export async function verifySignature(
  payload: unknown,
  signature: string,
  keyId: string,
  keySet: KeySet,
): Promise<boolean> {
  const jwk = keySet.keys.find((k) => k.kid === keyId);
  if (!jwk) return false;
  try {
    const key = await crypto.subtle.importKey(
      "jwk",
      { kty: "OKP", crv: "Ed25519", x: jwk.x },
      { name: "Ed25519" },
      false,
      ["verify"],
    );
    const bytes = new TextEncoder().encode(canonicalJson(payload));
    return await crypto.subtle.verify({ name: "Ed25519" }, key, fromBase64Url(signature), bytes);
  } catch {
    return false;
  }
}

/**
 * What the signature covers: the record and the envelope's validity window. DESIGN §3 signs the
 * record alone; covering `issuedAt`/`expiresAt` too means an expired envelope cannot be "refreshed"
 * by editing its dates.
 */
export function signedPayload(env: { record: unknown; issuedAt: string; expiresAt: string }): unknown {
  return { record: env.record, issuedAt: env.issuedAt, expiresAt: env.expiresAt };
}

/** Verify a signed envelope: known key, not expired at `now`, signature over `signedPayload`. */
export async function verifyEnvelope(
  env: { record: unknown; signature: string; keyId: string; issuedAt: string; expiresAt: string },
  keySet: KeySet,
  now: Date = new Date(),
): Promise<{ ok: true } | { ok: false; reason: "expired" | "bad_signature" | "unknown_key" }> {
  if (!keySet.keys.some((k) => k.kid === env.keyId)) return { ok: false, reason: "unknown_key" };
  if (!(Date.parse(env.expiresAt) >= now.getTime())) return { ok: false, reason: "expired" };
  const ok = await verifySignature(signedPayload(env), env.signature, env.keyId, keySet);
  return ok ? { ok: true } : { ok: false, reason: "bad_signature" };
}
