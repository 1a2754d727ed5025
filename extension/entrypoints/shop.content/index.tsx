/**
 * The content script. Cheap by design: on every page of the partner platforms it only tests the URL;
 * DOM reads, messages and UI happen once an adapter says "this is a shop page". One MutationObserver,
 * its callbacks batched into one requestAnimationFrame, re-evaluates after SPA navigations and late
 * renders; a shop key that did not change keeps its UI (no duplicate badges).
 */
import { render } from "preact";
import { browser } from "wxt/browser";
import type { ContentScriptContext } from "wxt/utils/content-script-context";
import { createShadowRootUi, type ShadowRootContentScriptUi } from "wxt/utils/content-script-ui/shadow-root";
import { defineContentScript } from "wxt/utils/define-content-script";
import { adapterFor, type Detection, detectShop } from "../../adapters/index.ts";
import { mountAuditorPanel } from "../../audit/ui/mount-auditor-panel.tsx";
import { ShopBadge } from "../../components/shop-badge.tsx";
import { ShopBanner } from "../../components/shop-banner.tsx";
import { CONTENT_MATCHES } from "../../utils/hosts.ts";
import type { Lang } from "../../utils/i18n.ts";
import type { LookupResult, ShopState, TabMessage, VerifiedRecord } from "../../utils/messages.ts";
import { langOf, loadSettings, send } from "../../utils/runtime.ts";
import { DEFAULT_SETTINGS, type Settings } from "../../utils/settings.ts";
import "../../components/shop-ui.css";

const BADGE_TAG = "xinbiao-shop-badge";
/** 已亮照: the page itself shows the license — a 亮照 / 营业执照 link, a license block or a Xinbiao badge. */
const licenseShown = (d: Detection) => !!(d.evidence.licenseLink || d.evidence.uscc || d.evidence.badgeShop);
const BANNER_TAG = "xinbiao-shop-banner";

interface Current {
  key: string;
  detection: Detection;
  result: LookupResult | null;
  floating: boolean;
  badge: ShadowRootContentScriptUi<HTMLElement> | null;
  banner: ShadowRootContentScriptUi<HTMLElement> | null;
}

export default defineContentScript({
  matches: CONTENT_MATCHES,
  runAt: "document_idle",
  cssInjectionMode: "ui",
  async main(ctx) {
    // Not a platform we know (cannot happen with our matches, but the adapters decide, not the manifest).
    if (!adapterFor(new URL(location.href))) return;

    // Settings are read only once a shop page is detected: ordinary pages cost no storage read.
    let settings: Settings = DEFAULT_SETTINGS;
    let settingsLoaded = false;
    let lang: Lang = langOf(settings.language);
    let current: Current | null = null;

    const keyOf = (d: Detection) =>
      d.shop ? `${d.shop.platform}:${d.shop.shopId}|${d.badgeMismatch?.shopId ?? ""}` : `uscc:${d.uscc}`;

    function paint() {
      const c = current;
      if (!c) return;
      const d = c.detection;
      if (c.badge?.mounted) {
        render(
          <ShopBadge
            lang={lang}
            shop={d.shop}
            uscc={d.uscc}
            licenseShown={licenseShown(d)}
            floating={c.floating}
            result={c.result}
            serviceUrl={settings.serviceUrl}
            pageUrl={location.href}
            verify={(uscc) => send<VerifiedRecord>({ type: "record", uscc })}
          />,
          c.badge.mounted,
        );
      }
      if (c.banner?.mounted) {
        render(
          <ShopBanner
            lang={lang}
            result={c.result}
            badgeMismatch={d.badgeMismatch}
            onDismiss={async () => {
              if (!d.shop || !c.result) return;
              await send({ type: "dismiss", shop: d.shop });
              c.result = { ...c.result, dismissedToday: true };
              paint();
            }}
          />,
          c.banner.mounted,
        );
      }
    }

    async function makeUi(
      ctx: ContentScriptContext,
      name: string,
      anchor: Element | null,
      append: "after" | "first" | "last",
    ) {
      const ui = await createShadowRootUi<HTMLElement>(ctx, {
        name,
        position: "inline",
        anchor: anchor ?? document.body,
        append,
        // Keys typed into the card stay in the card: the page's shortcuts must not see them.
        isolateEvents: true,
        onMount: (container) => {
          const root = document.createElement("div");
          container.append(root);
          return root;
        },
        onRemove: (root) => {
          if (root) render(null, root);
        },
      });
      ui.mount();
      if (name === BANNER_TAG) {
        // In the page's flow at the top and sticky: the warning pushes the shop down instead of
        // covering its header (and our badge in it), and stays in view while scrolling.
        ui.shadowHost.style.cssText = "display:block;position:sticky;top:0;z-index:2147483647;";
      }
      return ui;
    }

    function unmount() {
      current?.badge?.remove();
      current?.banner?.remove();
      current = null;
      // Hosts left behind (the page re-rendered around them) must not pile up.
      for (const el of document.querySelectorAll(`${BADGE_TAG}, ${BANNER_TAG}`)) el.remove();
    }

    async function mount(c: Current) {
      const anchor = c.detection.anchor;
      c.floating = !anchor;
      c.badge = await makeUi(ctx, BADGE_TAG, anchor, anchor ? "after" : "last");
      c.banner = await makeUi(ctx, BANNER_TAG, document.body, "first");
      paint();
    }

    /** Ask the background: local answer first (instant), then the range lookup. Never blocks evaluate. */
    async function resolve(c: Current) {
      const shop = c.detection.shop;
      if (!shop) return;
      const peek = await send<LookupResult | null>({ type: "peek", shop });
      if (peek && current === c && !c.result) {
        c.result = peek;
        paint();
      }
      const result = await send<LookupResult>({ type: "lookup", shop });
      if (current === c) {
        c.result = result;
        paint();
      }
    }

    async function evaluate() {
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
        // Same shop: remount only if the page threw our host away or the header appeared late.
        const lost = !current.badge?.shadowHost.isConnected || !current.banner?.shadowHost.isConnected;
        const headerArrived = current.floating && !!d.anchor;
        if (lost || headerArrived) {
          const result = current.result;
          unmount();
          current = { key, detection: d, result, floating: !d.anchor, badge: null, banner: null };
          await mount(current);
        }
        return;
      }
      unmount();
      if (!settingsLoaded) {
        settings = await loadSettings();
        settingsLoaded = true;
        lang = langOf(settings.language);
      }
      const c: Current = { key, detection: d, result: null, floating: !d.anchor, badge: null, banner: null };
      current = c;
      await mount(c);
      const looked = resolve(c);
      // Auditor mode (issue 6, an option): the audit panel, once the lookup has named the merchant.
      if (settings.auditorMode)
        mountAuditorPanel(document, window, {
          lang: () => lang,
          uscc: () =>
            looked.then(() => (c.result?.state === "found" ? c.result.record.uscc : c.detection.uscc)),
          recordFor: (uscc) => send<VerifiedRecord>({ type: "record", uscc }),
        });
    }

    // One evaluation at a time: mounting awaits the UI's CSS, and a second run meanwhile would see a
    // half-mounted UI and mount another. Calls during a run fold into one more run after it.
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

    let scheduled = false;
    const schedule = () => {
      if (scheduled) return;
      scheduled = true;
      requestAnimationFrame(() => {
        scheduled = false;
        void run();
      });
    };

    const observer = new MutationObserver(schedule);
    observer.observe(document.documentElement, { childList: true, subtree: true });
    ctx.onInvalidated(() => {
      observer.disconnect();
      unmount();
    });
    ctx.addEventListener(window, "wxt:locationchange", schedule);
    ctx.addEventListener(window, "popstate", schedule);

    browser.storage.onChanged.addListener((changes, area) => {
      if (area !== "local" || !changes.settings) return;
      void loadSettings().then((s) => {
        settings = s;
        settingsLoaded = true;
        lang = langOf(s.language);
        paint();
      });
    });

    // The popup asks for this tab's state; answered from memory, nothing is fetched for it.
    browser.runtime.onMessage.addListener((msg: TabMessage, _sender, sendResponse) => {
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

    schedule();
  },
});
