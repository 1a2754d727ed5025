/**
 * The content script: a thin DOM shell around the pure state machine in machine.ts (issue 14). The
 * shell looks at the page (`scan`), passes the background's answers on (`answer`) and carries out the
 * machine's effects (ask, mount, paint, unmount, coverage). Cheap by design (issue 7, item 6: badge
 * ≤ 50 ms after DOMContentLoaded on a warm cache, ≤ 5 ms of the page's main thread):
 *  1. document_start: on most platforms the URL alone names the shop, so the lookup and the settings
 *     are asked for at once, while the page is still loading; a page whose URL is not a shop page
 *     costs one regex test and nothing else.
 *  2. DOMContentLoaded: one scan over the parsed DOM; the badge (and the banner, only when there is a
 *     warning) mount synchronously, CSS inlined, painted with plain DOM calls and already showing the
 *     answer when it came back in time. The card (Preact) and the auditor panel load on demand.
 *  3. Afterwards ONE MutationObserver, its records batched per animation frame:
 *     - the whole document for childList only, and only cheap checks on it (did the URL change, is
 *       our UI still in the page, did the header of a floating badge appear, is the watched header
 *       still in the page); the full scan runs for late evidence during the first seconds after a
 *       navigation, at most once a second, then every few seconds while a shop page is unmatched;
 *     - the detected shop header for attributes (the ones ids live in), text and children, with no
 *       time limit: a header React re-renders in place with another seller gets the new verdict
 *       (full scan at most every HEADER_SCAN_EVERY_MS while the header changes).
 *     SPA navigations arrive through the Navigation API (Chromium), popstate, and the per-frame URL
 *     check; WXT's location poller (a 1 s interval on every page) only where there is no Navigation API.
 */
import { browser } from "wxt/browser";
import { defineContentScript } from "wxt/utils/define-content-script";
import {
  adapterFor,
  type CompiledRules,
  DEFAULT_RULES,
  detectShop,
  parseRules,
  type RulesJson,
} from "../../adapters/index.ts";
import type { ShopRef } from "../../adapters/types.ts";
import { badgeFace } from "../../components/badge-face.ts";
import { mountShadowUi, type ShadowUi } from "../../components/shadow-ui.ts";
import { hasBanner, paintBadge, paintBanner } from "../../components/shop-paint.ts";
import SHOP_CSS from "../../components/shop-ui.css?inline";
import { CONTENT_MATCHES } from "../../utils/hosts.ts";
import { type Lang, resolveLang } from "../../utils/i18n.ts";
import type {
  LookupResult,
  PageAnswer,
  PageUi,
  ShopState,
  TabMessage,
  VerifiedRecord,
} from "../../utils/messages.ts";
import { send } from "../../utils/runtime.ts";
import { DEFAULT_SETTINGS } from "../../utils/settings.ts";
import { loadShopExtras, type ShopExtras } from "../../utils/shop-extras.ts";
import { watchedHeader } from "./header-watch.ts";
import { createMachine, type Effect, licenseShown, type Scan, shopKey } from "./machine.ts";

const BADGE_TAG = "xinbiao-shop-badge";
const BANNER_TAG = "xinbiao-shop-banner";
/** Late evidence anywhere on the page (an embed badge, a license link rendered after load)… */
const LATE_EVIDENCE_MS = 10_000;
/** …at most this often once a shop is shown, more often while the page has not named one yet… */
const FULL_SCAN_EVERY_MS = 1000;
const WAITING_SCAN_EVERY_MS = 200;
/** …and after the first seconds, an unmatched shop page is still looked at this often while it changes. */
const UNMATCHED_SCAN_EVERY_MS = 3000;
/** A watched header that keeps changing (a React re-render, a ticking counter) is re-read this often. */
const HEADER_SCAN_EVERY_MS = 250;
/** Attributes the platforms put shop ids and shop links in; class/style churn (hover) is not news. */
const HEADER_ATTRIBUTES = [
  "href",
  "src",
  "content",
  "title",
  "data-shopid",
  "data-shop-id",
  "data-sellerid",
  "data-seller-id",
  "data-userid",
  "data-memberid",
  "data-mall-id",
  "shopid",
];

/** One shop's answers from the background, asked for as early as the shop is known. */
interface Asked {
  key: string;
  /** The lookup's answer once it came; undefined while it is on its way. */
  result: LookupResult | null | undefined;
  done: Promise<LookupResult | null>;
  /** The local peek, asked for only when the lookup was not back by mount time. */
  peek: Promise<LookupResult | null> | null;
}

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: "document_start",
  // The CSS is inlined into each shadow root (components/shadow-ui.ts): nothing to inject or fetch.
  cssInjectionMode: "manual",
  // WXT's "script started" notice as a window message would run the page's own message listeners.
  noScriptStartedPostMessage: true,
  main(ctx) {
    /**
     * The detection rules: built in, until the background says it holds newer signed ones from the
     * service (utils/rules-store.ts, verified there); those are then asked for once and compiled.
     */
    let rules: CompiledRules = DEFAULT_RULES;
    let rulesAsked = false;
    const startUrl = new URL(location.href);
    const startAdapter = adapterFor(startUrl, rules);
    // Not a platform we know (cannot happen with our matches, but the adapters decide, not the manifest).
    if (!startAdapter) return;

    /**
     * Language, auditor mode and service URL come from the background with the lookup's answer (and
     * again when the settings change): the content script never touches storage or i18n (issue 7).
     */
    let ui: PageUi | null = null;
    let uiAsked: Promise<void> | null = null;
    let lang: Lang = "zh";
    let asked: Asked | null = null;
    let extras: ShopExtras | null = null;
    let badge: ShadowUi | null = null;
    let banner: ShadowUi | null = null;
    /** The person opened the card: from then on the loaded extras (Preact) render this badge. */
    let cardOpened = false;
    /** A mount waits for the UI settings: the badge counts as in the page meanwhile. */
    let mountPending = false;

    const adoptUi = (next: PageUi | null | undefined) => {
      if (!next) return;
      ui = next;
      lang = resolveLang(next.language, navigator.language);
      if (next.rulesVersion && next.rulesVersion !== rules.version && !rulesAsked) adoptRules();
    };

    /** Newer signed rules in the background: compile them and look at the page again with them. */
    function adoptRules() {
      rulesAsked = true;
      send<RulesJson | null>({ type: "rules" }).then(
        (json) => {
          if (!json) return;
          try {
            rules = parseRules(json);
          } catch (err) {
            // The background validated them with the same parser: only a bug gets here.
            console.error("[xinbiao] rules from the service did not compile; built-in rules stay", err);
            return;
          }
          if (started) scan();
        },
        () => {},
      );
    }
    /** Both answers carry the UI settings; a failed message (extension reloaded) answers null. */
    const askPage = (msg: { type: "lookup" | "peek"; shop: ShopRef }) =>
      send<PageAnswer>(msg).then(
        (r) => {
          adoptUi(r?.ui);
          return r?.result ?? null;
        },
        () => null,
      );

    /** Ask the background once per shop; the message carries the shop ref, which stays on the device. */
    function ask(shop: ShopRef): Asked {
      const key = shopKey(shop);
      if (asked?.key === key) return asked;
      const a: Asked = { key, result: undefined, done: Promise.resolve(null), peek: null };
      a.done = askPage({ type: "lookup", shop }).then((r) => {
        a.result = r;
        return r;
      });
      asked = a;
      return a;
    }

    /** The UI settings before the first paint (see issue 7): from the lookup, a peek, or one "ui" message. */
    async function ensureUi(shop: ShopRef | null): Promise<void> {
      if (ui) return;
      if (shop) {
        const a = ask(shop);
        if (a.result === undefined) a.peek ??= askPage({ type: "peek", shop });
        await Promise.race([a.done, a.peek ?? a.done]);
        if (ui) return;
      }
      uiAsked ??= send<PageUi>({ type: "ui" }).then(adoptUi, () => {});
      await uiAsked;
      // The background is gone (extension reloaded): the defaults, so the page still gets its badge.
      if (!ui) adoptUi({ language: "auto", auditorMode: false, serviceUrl: DEFAULT_SETTINGS.serviceUrl });
    }

    // 1. document_start: the URL is all there is, and on most shop pages it names the shop.
    if (startAdapter.detect(startUrl)) {
      const id = startAdapter.shopKey(startUrl, document);
      if (id) ask({ platform: startAdapter.id, shopId: id });
    }

    const machine = createMachine((effects) => {
      // Effects run in order; a mount waits for the UI settings, so later effects queue behind it.
      queue = queue
        .then(() => runEffects(effects))
        .catch((err: unknown) => {
          console.error("[xinbiao] content script effect failed", err);
        });
    });
    let queue: Promise<void> = Promise.resolve();

    async function runEffects(effects: Effect[]) {
      for (const e of effects) {
        switch (e.type) {
          case "ask":
            startAsk(e.shop);
            break;
          case "unmount":
            unmount();
            watch(null);
            break;
          case "mount":
            mountPending = true;
            try {
              await ensureUi(machine.state.detection?.shop ?? null);
            } finally {
              mountPending = false;
            }
            mount(e.anchor);
            break;
          case "paint":
            paint();
            break;
          case "coverage":
            // The toolbar icon of this tab (the background knows the tab from the message's sender).
            send({ type: "coverage", coverage: e.coverage }).catch(() => {});
            break;
        }
      }
    }

    function startAsk(shop: ShopRef) {
      const a = ask(shop);
      const key = a.key;
      if (a.result === undefined) {
        // Not back yet (a cold cache): a local answer first — a cached bucket or the prefix set.
        a.peek ??= askPage({ type: "peek", shop });
        void a.peek.then((result) => machine.dispatch({ type: "answer", key, result, final: false }));
      }
      void a.done.then((result) => machine.dispatch({ type: "answer", key, result, final: true }));
    }

    function paint() {
      const s = machine.state;
      const d = s.detection;
      if (!d) return;
      if (badge) {
        const floating = s.mountedAt === null;
        const props = {
          lang,
          shop: d.shop,
          uscc: d.uscc,
          licenseShown: licenseShown(d),
          floating,
          result: s.result,
        };
        if (cardOpened && extras) {
          extras.openCard(badge.root, {
            ...props,
            serviceUrl: ui?.serviceUrl ?? DEFAULT_SETTINGS.serviceUrl,
            pageUrl: location.href,
            verify: (uscc) => send<VerifiedRecord>({ type: "record", uscc }),
            defaultOpen: true,
          });
        } else {
          const mine = badge;
          paintBadge(badge.root, {
            lang,
            face: badgeFace(props),
            floating,
            onOpen: () => {
              if (badge !== mine || cardOpened) return;
              // The card's code is loaded on the first click (a few ms, from the extension's files).
              void loadShopExtras().then(
                (x) => {
                  extras = x;
                  if (badge !== mine || cardOpened) return;
                  cardOpened = true;
                  mine.root.replaceChildren();
                  paint();
                },
                (err: unknown) => console.error("[xinbiao] the card could not be loaded", err),
              );
            },
          });
        }
      }
      const b = { lang, result: s.result, badgeMismatch: d.badgeMismatch };
      // The banner's host goes into the page only when there is something to warn about.
      if (!banner && hasBanner(b)) {
        banner = mountShadowUi(document, BANNER_TAG, SHOP_CSS, document.body, "first", {
          "data-xb-ui": "banner",
        });
      }
      if (banner) {
        const shop = d.shop;
        paintBanner(banner.root, {
          ...b,
          onDismiss: async () => {
            if (!shop) return;
            await send({ type: "dismiss", shop });
            machine.dispatch({ type: "dismissed", key: shopKey(shop) });
          },
        });
      }
    }

    function unmount() {
      if (badge && cardOpened) extras?.closeCard(badge.root);
      badge?.remove();
      banner?.remove();
      badge = null;
      banner = null;
      cardOpened = false;
      // Hosts left behind (the page re-rendered around them, or moved them) must not pile up.
      for (const el of document.querySelectorAll(`${BADGE_TAG}, ${BANNER_TAG}`)) el.remove();
    }

    function mount(anchor: Element | null) {
      const s = machine.state;
      // The machine moved on while the settings were awaited (another shop, or the page lost its shop).
      if (!s.detection || s.mountedAt !== anchor) return;
      unmount();
      badge =
        anchor?.isConnected && anchor.parentNode
          ? mountShadowUi(document, BADGE_TAG, SHOP_CSS, anchor, "after")
          : mountShadowUi(document, BADGE_TAG, SHOP_CSS, document.body, "last");
      paint();
      watch(anchor);
      if (ui?.auditorMode) openAuditor();
    }

    let closeAuditor: (() => void) | null = null;
    let auditorFor: string | null = null;
    /** Auditor mode (issue 6, an option): the audit panel, once the lookup has named the merchant. */
    function openAuditor() {
      const key = machine.state.key;
      if (!key || auditorFor === key) return;
      auditorFor = key;
      const done = asked?.done ?? Promise.resolve(null);
      // Its code is loaded only now (utils/shop-extras.ts).
      void loadShopExtras().then(
        (x) => {
          extras = x;
          if (machine.state.key !== key || !ui?.auditorMode) return;
          closeAuditor?.();
          closeAuditor = x.mountAuditorPanel(document, window, {
            lang: () => lang,
            uscc: () =>
              done.then(() => {
                const s = machine.state;
                return s.result?.state === "found" ? s.result.record.uscc : (s.detection?.uscc ?? null);
              }),
            recordFor: (uscc) => send<VerifiedRecord>({ type: "record", uscc }),
          });
        },
        (err: unknown) => console.error("[xinbiao] the auditor panel could not be loaded", err),
      );
    }

    const uiConnected = () =>
      mountPending || (!!badge?.host.isConnected && (banner === null || banner.host.isConnected));

    let lastHref = location.href;
    let navigatedAt = performance.now();
    let lastScan = 0;

    /** The full look at the page: URL tests first; the DOM is read only on a shop or item page. */
    function scan() {
      lastScan = performance.now();
      const url = new URL(location.href);
      const shopPage = !!adapterFor(url, rules)?.detect(url);
      const s: Scan = {
        shopPage,
        detection: shopPage ? detectShop(url, document, false, rules) : null,
        uiConnected: uiConnected(),
      };
      machine.dispatch({
        type: "scan",
        scan: s,
        known: (shop) => (asked?.key === shopKey(shop) ? asked.result : undefined),
      });
    }

    // ---- the one MutationObserver ------------------------------------------------------------
    let header: Element | null = null;
    let headerChanged = false;
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        if (header && r.target !== document.documentElement && header.contains(r.target)) {
          if (!ownRecord(r)) headerChanged = true;
        } else if (r.type === "childList" && !ownRecord(r)) pageChanged = true;
      }
      if (headerChanged || pageChanged) schedule();
    });
    let pageChanged = false;
    const observeDocument = () =>
      observer.observe(document.documentElement, { childList: true, subtree: true });

    /** Watch the header the badge sits in (attributes, text, children), replacing the previous one. */
    function watch(anchor: Element | null) {
      const declared = anchor ? adapterFor(new URL(location.href), rules)?.header(document) : null;
      // The rules' header element when it holds the anchor; else a small ancestor of the anchor.
      const next = anchor ? (declared?.contains(anchor) ? declared : watchedHeader(anchor)) : null;
      if (next === header) return;
      observer.disconnect();
      observeDocument();
      header = next;
      if (header) {
        observer.observe(header, {
          subtree: true,
          childList: true,
          characterData: true,
          attributes: true,
          attributeFilter: HEADER_ATTRIBUTES,
        });
      }
    }

    /** Our own insertions (badge, banner, auditor panel) are no news; a removal always is. */
    const ownRecord = (r: MutationRecord) =>
      r.type === "childList" &&
      r.removedNodes.length === 0 &&
      [...r.addedNodes].every((n) => n.nodeType === 1 && (n as Element).localName.startsWith("xinbiao-"));

    let lateTimer: ReturnType<typeof setTimeout> | null = null;
    /** A full scan no sooner than `every` after the last one (a trailing run so the last change counts). */
    function scanWithin(every: number) {
      const wait = every - (performance.now() - lastScan);
      if (wait <= 0) {
        scan();
        return;
      }
      if (lateTimer !== null) return;
      lateTimer = setTimeout(() => {
        lateTimer = null;
        scan();
      }, wait);
    }

    /** Per animation frame with mutations: cheap checks first, the full scan only when one says so. */
    function check() {
      const now = performance.now();
      const changedHeader = headerChanged;
      const changedPage = pageChanged;
      headerChanged = false;
      pageChanged = false;
      if (location.href !== lastHref) {
        lastHref = location.href;
        navigatedAt = now;
        scan();
        return;
      }
      const s = machine.state;
      if (s.key) {
        const url = new URL(lastHref);
        const lost = !uiConnected() || (header !== null && !header.isConnected);
        const headerArrived = s.mountedAt === null && !!adapterFor(url, rules)?.anchor(document);
        if (lost || headerArrived) {
          scan();
          return;
        }
        if (changedHeader) {
          scanWithin(HEADER_SCAN_EVERY_MS);
          return;
        }
        // Late evidence elsewhere on the page (a license link, an embed badge): the first seconds only.
        if (changedPage && now - navigatedAt < LATE_EVIDENCE_MS) scanWithin(FULL_SCAN_EVERY_MS);
        return;
      }
      // Not a shop page: nothing on it can change that (one regex test per frame with mutations).
      if (s.coverage.kind === "off") {
        const url = new URL(lastHref);
        if (!adapterFor(url, rules)?.detect(url)) return;
      }
      // A shop or item page that has not named its shop yet (a client-rendered header).
      if (changedPage)
        scanWithin(now - navigatedAt < LATE_EVIDENCE_MS ? WAITING_SCAN_EVERY_MS : UNMATCHED_SCAN_EVERY_MS);
    }

    let scheduled = false;
    function schedule() {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        check();
      });
    }
    /** An SPA navigation: the next frame's check sees the new URL. */
    const onNavigate = () => {
      pageChanged = true;
      schedule();
    };

    // 2. DOMContentLoaded: the page's DOM is there; the first (and usually only) scan.
    let started = false;
    function start() {
      if (ctx.isInvalid) return;
      started = true;
      lastHref = location.href;
      navigatedAt = performance.now();
      scan();
      // A platform page the built-in rules do not see as a shop (or cannot match): the background may
      // hold newer rules that do. Asked once, when the page is idle, through the "ui" answer.
      if (!machine.state.key) {
        const idle = (window as { requestIdleCallback?: (cb: () => void) => number }).requestIdleCallback;
        const askUi = () => {
          if (!ui) void send<PageUi>({ type: "ui" }).then(adoptUi, () => {});
        };
        if (idle) idle(askUi);
        else setTimeout(askUi, 200);
      }
      observeDocument();
      ctx.onInvalidated(() => {
        observer.disconnect();
        if (lateTimer !== null) clearTimeout(lateTimer);
        unmount();
      });
      ctx.addEventListener(window, "popstate", onNavigate);
      // The Navigation API reports history.pushState/replaceState of the page's own scripts (which an
      // isolated world cannot patch); without it (Firefox), WXT's poller of location.href.
      const nav = (window as { navigation?: EventTarget }).navigation;
      if (nav) ctx.addEventListener(nav as unknown as Window, "currententrychange" as "popstate", onNavigate);
      else ctx.addEventListener(window, "wxt:locationchange", onNavigate);
    }
    if (document.readyState === "loading")
      document.addEventListener("DOMContentLoaded", start, { once: true });
    else start();

    // The popup asks for this tab's state; answered from memory, nothing is fetched for it. The
    // background sends the UI settings again when a person changes them: repainted in place.
    browser.runtime.onMessage.addListener((msg: TabMessage, _sender, sendResponse) => {
      if (msg?.type === "ui") {
        const auditorBefore = ui?.auditorMode;
        adoptUi(msg.ui);
        paint();
        // Auditor mode switched in the options: the panel comes and goes without a reload.
        if (msg.ui.auditorMode && !auditorBefore && machine.state.key) openAuditor();
        if (!msg.ui.auditorMode && auditorBefore) {
          closeAuditor?.();
          closeAuditor = null;
          auditorFor = null;
        }
        return false;
      }
      if (msg?.type !== "state") return false;
      const s = machine.state;
      const d = s.key ? s.detection : null;
      const state: ShopState = {
        detected: !!d,
        coverage: s.coverage,
        platform: adapterFor(new URL(location.href), rules)?.id ?? startAdapter.id,
        pageUrl: location.href,
        rulesVersion: rules.version,
        shop: d?.shop ?? null,
        uscc: d?.uscc ?? null,
        result: d ? s.result : null,
        badgeMismatch: d?.badgeMismatch ?? null,
        licenseShown: d ? licenseShown(d) : false,
      };
      sendResponse(state);
      return false;
    });
  },
});
