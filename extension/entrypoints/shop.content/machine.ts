/**
 * The content script's decisions, as a pure state machine (issue 14): page → detected shop → lookup →
 * painted state. It reads nothing and writes nothing: the DOM shell (index.ts) turns the page into
 * `scan` events and the background's answers into `answer` events, and carries out the effects this
 * returns, in order. Every decision — when to ask, when to (re)mount, when a repaint is due, what the
 * toolbar says — is therefore unit-tested here without a browser (machine.test.ts).
 *
 * Elements (the anchor, the watched header) pass through as opaque references: the machine compares
 * them by identity, which is what tells "the header was re-rendered as a new element" (remount beside
 * the new one) from "the header's text changed in place" (same element, new detection).
 */
import type { Detection } from "../../adapters/index.ts";
import type { ShopRef } from "../../adapters/types.ts";
import type { LookupResult } from "../../utils/messages.ts";
import type { Tone } from "../../utils/present.ts";

/** What the toolbar icon and the popup say about the tab (issue 14, "honest coverage"). */
export type Coverage =
  /** Not a shop or item page (a platform's home or search page): the plain icon. */
  | { kind: "off" }
  /** A shop or item page of a supported platform whose shop could not be told: "?" — not checked. */
  | { kind: "unmatched" }
  /** The shop is known, the answer is on its way. */
  | { kind: "checking" }
  /** The badge shows this tone (grey "unknown" for a shop the service has no record of). */
  | { kind: "shown"; tone: Tone };

/** One look at the page, taken by the shell: URL tests first, the DOM detection only when they pass. */
export interface Scan {
  /** The adapter recognises the URL as a shop or item page (URL only). */
  shopPage: boolean;
  /** The full detection (URL, inline JSON, meta tags, links, header); null when nothing names a shop. */
  detection: Detection | null;
  /** The badge (and banner, when there is one) is still in the page. */
  uiConnected: boolean;
}

export interface PageState {
  /** `platform:shopId|mismatch` or `uscc:…` of the shop on show; null when nothing is shown. */
  key: string | null;
  detection: Detection | null;
  result: LookupResult | null;
  /** Where the badge was mounted: the anchor element, null for the floating badge, undefined unmounted. */
  mountedAt: Element | null | undefined;
  coverage: Coverage;
}

export type PageEvent =
  /** `known`: an answer the shell already holds for a shop (asked at document_start): no "checking…" flash. */
  | { type: "scan"; scan: Scan; known?: (shop: ShopRef) => LookupResult | null | undefined }
  /**
   * A local peek (`final: false`: cached bucket or prefix set) or the lookup's answer (`final: true`),
   * for the shop `key` (`platform:shopId`).
   */
  | { type: "answer"; key: string; result: LookupResult | null; final: boolean }
  /** The person dismissed today's banner of the shop `key` (`platform:shopId`). */
  | { type: "dismissed"; key: string };

export type Effect =
  | { type: "ask"; shop: ShopRef }
  /** Remove the badge, the banner and any host of ours the page's re-renders left behind. */
  | { type: "unmount" }
  /** Mount the badge beside `anchor` (null: floating) and paint it. */
  | { type: "mount"; anchor: Element | null }
  | { type: "paint" }
  | { type: "coverage"; coverage: Coverage };

export const INITIAL: PageState = {
  key: null,
  detection: null,
  result: null,
  mountedAt: undefined,
  coverage: { kind: "off" },
};

export const shopKey = (s: ShopRef) => `${s.platform}:${s.shopId}`;

/** A mismatched embed badge is part of the key: the same shop with a different warning is a new state. */
export const detectionKey = (d: Detection): string =>
  d.shop ? `${shopKey(d.shop)}|${d.badgeMismatch ? shopKey(d.badgeMismatch) : ""}` : `uscc:${d.uscc}`;

/** 已亮照: the page itself shows the license — a 亮照 / 营业执照 link, a license block or a Xinbiao badge. */
export const licenseShown = (d: Detection) =>
  !!(d.evidence.licenseLink || d.evidence.uscc || d.evidence.badgeShop);

/** The badge's tone for a result: the same mapping as present.ts badgeView (checked in machine.test.ts). */
export function toneOf(result: LookupResult | null): Tone {
  if (!result) return "loading";
  switch (result.state) {
    case "found":
      return result.record.verdict;
    case "unknown":
      return "unknown";
    case "listed":
      return result.list === "black" ? "danger" : "warning";
    case "error":
      return "error";
  }
}

function coverageOf(s: PageState): Coverage {
  if (!s.key || !s.detection) return s.coverage.kind === "unmatched" ? s.coverage : { kind: "off" };
  // A USCC on the page without a shop id: no lookup, the badge says what it can ("unknown" tone).
  if (!s.detection.shop) return { kind: "shown", tone: "unknown" };
  return s.result ? { kind: "shown", tone: toneOf(s.result) } : { kind: "checking" };
}

const sameCoverage = (a: Coverage, b: Coverage) =>
  a.kind === b.kind && (a.kind !== "shown" || (b.kind === "shown" && a.tone === b.tone));

/** Append a coverage effect when the toolbar's state changed. */
function withCoverage(before: PageState, next: PageState, effects: Effect[]): [PageState, Effect[]] {
  const coverage = coverageOf(next);
  if (sameCoverage(before.coverage, coverage)) return [{ ...next, coverage: before.coverage }, effects];
  return [{ ...next, coverage }, [...effects, { type: "coverage", coverage }]];
}

function onScan(s: PageState, scan: Scan, known: (shop: ShopRef) => LookupResult | null | undefined) {
  const d = scan.detection;
  const named = d && (d.shop || d.uscc) ? d : null;
  if (!named) {
    const effects: Effect[] = s.key ? [{ type: "unmount" }] : [];
    const coverage: Coverage = scan.shopPage ? { kind: "unmatched" } : { kind: "off" };
    return withCoverage(s, { ...INITIAL, coverage }, effects);
  }
  const key = detectionKey(named);
  if (s.key === key) {
    const next: PageState = { ...s, detection: named };
    // Thrown away by a re-render, or the header (re)appeared as a new element: mount beside it.
    if (!scan.uiConnected || named.anchor !== s.mountedAt) {
      return withCoverage(s, { ...next, mountedAt: named.anchor }, [
        { type: "unmount" },
        { type: "mount", anchor: named.anchor },
      ]);
    }
    // A license link or block appeared (or went): the badge's 已亮照 part changes.
    if (s.detection && licenseShown(named) !== licenseShown(s.detection))
      return withCoverage(s, next, [{ type: "paint" }]);
    return withCoverage(s, next, []);
  }
  // Another shop (an SPA move, a header re-rendered in place with another seller): start over.
  const effects: Effect[] = s.key ? [{ type: "unmount" }] : [];
  if (named.shop) effects.push({ type: "ask", shop: named.shop });
  effects.push({ type: "mount", anchor: named.anchor });
  const result = named.shop ? (known(named.shop) ?? null) : null;
  return withCoverage(
    s,
    { key, detection: named, result, mountedAt: named.anchor, coverage: s.coverage },
    effects,
  );
}

function onAnswer(s: PageState, key: string, result: LookupResult | null, final: boolean) {
  // An answer for a shop no longer on show (the person moved on) changes nothing.
  if (!s.detection?.shop || shopKey(s.detection.shop) !== key) return withCoverage(s, s, []);
  if (!final) {
    // A local peek only fills the "checking…" gap; it never replaces an answer.
    if (!result || s.result) return withCoverage(s, s, []);
    return withCoverage(s, { ...s, result }, [{ type: "paint" }]);
  }
  // The same answer the first paint already showed (a warm visit): a second paint would only cost
  // the page another style and layout pass.
  if (result && result === s.result) return withCoverage(s, s, []);
  // No answer at all (the background is gone): keep what the peek showed, else say "offline".
  if (!result) {
    if (s.result) return withCoverage(s, s, []);
    return withCoverage(s, { ...s, result: { state: "error", dismissedToday: false } }, [{ type: "paint" }]);
  }
  return withCoverage(s, { ...s, result }, [{ type: "paint" }]);
}

export function step(s: PageState, e: PageEvent): { state: PageState; effects: Effect[] } {
  let out: [PageState, Effect[]];
  switch (e.type) {
    case "scan":
      out = onScan(s, e.scan, e.known ?? (() => undefined));
      break;
    case "answer":
      out = onAnswer(s, e.key, e.result, e.final);
      break;
    case "dismissed":
      out =
        s.detection?.shop && shopKey(s.detection.shop) === e.key && s.result
          ? [{ ...s, result: { ...s.result, dismissedToday: true } }, [{ type: "paint" }]]
          : [s, []];
      break;
  }
  return { state: out[0], effects: out[1] };
}

/** A machine holding its state: the shell's one instance per page. */
export function createMachine(run: (effects: Effect[], state: PageState) => void) {
  let state = INITIAL;
  return {
    get state() {
      return state;
    },
    dispatch(e: PageEvent) {
      const r = step(state, e);
      state = r.state;
      if (r.effects.length) run(r.effects, state);
    },
  };
}
