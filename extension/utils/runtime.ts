/** Extension-API glue shared by the content script, popup and options (not unit-tested: needs a browser). */
import { browser } from "wxt/browser";
import { type Lang, type LangSetting, resolveLang } from "./i18n.ts";
import type { BackgroundMessage } from "./messages.ts";
import { DEFAULT_SETTINGS, type Settings } from "./settings.ts";

export async function send<T>(msg: BackgroundMessage): Promise<T> {
  return (await browser.runtime.sendMessage(msg)) as T;
}

export async function loadSettings(): Promise<Settings> {
  const got = (await browser.storage.local.get("settings")) as { settings?: Partial<Settings> };
  return { ...DEFAULT_SETTINGS, ...(got.settings ?? {}) };
}

export async function saveSettings(s: Settings): Promise<void> {
  await browser.storage.local.set({ settings: s });
}

export function langOf(setting: LangSetting): Lang {
  return resolveLang(setting, browser.i18n?.getUILanguage?.() ?? navigator.language);
}
