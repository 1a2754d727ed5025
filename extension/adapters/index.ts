/**
 * The adapter registry: the platform adapters in match order, and the detection entry points.
 * Every platform adapter is the rules engine applied to that platform's rules (rules/): the
 * built-in rules by default, or a signed rules file the service publishes (`parseRules`), so a
 * platform redesign is fixed without a store release.
 */
import type { Platform } from "@xinbiao/db/model";
import { hasEvidence, pageEvidence, sameShop } from "./generic/generic.adapter.ts";
import { BUILTIN_RULES } from "./rules/builtin.ts";
import { anchorIn, classify, headerIn, type PageVerdict, pageRuleOf, platformOf } from "./rules/engine.ts";
import { type CompiledPlatform, type CompiledRules, parseRules } from "./rules/format.ts";
import type { Adapter, PageEvidence, ShopRef } from "./types.ts";

export { BUILTIN_RULES } from "./rules/builtin.ts";
export type { PageStatus, PageVerdict } from "./rules/engine.ts";
export {
  type CompiledRules,
  type ParseOptions,
  parseRules,
  RULES_FORMAT,
  RulesError,
  type RulesJson,
} from "./rules/format.ts";

/**
 * The built-in rules, compiled once at content-script start (selectors unchecked there: the unit
 * tests parse the same rules with every selector checked).
 */
export const DEFAULT_RULES: CompiledRules = parseRules(BUILTIN_RULES, { checkSelectors: false });

function adapterOf(rules: CompiledRules, p: CompiledPlatform): Adapter {
  return {
    id: p.id,
    matches: (url) => platformOf(rules, url)?.id === p.id,
    detect: (url) => platformOf(rules, url)?.id === p.id && pageRuleOf(p, url) !== null,
    surface: (url) => (platformOf(rules, url)?.id === p.id ? (pageRuleOf(p, url)?.surface ?? null) : null),
    shopKey(url, doc) {
      const v = classify(rules, url, doc);
      return v.platform === p.id ? v.shopId : null;
    },
    shopUrl(shopId) {
      // An alias (`seller:2206123`): its namespace's template with the value after the prefix.
      const colon = shopId.indexOf(":");
      const space = colon > 0 && p.aliases.has(shopId.slice(0, colon)) ? shopId.slice(0, colon) : null;
      const value = space ? shopId.slice(colon + 1) : shopId;
      const own = p.shopUrls.filter((u) => u.space === space);
      const t = own.find((u) => u.when.test(value)) ?? own[own.length - 1] ?? p.shopUrls[0]!;
      return t.url.replace("{id}", encodeURIComponent(value));
    },
    anchor: (doc) => anchorIn(p, doc),
    header: (doc) => headerIn(p, doc),
  };
}

const adapterCache = new WeakMap<CompiledRules, readonly Adapter[]>();

/** The adapters a rules object defines, in match order (cached per rules object). */
export function adaptersFor(rules: CompiledRules): readonly Adapter[] {
  let list = adapterCache.get(rules);
  if (!list) {
    list = rules.platforms.map((p) => adapterOf(rules, p));
    adapterCache.set(rules, list);
  }
  return list;
}

export const ADAPTERS: readonly Adapter[] = adaptersFor(DEFAULT_RULES);

/** The built-in adapter of one platform (the per-platform modules re-export these). */
export function builtinAdapter(id: Platform): Adapter {
  return ADAPTERS.find((a) => a.id === id)!;
}

/** The adapter for a URL's host — a pure string test, the only work done on every page. */
export function adapterFor(url: URL, rules: CompiledRules = DEFAULT_RULES): Adapter | null {
  const p = platformOf(rules, url);
  return p ? (adaptersFor(rules).find((a) => a.id === p.id) ?? null) : null;
}

/**
 * What the page is and which shop: found, "not checked" (no_id / ambiguous on a supported shop or
 * item page), or not a shop page. The popup's "this page could not be matched to a shop" and the
 * toolbar's "?" come from `no_id` and `ambiguous`.
 */
export function classifyPage(
  url: URL,
  doc: Document | null,
  rules: CompiledRules = DEFAULT_RULES,
): PageVerdict {
  return classify(rules, url, doc);
}

export interface Detection {
  /** Which adapter found the shop: a platform, or "generic" when only a page badge named it. */
  via: Adapter["id"] | "generic";
  shop: ShopRef | null;
  /** A USCC shown on the page when no shop id was found (a license block on an unknown page). */
  uscc: string | null;
  anchor: Element | null;
  evidence: PageEvidence;
  /** The page carries a Xinbiao badge bound to another shop than the one the page is. */
  badgeMismatch: ShopRef | null;
  /**
   * The rules engine's verdict on the page (status, surface, URL shape, id source). Optional so
   * callers' hand-built detections (tests) stay valid; detectShop always sets it.
   */
  verdict?: PageVerdict;
}

/**
 * Detect the shop a page is about. `anyPage` is the opt-in "all sites" mode: without it, pages that
 * no platform adapter recognises as shop pages are left alone after the URL test. Returns null when
 * nothing was found: callers that must tell "not checked" from "not a shop page" use classifyPage.
 */
export function detectShop(
  url: URL,
  doc: Document,
  anyPage = false,
  rules: CompiledRules = DEFAULT_RULES,
): Detection | null {
  const adapter = adapterFor(url, rules);
  const isShopPage = !!adapter?.detect(url);
  if (!isShopPage && !anyPage) return null;

  const verdict = classify(rules, url, isShopPage ? doc : null);
  const evidence = pageEvidence(doc);
  if (adapter && verdict.status === "found" && verdict.shopId) {
    const shop: ShopRef = { platform: adapter.id, shopId: verdict.shopId };
    const badgeMismatch =
      evidence.badgeShop && !sameShop(evidence.badgeShop, shop) ? evidence.badgeShop : null;
    return {
      via: adapter.id,
      shop,
      uscc: evidence.uscc,
      anchor: adapter.anchor(doc),
      evidence,
      badgeMismatch,
      verdict,
    };
  }
  if (!hasEvidence(evidence)) return null;
  return {
    via: "generic",
    // Two shops on a platform page: an embed badge does not settle it (never a false badge).
    shop: verdict.status === "ambiguous" ? null : evidence.badgeShop,
    uscc: evidence.uscc,
    anchor: adapter?.anchor(doc) ?? null,
    evidence,
    badgeMismatch: null,
    verdict,
  };
}
