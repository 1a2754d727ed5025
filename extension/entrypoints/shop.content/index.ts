/**
 * The content script. Cheap by design (issue 7, item 6: badge ≤ 50 ms after DOMContentLoaded on a
 * warm cache, ≤ 5 ms of the page's main thread):
 *  1. document_start: on most platforms the URL alone names the shop, so the lookup and the settings
 *     are asked for at once, while the page is still loading; a page whose URL is not a shop page
 *     costs one regex test and nothing else.
 *  2. DOMContentLoaded: one detection over the parsed DOM; the badge (and the banner, only when there
 *     is a warning) mount synchronously, CSS inlined, painted with plain DOM calls and already showing
 *     the answer when it came back in time (on a warm visit it has). Otherwise the badge shows
 *     "checking…", a local peek (cached bucket or prefix set) is asked for, and the answer replaces it.
 *     The card (Preact) and the auditor panel are not in this script: they are imported on demand
 *     (utils/shop-extras.ts) when a person opens the card or auditor mode is on.
 *  3. Afterwards one MutationObserver, batched per animation frame, does only cheap checks (did the
 *     URL change, is our UI still in the page, has the header of a floating badge appeared). The full
 *     detection (which reads the page's text and links) runs on those, and for late evidence at most
 *     once a second during the first seconds after a navigation, never per mutation.
 */
import { browser } from "wxt/browser";
import { defineContentScript } from "wxt/utils/define-content-script";
import { adapterFor, type Detection, detectShop } from "../../adapters/index.ts";
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

const BADGE_TAG = "xinbiao-shop-badge";
const BANNER_TAG = "xinbiao-shop-banner";
/** Late evidence (an embed badge, a license link rendered after load) is looked for this long after a navigation… */
const LATE_EVIDENCE_MS = 10_000;
/** …at most this often once a shop is shown, and more often while the page has not named one yet. */
const FULL_DETECT_EVERY_MS = 1000;
const WAITING_DETECT_EVERY_MS = 200;

/** 已亮照: the page itself shows the license — a 亮照 / 营业执照 link, a license block or a Xinbiao badge. */
const licenseShown = (d: Detection) => !!(d.evidence.licenseLink || d.evidence.uscc || d.evidence.badgeShop);

interface Current {
  key: string;
  detection: Detection;
  result: LookupResult | null;
  floating: boolean;
  badge: ShadowUi | null;
  banner: ShadowUi | null;
  /** The person opened the card: from then on the loaded extras (Preact) render this badge. */
  cardOpened: boolean;
  /** The lookup's answer has been applied (the auditor panel waits for it to name the merchant). */
  looked: Promise<void>;
}

/** One shop's answers from the background, asked for as early as the shop is known. */
interface Asked {
  key: string;
  /** The lookup's answer once it came; undefined while it is on its way. */
  result: LookupResult | null | undefined;
  done: Promise<LookupResult | null>;
  /** The local peek, asked for only when the lookup was not back by mount time. */
  peek: Promise<LookupResult | null> | null;
}

const shopKeyOf = (s: ShopRef) => `${s.platform}:${s.shopId}`;

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: "document_start",
  // The CSS is inlined into each shadow root (components/shadow-ui.ts): nothing to inject or fetch.
  cssInjectionMode: "manual",
  // WXT's "script started" notice as a window message would run the page's own message listeners.
  noScriptStartedPostMessage: true,
  main(ctx) {
    const startUrl = new URL(location.href);
    const startAdapter = adapterFor(startUrl);
    // Not a platform we know (cannot happen with our matches, but the adapters decide, not the manifest).
    if (!startAdapter) return;

    /**
     * Language, auditor mode and service URL come from the background with the lookup's answer (and
     * again when the settings change): the content script never touches storage or i18n, whose API
     * objects cost the page's main thread to set up (issue 7).
     */
    let ui: PageUi | null = null;
    let uiAsked: Promise<void> | null = null;
    let lang: Lang = "zh";
    let current: Current | null = null;
    let asked: Asked | null = null;
    /** The on-demand code, once loaded (first card opened, or auditor mode). */
    let extras: ShopExtras | null = null;

    const adoptUi = (next: PageUi | null | undefined) => {
      if (!next) return;
      ui = next;
      lang = resolveLang(next.language, navigator.language);
    };
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
      const key = shopKeyOf(shop);
      if (asked?.key === key) return asked;
      const a: Asked = { key, result: undefined, done: Promise.resolve(null), peek: null };
      a.done = askPage({ type: "lookup", shop }).then((r) => {
        a.result = r;
        return r;
      });
      asked = a;
      return a;
    }

    /**
     * The UI settings before the first paint: on a warm visit the lookup's answer already brought them;
     * otherwise the first of the lookup and a local peek (a cached bucket or the prefix set, fast);
     * on a page without a shop id (a USCC shown on it) one "ui" message.
     */
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

    const keyOf = (d: Detection) =>
      d.shop ? `${d.shop.platform}:${d.shop.shopId}|${d.badgeMismatch?.shopId ?? ""}` : `uscc:${d.uscc}`;

    function paint() {
      const c = current;
      if (!c) return;
      const d = c.detection;
      if (c.badge) {
        const props = {
          lang,
          shop: d.shop,
          uscc: d.uscc,
          licenseShown: licenseShown(d),
          floating: c.floating,
          result: c.result,
        };
        if (c.cardOpened && extras) {
          extras.openCard(c.badge.root, {
            ...props,
            serviceUrl: ui?.serviceUrl ?? DEFAULT_SETTINGS.serviceUrl,
            pageUrl: location.href,
            verify: (uscc) => send<VerifiedRecord>({ type: "record", uscc }),
            defaultOpen: true,
          });
        } else {
          paintBadge(c.badge.root, {
            lang,
            face: badgeFace(props),
            floating: c.floating,
            onOpen: () => {
              if (!c.badge || c.cardOpened) return;
              // The card's code is loaded on the first click (a few ms, from the extension's files).
              void loadShopExtras().then(
                (x) => {
                  extras = x;
                  if (current !== c || !c.badge || c.cardOpened) return;
                  c.cardOpened = true;
                  c.badge.root.replaceChildren();
                  paint();
                },
                (err: unknown) => console.error("[xinbiao] the card could not be loaded", err),
              );
            },
          });
        }
      }
      const banner = { lang, result: c.result, badgeMismatch: d.badgeMismatch };
      // The banner's host goes into the page only when there is something to warn about.
      if (!c.banner && hasBanner(banner)) {
        c.banner = mountShadowUi(document, BANNER_TAG, SHOP_CSS, document.body, "first", {
          "data-xb-ui": "banner",
        });
      }
      if (c.banner) {
        paintBanner(c.banner.root, {
          ...banner,
          onDismiss: async () => {
            if (!d.shop || !c.result) return;
            await send({ type: "dismiss", shop: d.shop });
            c.result = { ...c.result, dismissedToday: true };
            paint();
          },
        });
      }
    }

    function unmountUi(c: Current) {
      for (const ui of [c.badge, c.banner]) {
        if (!ui) continue;
        // Only the badge may hold a Preact tree (after its card was opened): let it unmount cleanly.
        if (ui === c.badge && c.cardOpened) extras?.closeCard(ui.root);
        ui.remove();
      }
      c.badge = null;
      c.banner = null;
      c.cardOpened = false;
    }

    function unmount() {
      if (current) unmountUi(current);
      current = null;
      // Hosts left behind (the page re-rendered around them) must not pile up.
      for (const el of document.querySelectorAll(`${BADGE_TAG}, ${BANNER_TAG}`)) el.remove();
    }

    function mount(c: Current) {
      const anchor = c.detection.anchor;
      c.floating = !anchor;
      c.badge = anchor
        ? mountShadowUi(document, BADGE_TAG, SHOP_CSS, anchor, "after")
        : mountShadowUi(document, BADGE_TAG, SHOP_CSS, document.body, "last");
      paint();
    }

    /** The lookup's answer (asked for at document_start when the URL named the shop). Never blocks evaluate. */
    async function resolve(c: Current) {
      const shop = c.detection.shop;
      if (!shop) return;
      const a = ask(shop);
      if (a.result === undefined) {
        // Not back yet (a cold cache): a local answer first — a cached bucket or the prefix set.
        a.peek ??= askPage({ type: "peek", shop });
        void a.peek.then((peek) => {
          if (peek && current === c && !c.result) {
            c.result = peek;
            paint();
          }
        });
      }
      const result = await a.done;
      // Same answer as the first paint already showed (a warm visit): painting it again would only
      // replace the badge's nodes and cost the page a second style and layout pass.
      if (current !== c || (result && result === c.result)) return;
      if (result) c.result = result;
      else if (!c.result) c.result = { state: "error", dismissedToday: false };
      else return;
      paint();
    }

    let closeAuditor: (() => void) | null = null;
    /** Auditor mode (issue 6, an option): the audit panel, once the lookup has named the merchant. */
    function openAuditor(c: Current) {
      // Its code is loaded only now (utils/shop-extras.ts).
      void loadShopExtras().then(
        (x) => {
          extras = x;
          if (current !== c || !ui?.auditorMode) return;
          closeAuditor = x.mountAuditorPanel(document, window, {
            lang: () => lang,
            uscc: () =>
              c.looked.then(() => (c.result?.state === "found" ? c.result.record.uscc : c.detection.uscc)),
            recordFor: (uscc) => send<VerifiedRecord>({ type: "record", uscc }),
          });
        },
        (err: unknown) => console.error("[xinbiao] the auditor panel could not be loaded", err),
      );
    }

    let lastHref = location.href;
    let navigatedAt = performance.now();
    let lastFullDetect = 0;

    async function evaluate() {
      lastFullDetect = performance.now();
      const url = new URL(location.href);
      const adapter = adapterFor(url);
      // URL only: a non-shop page costs one regex test and leaves the DOM alone.
      if (!adapter?.detect(url)) {
        if (current) unmount();
        return;
      }
      const d = detectShop(url, document);
      if (!d || (!d.shop && !d.uscc)) {
        if (current) unmount();
        return;
      }
      const key = keyOf(d);
      if (current && current.key === key) {
        const c = current;
        // Same shop: remount only if the page threw our host away or the header appeared late.
        const lost = !c.badge?.host.isConnected || (c.banner !== null && !c.banner.host.isConnected);
        const headerArrived = c.floating && !!d.anchor;
        const shownBefore = licenseShown(c.detection);
        c.detection = d;
        if (lost || headerArrived) {
          unmountUi(c);
          mount(c);
        } else if (licenseShown(d) !== shownBefore) paint();
        return;
      }
      unmount();
      await ensureUi(d.shop);
      const c: Current = {
        key,
        detection: d,
        result: null,
        floating: !d.anchor,
        badge: null,
        banner: null,
        cardOpened: false,
        looked: Promise.resolve(),
      };
      current = c;
      // An answer already here (asked for at document_start) is in the first paint: no "checking…" flash.
      if (d.shop) {
        const a = ask(d.shop);
        if (a.result) c.result = a.result;
      }
      mount(c);
      c.looked = resolve(c);
      if (ui?.auditorMode) openAuditor(c);
    }

    // One evaluation at a time: a second run during the settings' await would mount a second UI.
    // Calls during a run fold into one more run after it.
    let running = false;
    let again = false;
    async function run() {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          await evaluate();
        } while (again);
      } finally {
        running = false;
      }
    }

    const detectEvery = () => (current ? FULL_DETECT_EVERY_MS : WAITING_DETECT_EVERY_MS);

    let lateTimer: ReturnType<typeof setTimeout> | null = null;
    function scheduleLate() {
      if (lateTimer !== null) return;
      const wait = Math.max(0, detectEvery() - (performance.now() - lastFullDetect));
      lateTimer = setTimeout(() => {
        lateTimer = null;
        if (performance.now() - navigatedAt < LATE_EVIDENCE_MS) void run();
      }, wait);
    }

    /** Per animation frame with mutations: cheap checks first, the full detection only when one says so. */
    function check() {
      const now = performance.now();
      if (location.href !== lastHref) {
        lastHref = location.href;
        navigatedAt = now;
        void run();
        return;
      }
      const url = new URL(lastHref);
      const c = current;
      if (c) {
        const lost = !c.badge?.host.isConnected || (c.banner !== null && !c.banner.host.isConnected);
        const headerArrived = c.floating && !!adapterFor(url)?.anchor(document);
        if (lost || headerArrived) {
          void run();
          return;
        }
      } else if (!adapterFor(url)?.detect(url)) {
        return; // not a shop page: nothing on it can change that
      }
      // Late evidence (and item pages whose DOM names the shop late): bounded, throttled re-detection.
      if (now - navigatedAt >= LATE_EVIDENCE_MS) return;
      if (now - lastFullDetect >= detectEvery()) void run();
      else scheduleLate();
    }

    const ownInsertion = (r: MutationRecord) =>
      r.removedNodes.length === 0 &&
      [...r.addedNodes].every((n) => n.nodeType === 1 && (n as Element).localName.startsWith("xinbiao-"));

    let scheduled = false;
    const schedule = () => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        check();
      });
    };

    // 2. DOMContentLoaded: the page's DOM is there; the first (and usually only) detection.
    function start() {
      if (ctx.isInvalid) return;
      lastHref = location.href;
      navigatedAt = performance.now();
      void run();
      // 3. Afterwards: SPA navigations and late renders.
      // Our own insertions (badge, banner, auditor panel) are no news: without this filter each mount
      // woke the observer, which queued a frame and a throttled full re-detection of a page whose
      // badge was already in place. A removal is never skipped: the page may have thrown our host away.
      const observer = new MutationObserver((records) => {
        if (!records.every(ownInsertion)) schedule();
      });
      observer.observe(document.documentElement, { childList: true, subtree: true });
      ctx.onInvalidated(() => {
        observer.disconnect();
        if (lateTimer !== null) clearTimeout(lateTimer);
        unmount();
      });
      ctx.addEventListener(window, "wxt:locationchange", schedule);
      ctx.addEventListener(window, "popstate", schedule);
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
        if (msg.ui.auditorMode && !auditorBefore && current) openAuditor(current);
        if (!msg.ui.auditorMode && auditorBefore) {
          closeAuditor?.();
          closeAuditor = null;
        }
        return false;
      }
      if (msg?.type !== "state") return false;
      const state: ShopState = {
        detected: !!current,
        shop: current?.detection.shop ?? null,
        uscc: current?.detection.uscc ?? null,
        result: current?.result ?? null,
        badgeMismatch: current?.detection.badgeMismatch ?? null,
        licenseShown: current ? licenseShown(current.detection) : false,
      };
      sendResponse(state);
      return false;
    });
  },
});
