/**
 * Origin binding of the embed badge (DESIGN §6): a badge is shown as valid only on origins the
 * platform registered for the shop; anywhere else it says "此标识未在本站登记" and the misuse is
 * counted in `badge_misuse` (one row per platform, shop and origin; count + 1 per view), which
 * auditors read through the authenticated API.
 */
import { badgeMisuse, shops } from "@xinbiao/db/schema";
import { eq, sql } from "drizzle-orm";
import type { AppDeps } from "../deps.ts";

/** `https://mall.jd.com` — scheme, host and port, as a browser serialises `location.origin`. */
export function parseOrigin(raw: string): string | null {
  if (raw === "null") return "null"; // sandboxed frames and file: pages; never registered
  try {
    const u = new URL(raw);
    if ((u.protocol !== "https:" && u.protocol !== "http:") || u.origin !== raw) return null;
    return u.origin;
  } catch {
    return null;
  }
}

export function isRegistered(origin: string, registered: readonly string[]): boolean {
  return origin !== "null" && registered.includes(origin);
}

/** Origins registered for any shop of a merchant: what a `data-uscc` badge is bound to. */
export async function merchantOrigins(deps: AppDeps, uscc: string): Promise<string[]> {
  const rows = await deps.db.select({ origins: shops.origins }).from(shops).where(eq(shops.uscc, uscc));
  return [...new Set(rows.flatMap((r) => r.origins))];
}

/** Count one view of a badge on an unregistered origin (an upsert: one statement, atomic). */
export async function recordMisuse(
  deps: AppDeps,
  platform: string,
  shopId: string,
  origin: string,
): Promise<void> {
  const at = deps.now().toISOString();
  await deps.db
    .insert(badgeMisuse)
    .values({ platform, shopId, origin, count: 1, firstSeen: at, lastSeen: at })
    .onConflictDoUpdate({
      target: [badgeMisuse.platform, badgeMisuse.shopId, badgeMisuse.origin],
      set: { count: sql`${badgeMisuse.count} + 1`, lastSeen: at },
    });
}
