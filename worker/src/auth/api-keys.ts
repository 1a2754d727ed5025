/**
 * API keys: random, shown once, stored only as SHA-256, compared in constant time (issue 5 item 1).
 * A key reads `xbk_<id>_<secret>`: the id finds the row, the hash of the whole key must match.
 */
import type { Db } from "@xinbiao/db/client";
import { sha256Hex, toBase64Url } from "@xinbiao/db/model";
import { apiKeys, partners } from "@xinbiao/db/schema";
import { asc, eq } from "drizzle-orm";
import { commitWriteSet, WriteSet } from "../audit-log/write-set.ts";
import { DEFAULT_RATE_LIMITS, platformOf, type Role, roleKind } from "./roles.ts";

const KEY_RE = /^xbk_([0-9a-f]{16})_([A-Za-z0-9_-]{32})$/;

export interface Principal {
  keyId: string;
  role: Role;
  label: string;
  platform: string | null;
  partnerId: string | null;
  rateLimitPerMinute: number;
}

/** Audit actor name for a key. */
export function actorOf(p: Principal): string {
  return `key:${p.keyId} (${p.role})`;
}

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

/** Constant-time comparison of two equal-length hex digests (no early exit on the first difference). */
export function sameDigest(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export interface CreatedKey {
  id: string;
  /** The only time the secret exists outside the caller: it is not stored. */
  key: string;
  role: Role;
  label: string;
  partnerId: string | null;
  rateLimitPerMinute: number | null;
  createdAt: string;
}

export async function createApiKey(
  db: Db,
  input: { role: Role; label: string; rateLimitPerMinute?: number | null },
  actor: string,
  now: Date,
): Promise<CreatedKey> {
  const id = randomHex(8);
  const key = `xbk_${id}_${toBase64Url(crypto.getRandomValues(new Uint8Array(24)))}`;
  const hash = await sha256Hex(key);
  const createdAt = now.toISOString();
  const ws = new WriteSet(actor);
  const platform = platformOf(input.role);
  let partnerId: string | null = null;
  if (platform) {
    // One partner per platform: the webhook settings and the feed cursor hang off it.
    const existing = await db.select().from(partners).where(eq(partners.platform, platform)).get();
    partnerId = existing?.id ?? `partner-${platform}`;
    if (!existing) {
      ws.add(db.insert(partners).values({ id: partnerId, name: platform, platform }));
      ws.log({ action: "partner.create", entity: "partner", entityId: partnerId, after: { platform } });
    }
  }
  const row = {
    id,
    hash,
    role: input.role,
    label: input.label,
    partnerId,
    createdAt,
    rateLimitPerMinute: input.rateLimitPerMinute ?? null,
  };
  ws.add(db.insert(apiKeys).values(row));
  // The hash goes to the audit log too: it identifies the key without revealing it.
  ws.log({ action: "api_key.create", entity: "api_key", entityId: id, after: row });
  await commitWriteSet(db, ws, now);
  return {
    id,
    key,
    role: input.role,
    label: input.label,
    partnerId,
    rateLimitPerMinute: row.rateLimitPerMinute,
    createdAt,
  };
}

export async function listApiKeys(db: Db) {
  const rows = await db.select().from(apiKeys).orderBy(asc(apiKeys.createdAt), asc(apiKeys.id)).all();
  return rows.map(({ hash: _hash, ...r }) => r);
}

export type RevokeResult =
  | { ok: true; revokedAt: string }
  | { ok: false; code: "not_found" | "already_revoked" };

export async function revokeApiKey(db: Db, id: string, actor: string, now: Date): Promise<RevokeResult> {
  const row = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
  if (!row) return { ok: false, code: "not_found" };
  if (row.revokedAt) return { ok: false, code: "already_revoked" };
  const revokedAt = now.toISOString();
  const ws = new WriteSet(actor);
  ws.add(db.update(apiKeys).set({ revokedAt }).where(eq(apiKeys.id, id)));
  ws.log({
    action: "api_key.revoke",
    entity: "api_key",
    entityId: id,
    before: { revokedAt: null },
    after: { revokedAt },
  });
  await commitWriteSet(db, ws, now);
  return { ok: true, revokedAt };
}

export type AuthResult =
  | { ok: true; principal: Principal }
  | { ok: false; code: "malformed" | "unknown" | "revoked" };

/** Only record "last used" hourly: an authenticated read should not be a write every time. */
const LAST_USED_EVERY_MS = 3600_000;

export async function authenticate(db: Db, presented: string, now: Date): Promise<AuthResult> {
  const m = KEY_RE.exec(presented.trim());
  if (!m) return { ok: false, code: "malformed" };
  const row = await db.select().from(apiKeys).where(eq(apiKeys.id, m[1]!)).get();
  // Hash even when the id is unknown so timing does not tell which ids exist.
  const digest = await sha256Hex(presented.trim());
  if (!row || !sameDigest(digest, row.hash)) return { ok: false, code: "unknown" };
  if (row.revokedAt && row.revokedAt <= now.toISOString()) return { ok: false, code: "revoked" };
  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > LAST_USED_EVERY_MS) {
    await db.update(apiKeys).set({ lastUsedAt: now.toISOString() }).where(eq(apiKeys.id, row.id));
  }
  const role = row.role as Role;
  return {
    ok: true,
    principal: {
      keyId: row.id,
      role,
      label: row.label,
      platform: platformOf(role),
      partnerId: row.partnerId,
      rateLimitPerMinute: row.rateLimitPerMinute ?? DEFAULT_RATE_LIMITS[roleKind(role)],
    },
  };
}
