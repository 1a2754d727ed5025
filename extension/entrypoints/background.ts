/**
 * The background: the only place that talks to the service. It hashes `platform:shopId`, asks for
 * the 4-hex range, matches locally, keeps the prefix set fresh, verifies full records. It never
 * sends a URL or a shop id — the content script's message stays on the device.
 */

import { displaySafe } from "@xinbiao/db/model/text";
import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import { BUILTIN_RULES } from "../adapters/index.ts";
import { resolveLang } from "../utils/i18n.ts";
import { type KeyValue, Lookup } from "../utils/lookup.ts";
import { sendMatchReport } from "../utils/match-report.ts";
import { memoryKv } from "../utils/memory-kv.ts";
import type { BackgroundMessage, PageAnswer, PageUi, TabMessage } from "../utils/messages.ts";
import { RulesStore } from "../utils/rules-store.ts";
import { DEFAULT_SETTINGS, type Settings } from "../utils/settings.ts";
import { toolbarFace } from "../utils/toolbar.ts";

const storageKv: KeyValue = {
  async get<T>(key: string) {
    const got = await browser.storage.local.get(key);
    return got[key] as T | undefined;
  },
  async set(key, value) {
    await browser.storage.local.set({ [key]: value });
  },
  async removePrefix(prefix) {
    const all = await browser.storage.local.get(null);
    const keys = Object.keys(all).filter((k) => k.startsWith(prefix));
    if (keys.length) await browser.storage.local.remove(keys);
  },
};

export default defineBackground(() => {
  /** Warm lookups are answered from the worker's memory; storage.local stays the persistent copy. */
  const kv = memoryKv(storageKv);

  /** The settings, read once per worker life and again when they change. */
  let settingsMemo: Promise<Settings> | null = null;
  function settings(): Promise<Settings> {
    settingsMemo ??= browser.storage.local
      .get("settings")
      .then((got) => ({ ...DEFAULT_SETTINGS, ...(got as { settings?: Partial<Settings> }).settings }));
    return settingsMemo;
  }
  const serviceUrl = () => settings().then((s) => s.serviceUrl);

  /** What a shop page needs from the settings: sent with every lookup answer (issue 7). */
  async function pageUi(): Promise<PageUi> {
    const s = await settings();
    return {
      language: s.language,
      auditorMode: s.auditorMode,
      serviceUrl: s.serviceUrl,
      rulesVersion: await rules.version(),
    };
  }

  /** Settings changed: open shop pages repaint in the new language (tabs without our script ignore it). */
  async function broadcastUi(): Promise<void> {
    const msg: TabMessage = { type: "ui", ui: await pageUi() };
    for (const tab of await browser.tabs.query({})) {
      if (tab.id !== undefined) browser.tabs.sendMessage(tab.id, msg).catch(() => {});
    }
  }

  const lookup = new Lookup({ fetch: (...a) => fetch(...a), kv, now: () => Date.now(), serviceUrl });
  /** Signed detection rules from the service (issue 14), verified with the same key set as buckets. */
  const rules = new RulesStore({
    fetch: (...a) => fetch(...a),
    kv,
    now: () => Date.now(),
    serviceUrl,
    verify: (obj, kind) => lookup.verifySigned(obj, kind),
    builtin: BUILTIN_RULES,
  });

  /** MV3 `action`, Firefox MV2 `browserAction`: the same calls. */
  const action =
    browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

  /**
   * The tab's toolbar state (issue 14): set per tab, so another tab keeps its own; Chrome clears
   * per-tab values when the tab loads another document, and the new page's script sets them again.
   */
  async function showCoverage(
    tabId: number,
    coverage: Extract<BackgroundMessage, { type: "coverage" }>["coverage"],
  ) {
    const s = await settings();
    const face = toolbarFace(coverage, resolveLang(s.language, navigator.language));
    await Promise.all([
      action.setBadgeText({ tabId, text: face.text }),
      action.setBadgeBackgroundColor({ tabId, color: face.color }),
      action.setTitle({ tabId, title: face.title }),
    ]);
  }

  async function handle(msg: BackgroundMessage, tabId: number | undefined): Promise<unknown> {
    switch (msg.type) {
      case "coverage":
        if (tabId !== undefined) await showCoverage(tabId, msg.coverage);
        return true;
      case "match-report":
        // Only from the popup (an extension page), after the person confirmed this exact report.
        if (tabId !== undefined) return { ok: false, status: 0, message: "not from the popup" };
        return sendMatchReport({ fetch: (...a) => fetch(...a), serviceUrl: await serviceUrl() }, msg.report);
      case "peek":
        return { result: await lookup.peek(msg.shop), ui: await pageUi() } satisfies PageAnswer;
      case "rules":
        return rules.current();
      case "lookup":
        void rules.refresh();
        return { result: await lookup.lookup(msg.shop), ui: await pageUi() } satisfies PageAnswer;
      case "ui":
        void rules.refresh();
        return pageUi();
      case "dismiss":
        return lookup.dismiss(msg.shop);
      case "record":
        return lookup.record(msg.uscc);
      case "search":
        return lookup.search(msg.q);
      case "clear-cache":
        await lookup.clear();
        await lookup.refreshPrefixSet(true);
        return true;
    }
  }

  // Chrome's onMessage does not take a returned Promise: answer through sendResponse and keep the
  // channel open by returning true.
  browser.runtime.onMessage.addListener((msg: BackgroundMessage, sender, sendResponse) => {
    // Only our own pages and content scripts; a web page cannot message us without externally_connectable.
    if (sender.id !== browser.runtime.id) return false;
    // Everything handed to a UI is display-safe: bidi overrides and control characters from data are
    // removed here, after the record's signature was checked (the removal changes its bytes).
    // A content script's messages carry its tab; an extension page (popup, options) is not a shop tab,
    // even when opened in a tab of its own.
    const extensionPage = !!sender.url?.startsWith(browser.runtime.getURL("/"));
    const tabId = extensionPage ? undefined : sender.tab?.id;
    handle(msg, tabId).then(
      (r) => sendResponse(displaySafe(r)),
      () => sendResponse(null),
    );
    return true;
  });

  // Warnings must work offline and at once: fetch the prefix set at install and at every start.
  browser.runtime.onInstalled.addListener(() => {
    void lookup.refreshPrefixSet(true);
    void rules.refresh();
  });
  browser.runtime.onStartup.addListener(() => {
    void lookup.refreshPrefixSet();
    void rules.refresh();
  });
  browser.storage.onChanged.addListener((changes, area) => {
    // A new service URL: the old service's caches say nothing about the new one.
    if (area === "local" && changes.settings) {
      settingsMemo = null;
      void broadcastUi();
      const before = (changes.settings.oldValue as Settings | undefined)?.serviceUrl;
      const after = (changes.settings.newValue as Settings | undefined)?.serviceUrl;
      if (before !== after)
        void lookup.clear().then(() => Promise.all([lookup.refreshPrefixSet(true), rules.refresh(true)]));
    }
  });
});
