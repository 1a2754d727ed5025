/**
 * Signature checks the engine relies on (DESIGN §3, §6): records are Ed25519-signed over
 * {record, issuedAt, expiresAt}; the auditor verifies them against the service's published key set
 * before comparing a page with them. WebCrypto only: runs in Node 20 and Chromium.
 */
import { type KeySet, type SignedEnvelope, verifyEnvelope } from "@xinbiao/db/model";
import type { PageSnapshot, Verification } from "./types.ts";

export async function verifyRecord(
  env: SignedEnvelope | null,
  keySet: KeySet,
  now: Date,
): Promise<Verification | null> {
  if (!env) return null;
  return verifyEnvelope(env, keySet, now);
}

/** The keys the engine looks badge verifications up by: `platform:shopId` or the USCC. */
export function badgeKeys(
  s: PageSnapshot,
): { key: string; shop?: { platform: string; shopId: string }; uscc?: string }[] {
  const out = new Map<string, { key: string; shop?: { platform: string; shopId: string }; uscc?: string }>();
  for (const e of s.elements) {
    if (e.kind !== "xinbiao_badge") continue;
    if (e.shop)
      out.set(`${e.shop.platform}:${e.shop.shopId}`, {
        key: `${e.shop.platform}:${e.shop.shopId}`,
        shop: e.shop,
      });
    else if (e.value) out.set(e.value, { key: e.value, uscc: e.value });
  }
  return [...out.values()];
}
