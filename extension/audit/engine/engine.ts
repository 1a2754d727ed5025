/**
 * The audit engine: pure. Given a page snapshot (capture.ts, measured in the browser) and the registry
 * record (a SignedEnvelope, verified by the caller with verify-inputs.ts), it runs every check of the
 * registry (checks/registry.ts) that applies to the page kind. The CLI and the extension's auditor
 * mode both call it.
 *
 * Law behind the checks: 电子商务法 §15 and 市场主体登记管理条例 §36 — on the shop's main page,
 * prominently and continuously, the license information, the permits related to the business, or the
 * §10 exemption statement, or a link badge to them; §76 of the 条例 fines missing display. Platform home
 * pages link to 信用中国, the provincial credit site and 国家企业信用信息公示系统 (赣信用办〔2018〕26号).
 */
import type { SignedEnvelope } from "@xinbiao/db/model";
import { type CheckContext, toCheck } from "./check-def.ts";
import { CHECKS } from "./checks/registry.ts";
import { splitDisplays } from "./displays.ts";
import type { AuditError, Check, PageAudit, PageSnapshot, Verification } from "./types.ts";

export { evidenceOf } from "./check-def.ts";
export { isProminent } from "./prominence.ts";

export interface EngineInput {
  snapshot: PageSnapshot;
  /** The registry's signed record for the page's shop (or the USCC it shows); null when unknown. */
  envelope: SignedEnvelope | null;
  /** verifyEnvelope's answer for `envelope`. */
  recordVerification: Verification | null;
  /** verifyEnvelope's answer for each Xinbiao badge's record, by `platform:shopId` or USCC. */
  badgeVerifications?: Record<string, Verification | "not_found">;
  /** Origin of the configured Xinbiao service: badges from anywhere else are look-alikes. */
  serviceOrigin?: string | null;
  /** Today, for permit validity. */
  now: Date;
}

export function contextOf(input: EngineInput): CheckContext {
  const s = input.snapshot;
  const bad = !!input.recordVerification && !input.recordVerification.ok;
  const record = bad ? null : (input.envelope?.record ?? null);
  const here = s.shop ? `${s.shop.platform}:${s.shop.shopId}` : null;
  const serviceOrigin = input.serviceOrigin ?? null;
  const { displays, undecided } = splitDisplays(s.elements, { here, record, serviceOrigin });
  return {
    snapshot: s,
    envelope: input.envelope,
    recordVerification: input.recordVerification,
    record,
    badgeVerifications: input.badgeVerifications ?? {},
    serviceOrigin,
    now: input.now,
    of: (k) => s.elements.filter((e) => e.kind === k),
    here,
    displays,
    undecided,
  };
}

export function runChecks(input: EngineInput): Check[] {
  const ctx = contextOf(input);
  return CHECKS.filter((d) => d.appliesTo.includes(ctx.snapshot.pageKind)).map((d) => toCheck(d, d.run(ctx)));
}

/**
 * Outcome: non-compliant when any display check fails; "review" when none fails but one could not be
 * decided (a license photo OCR could not read, a capture cap); risk checks (lists) flag, they do not decide.
 */
export function outcomeOf(checks: Check[]): "compliant" | "non_compliant" | "review" {
  const display = checks.filter((c) => c.kind === "display");
  if (display.some((c) => c.status === "fail")) return "non_compliant";
  if (display.some((c) => c.status === "review")) return "review";
  return "compliant";
}

export function auditPage(input: EngineInput): PageAudit {
  const s = input.snapshot;
  const trusted = input.recordVerification?.ok === false ? null : (input.envelope?.record ?? null);
  const base = {
    url: s.url,
    pageKind: s.pageKind,
    platform: s.shop?.platform ?? s.platform,
    shopId: s.shop?.shopId ?? null,
    uscc: input.envelope?.record.uscc ?? s.uscc,
    merchantName: input.envelope?.record.name ?? null,
    authority: trusted?.license.authority ?? null,
  };
  if (s.pageKind === "other" && !s.uscc) {
    return { ...base, outcome: "error", flags: [], checks: [], error: notAShop() };
  }
  const checks = runChecks(input);
  if (s.pageKind === "platform_home") return { ...base, outcome: outcomeOf(checks), flags: [], checks };
  const flags = [
    ...new Set((trusted?.lists ?? []).map((l) => l.list).filter((l): l is "black" | "watch" => l !== "red")),
  ];
  return { ...base, outcome: outcomeOf(checks), flags, checks };
}

export function notAShop(): AuditError {
  return {
    code: "not_a_shop_page",
    zh: "不是可识别的店铺首页或平台首页",
    en: "not a recognised shop page or platform home page",
  };
}
