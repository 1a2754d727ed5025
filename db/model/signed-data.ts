/**
 * Signatures over the service's public data other than records (issue 14): range buckets, the
 * 黑名单/重点关注 prefix set and the detection rules. Before this only full records were signed, so a
 * cached or relayed bucket could be edited to turn a warning green. Same key and algorithm as the
 * records (signature.ts: Ed25519 over RFC 8785 canonical JSON), and the same key set verifies them.
 *
 * The signed object carries its signature in a `sig` member; what is signed is
 * `canonicalJson({ kind, issuedAt, expiresAt, data })`, `data` being the object without `sig`:
 *  - `kind` separates the domains: a bucket's signature does not verify as a prefix set's, rules', or
 *    a record's (whose payload has no `kind`);
 *  - `expiresAt` bounds a replay: a copy is good until then (a bucket until the next Shanghai
 *    midnight, when list entries appear and lapse — 电子商务法 §15; see the signers);
 *  - `issuedAt` lets a client refuse a copy older than the one it holds (rollback).
 */
import { canonicalJson } from "./canonical.ts";
import { type KeySet, type Signer, verifySignature } from "./signature.ts";

export const SIGNED_KINDS = {
  rangeBucket: "xinbiao.range-bucket/1",
  prefixSet: "xinbiao.prefix-set/1",
  detectionRules: "xinbiao.detection-rules/1",
} as const;
export type SignedKind = (typeof SIGNED_KINDS)[keyof typeof SIGNED_KINDS];

export interface DataSignature {
  kind: SignedKind;
  keyId: string;
  issuedAt: string;
  expiresAt: string;
  /** base64url Ed25519 signature over canonicalJson({ kind, issuedAt, expiresAt, data }). */
  signature: string;
}

export type Signed<T> = T & { sig: DataSignature };

const payload = (kind: SignedKind, issuedAt: string, expiresAt: string, data: unknown) => ({
  kind,
  issuedAt,
  expiresAt,
  data,
});

/** Sign `data` (an object without `sig`) and return it with its signature attached. */
export async function signData<T extends object>(
  signer: Signer,
  kind: SignedKind,
  data: T,
  issuedAt: string,
  expiresAt: string,
): Promise<Signed<T>> {
  const signature = await signer.sign(payload(kind, issuedAt, expiresAt, data));
  return { ...data, sig: { kind, keyId: signer.keyId, issuedAt, expiresAt, signature } };
}

export type DataCheck =
  | { ok: true; sig: DataSignature }
  | { ok: false; reason: "unsigned" | "wrong_kind" | "unknown_key" | "expired" | "bad_signature" };

/**
 * Verify a signed object of `kind` at `now`. `graceMs` tolerates clocks and shared caches a little
 * behind (a CDN may serve a copy a few minutes past its expiry); 0 by default.
 */
export async function verifyData(
  obj: unknown,
  kind: SignedKind,
  keySet: KeySet,
  now: Date,
  graceMs = 0,
): Promise<DataCheck> {
  if (!obj || typeof obj !== "object" || Array.isArray(obj)) return { ok: false, reason: "unsigned" };
  const { sig, ...data } = obj as { sig?: Partial<DataSignature> };
  if (!sig || typeof sig !== "object" || typeof sig.signature !== "string" || typeof sig.keyId !== "string")
    return { ok: false, reason: "unsigned" };
  if (sig.kind !== kind) return { ok: false, reason: "wrong_kind" };
  if (typeof sig.issuedAt !== "string" || typeof sig.expiresAt !== "string")
    return { ok: false, reason: "unsigned" };
  if (!keySet.keys.some((k) => k.kid === sig.keyId)) return { ok: false, reason: "unknown_key" };
  if (!(Date.parse(sig.expiresAt) + graceMs >= now.getTime())) return { ok: false, reason: "expired" };
  const ok = await verifySignature(
    payload(kind, sig.issuedAt, sig.expiresAt, data),
    sig.signature,
    sig.keyId,
    keySet,
  );
  return ok ? { ok: true, sig: sig as DataSignature } : { ok: false, reason: "bad_signature" };
}

/** The canonical bytes a signature covers (exported for tests and for tools that re-check a copy). */
export function signedDataBytes(
  kind: SignedKind,
  issuedAt: string,
  expiresAt: string,
  data: unknown,
): string {
  return canonicalJson(payload(kind, issuedAt, expiresAt, data));
}
