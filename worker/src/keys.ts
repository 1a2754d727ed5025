/**
 * Signing keys. The embedded default generates one Ed25519 key on first start and keeps it in the
 * database; on Workers the private key is the `SIGNING_KEY` secret (a private JWK). Every key that is
 * not retired is published, so during a rotation records signed by either key verify.
 *
 * Rotation (`npm run keys:rotate`, issue 8): 1. rotate — a new key is stored and published at once,
 * the old one stays published; 2. restart — the process signs with the newest key; 3. once every
 * envelope signed by the old key has expired (ENVELOPE_TTL_MS after the rotation), retire — the old
 * key leaves the published set and its private half is erased. Key changes land in the audit log.
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
import { asc, eq, isNull } from "drizzle-orm";
import { commitWriteSet, WriteSet } from "./audit-log/write-set.ts";

/** Envelopes live a day (records/record-service.ts): an old key must stay published that long. */
export const ROTATION_GRACE_MS = 24 * 3600_000;

/** The newest non-retired key whose private half this database holds, or null. */
export async function loadSigningKey(db: Db): Promise<PrivateJwk | null> {
  const existing = await db
    .select()
    .from(signingKeys)
    .where(isNull(signingKeys.retiredAt))
    .orderBy(asc(signingKeys.createdAt))
    .all();
  const withPrivate = existing.filter((k) => k.privateJwk).at(-1);
  return withPrivate?.privateJwk ? (JSON.parse(withPrivate.privateJwk) as PrivateJwk) : null;
}

export async function loadOrCreateSigningKey(db: Db, now: Date = new Date()): Promise<PrivateJwk> {
  const existing = await loadSigningKey(db);
  if (existing) return existing;
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

/** Published keys: the current one (if this service has one) plus every non-retired key in the database. */
export async function publishedKeySet(db: Db, current: PrivateJwk | null): Promise<KeySet> {
  const rows = await db.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).all();
  const keys = new Map<string, PublicJwk>(current ? [[current.kid, publicJwk(current)]] : []);
  for (const r of rows) keys.set(r.kid, JSON.parse(r.publicJwk) as PublicJwk);
  return { keys: [...keys.values()].sort((a, b) => a.kid.localeCompare(b.kid)) };
}

export interface SigningKeyInfo {
  kid: string;
  createdAt: string;
  retiredAt: string | null;
  /** Whether this database holds the private half (false for keys whose secret lives in Workers). */
  hasPrivate: boolean;
}

/** The keys as an operator sees them: never the private half. */
export async function listSigningKeys(db: Db): Promise<SigningKeyInfo[]> {
  const rows = await db
    .select()
    .from(signingKeys)
    .orderBy(asc(signingKeys.createdAt), asc(signingKeys.kid))
    .all();
  return rows.map((r) => ({
    kid: r.kid,
    createdAt: r.createdAt,
    retiredAt: r.retiredAt,
    hasPrivate: r.privateJwk !== null,
  }));
}

export interface Rotation {
  /** The new key. */
  kid: string;
  /** Keys published from now on (the new one and every older key not yet retired). */
  published: string[];
  /** Only with `external`: the private JWK to hand to `wrangler secret put SIGNING_KEY`, stored nowhere. */
  privateJwk?: PrivateJwk;
}

/**
 * Start a rotation: store a new key (published immediately, so verifiers know it before the first
 * record signed with it). `external` keeps only the public half here and returns the private one,
 * for deployments whose key is a secret (Workers `SIGNING_KEY`).
 */
export async function rotateSigningKey(
  db: Db,
  now: Date,
  opts: { actor: string; external?: boolean },
): Promise<Rotation> {
  const key = await generateSigningKey();
  const ws = new WriteSet(opts.actor);
  ws.add(
    db.insert(signingKeys).values({
      kid: key.kid,
      publicJwk: JSON.stringify(publicJwk(key)),
      privateJwk: opts.external ? null : JSON.stringify(key),
      createdAt: now.toISOString(),
    }),
  );
  // The audit row names the key and its public half only.
  ws.log({
    action: "signing_key.rotate",
    entity: "signing_key",
    entityId: key.kid,
    after: { kid: key.kid, x: key.x, external: opts.external ?? false },
  });
  await commitWriteSet(db, ws, now);
  const published = (await listSigningKeys(db)).filter((k) => !k.retiredAt).map((k) => k.kid);
  return { kid: key.kid, published, ...(opts.external ? { privateJwk: key } : {}) };
}

export type RetireResult =
  | { ok: true; kid: string; retiredAt: string }
  | { ok: false; code: "not_found" | "already_retired" | "newest_key" | "too_early"; message: string };

/**
 * End a rotation: stop publishing `kid` and erase its private half. Refused for the newest key (a
 * service must keep one) and, unless `force`, while envelopes it signed may still be unexpired.
 */
export async function retireSigningKey(
  db: Db,
  kid: string,
  now: Date,
  opts: { actor: string; force?: boolean },
): Promise<RetireResult> {
  const keys = await listSigningKeys(db);
  const row = keys.find((k) => k.kid === kid);
  if (!row) return { ok: false, code: "not_found", message: `没有这个密钥 / no such key: ${kid}` };
  if (row.retiredAt)
    return {
      ok: false,
      code: "already_retired",
      message: `密钥已于 ${row.retiredAt} 停用 / already retired`,
    };
  const active = keys.filter((k) => !k.retiredAt);
  const newest = active.at(-1)!;
  if (newest.kid === kid)
    return {
      ok: false,
      code: "newest_key",
      message: "不能停用最新的签名密钥，请先轮换 / the newest key cannot be retired; rotate first",
    };
  const since = now.getTime() - Date.parse(newest.createdAt);
  if (!opts.force && since < ROTATION_GRACE_MS) {
    const wait = Math.ceil((ROTATION_GRACE_MS - since) / 3600_000);
    return {
      ok: false,
      code: "too_early",
      message: `旧密钥签发的记录最长 24 小时有效，请 ${wait} 小时后再停用（或 --force） / envelopes signed by this key may be valid for up to 24 h more; retire in ${wait} h (or --force)`,
    };
  }
  const retiredAt = now.toISOString();
  const ws = new WriteSet(opts.actor);
  ws.add(db.update(signingKeys).set({ retiredAt, privateJwk: null }).where(eq(signingKeys.kid, kid)));
  ws.log({
    action: "signing_key.retire",
    entity: "signing_key",
    entityId: kid,
    before: { retiredAt: null },
    after: { retiredAt },
  });
  await commitWriteSet(db, ws, now);
  return { ok: true, kid, retiredAt };
}
