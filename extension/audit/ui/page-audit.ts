/**
 * Auditor mode's logic (issue 6 item 4): capture this page with the same code the CLI injects, get
 * the shop's signed record from the background (verified there against the service's key set), run
 * the same engine, and package the result for export. No network of its own.
 */
import type { SignedEnvelope } from "@xinbiao/db/model";
import { capturePage } from "../engine/capture.ts";
import { auditPage, notAShop } from "../engine/engine.ts";
import type { PageAudit, PageSnapshot, Verification } from "../engine/types.ts";

export type RecordAnswer =
  | { ok: true; envelope: SignedEnvelope }
  | { ok: false; reason: "expired" | "bad_signature" | "unknown_key" | "not_found" | "network" };

export interface PanelAudit {
  audit: PageAudit;
  snapshot: PageSnapshot;
  auditedAt: string;
}

/**
 * `recordFor` answers the signed record of the page's merchant (by the USCC the lookup found or the
 * page shows). Badges bound to this shop verify with the same record; a badge of another shop stays
 * unverified here — it already fails badge.bound.
 */
export async function auditThisPage(
  doc: Document,
  win: Window,
  usccHint: string | null,
  recordFor: (uscc: string) => Promise<RecordAnswer>,
  now: Date = new Date(),
): Promise<PanelAudit> {
  const snapshot = capturePage(doc, win, now);
  const auditedAt = now.toISOString();
  if (snapshot.pageKind === "other" && !snapshot.uscc) {
    const audit: PageAudit = {
      url: snapshot.url,
      pageKind: "other",
      platform: snapshot.platform,
      shopId: null,
      uscc: null,
      merchantName: null,
      outcome: "error",
      flags: [],
      checks: [],
      error: notAShop(),
    };
    return { audit, snapshot, auditedAt };
  }
  const uscc = usccHint ?? snapshot.uscc;
  const answer = uscc && snapshot.pageKind !== "platform_home" ? await recordFor(uscc) : null;
  const envelope = answer?.ok ? answer.envelope : null;
  const recordVerification: Verification | null = answer?.ok
    ? { ok: true }
    : answer && answer.reason !== "not_found" && answer.reason !== "network"
      ? { ok: false, reason: answer.reason }
      : null;
  const badgeVerifications: Record<string, Verification | "not_found"> = {};
  if (snapshot.shop && envelope)
    badgeVerifications[`${snapshot.shop.platform}:${snapshot.shop.shopId}`] = { ok: true };
  if (envelope) badgeVerifications[envelope.record.uscc] = { ok: true };
  const audit = auditPage({ snapshot, envelope, recordVerification, badgeVerifications, now });
  return { audit, snapshot, auditedAt };
}

/** The exported JSON: the same shape as one result of the CLI's report.json, without file evidence. */
export function exportJson(p: PanelAudit): string {
  return JSON.stringify(
    {
      tool: "xinbiao-audit",
      source: "extension",
      version: 1,
      auditedAt: p.auditedAt,
      ...p.audit,
      viewport: p.snapshot.viewport,
      elements: p.snapshot.elements,
    },
    null,
    2,
  );
}

export function exportFileName(p: PanelAudit): string {
  const id = [p.audit.platform, p.audit.shopId].filter(Boolean).join("-") || "page";
  return `xinbiao-audit-${id}-${p.auditedAt.slice(0, 19).replace(/[-:T]/g, "")}.json`;
}
