/**
 * A partner registers one webhook URL and a secret. Deliveries start with changes after the moment of
 * registration (the feed has the history). The secret is returned once when we generate it.
 */
import type { Db } from "@xinbiao/db/client";
import { sha256Hex, toBase64Url } from "@xinbiao/db/model";
import { changes, partners } from "@xinbiao/db/schema";
import { eq, max } from "drizzle-orm";
import { commitWriteSet, WriteSet } from "../audit-log/write-set.ts";
import { actorOf, type Principal } from "../auth/api-keys.ts";
import { checkOutboundTarget, type OutboundPolicy } from "../net/outbound.ts";

export type WebhookUrlCheck = { ok: true; url: string } | { ok: false; zh: string; en: string };

/**
 * https only; the host must not be (or resolve to) a loopback, private, link-local, CGNAT,
 * multicast, reserved or metadata address (net/outbound.ts). Plain http and local receivers only with
 * the local-development opt-in. Delivery checks the resolved address again, every time.
 */
export async function checkWebhookUrl(raw: string, policy: OutboundPolicy): Promise<WebhookUrlCheck> {
  const c = await checkOutboundTarget(raw, policy);
  return c.ok ? { ok: true, url: c.url.href } : c;
}

export async function setWebhook(
  db: Db,
  p: Principal,
  input: { url: string | null; secret?: string | undefined },
  now: Date,
): Promise<{ url: string | null; secret: string | null; generated: boolean }> {
  const partner = await db.select().from(partners).where(eq(partners.id, p.partnerId!)).get();
  const ws = new WriteSet(actorOf(p));
  if (input.url === null) {
    ws.add(
      db
        .update(partners)
        .set({ webhookUrl: null, webhookSecret: null, updatedAt: now.toISOString() })
        .where(eq(partners.id, p.partnerId!)),
    );
    ws.log({
      action: "webhook.remove",
      entity: "partner",
      entityId: p.partnerId!,
      before: { url: partner?.webhookUrl ?? null },
    });
    await commitWriteSet(db, ws, now);
    return { url: null, secret: null, generated: false };
  }
  const generated = !input.secret;
  const secret = input.secret ?? `whsec_${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
  const head =
    (
      await db
        .select({ top: max(changes.seq) })
        .from(changes)
        .get()
    )?.top ?? 0;
  ws.add(
    db
      .update(partners)
      .set({
        webhookUrl: input.url,
        webhookSecret: secret,
        // A new URL starts at the current end of the feed; the same URL keeps its position.
        webhookCursor: partner?.webhookUrl === input.url ? partner.webhookCursor : head,
        updatedAt: now.toISOString(),
      })
      .where(eq(partners.id, p.partnerId!)),
  );
  ws.log({
    action: "webhook.set",
    entity: "partner",
    entityId: p.partnerId!,
    before: { url: partner?.webhookUrl ?? null },
    // Never the secret itself: a fingerprint tells a rotation apart.
    after: { url: input.url, secretSha256: (await sha256Hex(secret)).slice(0, 16) },
  });
  await commitWriteSet(db, ws, now);
  return { url: input.url, secret: generated ? secret : null, generated };
}
