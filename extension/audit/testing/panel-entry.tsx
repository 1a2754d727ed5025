/**
 * Test entry (bundled by esbuild into the page by ui/auditor-panel.browser.test.ts): the real panel,
 * with the record answered the way the extension's background does it — fetched from the service
 * and verified against its published key set.
 */
import { type KeySet, type SignedEnvelope, verifyEnvelope } from "@xinbiao/db/model";
import { mountAuditorPanel } from "../ui/mount-auditor-panel.tsx";
import type { RecordAnswer } from "../ui/page-audit.ts";

async function recordFrom(svc: string, uscc: string): Promise<RecordAnswer> {
  const r = await fetch(`${svc}/api/v1/merchants/${encodeURIComponent(uscc)}`);
  if (r.status === 404) return { ok: false, reason: "not_found" };
  const envelope = (await r.json()) as SignedEnvelope;
  const keys = (await (await fetch(`${svc}/.well-known/xinbiao-keys.json`)).json()) as KeySet;
  const v = await verifyEnvelope(envelope, keys);
  return v.ok ? { ok: true, envelope } : { ok: false, reason: v.reason };
}

(globalThis as unknown as { XinbiaoPanel: unknown }).XinbiaoPanel = {
  start(svc: string, shop: { platform: string; shopId: string }) {
    mountAuditorPanel(document, window, {
      lang: () => "zh",
      uscc: async () => {
        const r = await fetch(`${svc}/api/v1/shops/${shop.platform}/${shop.shopId}`);
        return r.ok ? ((await r.json()) as { record: { uscc: string } }).record.uscc : null;
      },
      recordFor: (uscc) => recordFrom(svc, uscc),
    });
  },
};
