/**
 * The shop page's on-demand code (issue 7): the Preact badge with its card and the auditor-mode panel
 * are not in the content script every shop page runs. They are built as an unlisted script
 * (entrypoints/shop-extras.tsx) and imported into the content script's isolated world only when a
 * person opens the card or auditor mode is on.
 *
 * The file is a web-accessible resource with `use_dynamic_url` (manifest, wxt.config.ts): Chromium
 * serves it only under a per-session random id, so a page cannot probe for the extension with a fixed
 * URL. `chrome.scripting.executeScript` from the background would need host permissions for every
 * platform (the content script's matches do not grant them: tried, "Cannot access contents of the
 * page"), which the extension does not ask for.
 */
import { browser } from "wxt/browser";
import type { PanelHooks } from "../audit/ui/mount-auditor-panel.tsx";
import type { ShopBadgeProps } from "../components/shop-badge.tsx";

export const SHOP_EXTRAS_FILE = "/shop-extras.js";
/** Where the loaded script leaves its API: a global of the isolated world, which the page cannot see. */
export const SHOP_EXTRAS_KEY = "__xinbiaoShopExtras";

export interface ShopExtras {
  /** Render the Preact badge into the badge's root (its card open), adding the card's CSS once. */
  openCard(root: HTMLElement, props: ShopBadgeProps): void;
  /** Unmount what openCard rendered (before the host is removed or repainted by the DOM painter). */
  closeCard(root: HTMLElement): void;
  /** The auditor-mode panel (issue 6); returns its unmount. */
  mountAuditorPanel(doc: Document, win: Window, hooks: PanelHooks): () => void;
}

type WithExtras = { [SHOP_EXTRAS_KEY]?: ShopExtras };

let loading: Promise<ShopExtras> | null = null;

/** Load the extras once per page; a failed load is retried on the next call. */
export function loadShopExtras(): Promise<ShopExtras> {
  loading ??= (async () => {
    const url = browser.runtime.getURL(SHOP_EXTRAS_FILE as Parameters<typeof browser.runtime.getURL>[0]);
    await import(/* @vite-ignore */ url);
    const extras = (globalThis as WithExtras)[SHOP_EXTRAS_KEY];
    if (!extras) throw new Error(`${SHOP_EXTRAS_FILE} loaded but did not register its API`);
    return extras;
  })().catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}

/** Called by the loaded script. */
export function registerShopExtras(extras: ShopExtras): void {
  (globalThis as WithExtras)[SHOP_EXTRAS_KEY] = extras;
}
