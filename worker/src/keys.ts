/**
 * Signing keys. The embedded default generates one Ed25519 key on first start and keeps it in the
 * database; on Workers the private key is the `SIGNING_KEY` secret (a private JWK). Every key that is
 * not retired is published, so during a rotation records signed by either key verify.
 */
import type { Db } from "@xinbiao/db/client";
import {
  generateSigningKey,
  type KeySet,
  type PrivateJwk,
  type PublicJwk,
  publicJwk,
} from "@xinbiao/db/model";
import { signingKeys } from "@xinbiao/db/schema";
import { asc, isNull } from "drizzle-orm";

export async function loadOrCreateSigningKey(db: Db, now: Date = new Date()): Promise<PrivateJwk> {
  const existing = await db
    .select()
    .from(signingKeys)
    .where(isNull(signingKeys.retiredAt))
    .orderBy(asc(signingKeys.createdAt))
    .all();
  const withPrivate = existing.filter((k) => k.privateJwk).at(-1);
  if (withPrivate?.privateJwk) return JSON.parse(withPrivate.privateJwk) as PrivateJwk;
  const key = await generateSigningKey();
  await db.insert(signingKeys).values({
    kid: key.kid,
    publicJwk: JSON.stringify(publicJwk(key)),
    privateJwk: JSON.stringify(key),
    createdAt: now.toISOString(),
  });
  return key;
}

export function parsePrivateJwk(text: string): PrivateJwk {
  const k = JSON.parse(text) as Partial<PrivateJwk>;
  if (k.kty !== "OKP" || k.crv !== "Ed25519" || !k.x || !k.d || !k.kid) {
    throw new Error("SIGNING_KEY must be an Ed25519 private JWK with kty, crv, x, d and kid");
  }
  return k as PrivateJwk;
}

/** Published keys: the current one plus every non-retired key in the database. */
export async function publishedKeySet(db: Db, current: PrivateJwk): Promise<KeySet> {
  const rows = await db.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).all();
  const keys = new Map<string, PublicJwk>([[current.kid, publicJwk(current)]]);
  for (const r of rows) keys.set(r.kid, JSON.parse(r.publicJwk) as PublicJwk);
  return { keys: [...keys.values()].sort((a, b) => a.kid.localeCompare(b.kid)) };
}
