/** Settings kept in storage.local: where the service is, and which language the UI speaks. */

import { DEMO_SERVICE_URL } from "./hosts.ts";
import type { LangSetting } from "./i18n.ts";

export interface Settings {
  serviceUrl: string;
  language: LangSetting;
  /** Auditor mode (issue 6): the license-display audit panel on shop pages. */
  auditorMode: boolean;
}

/** The local demo service is the default: a fresh install works against `npm start` as is. */
export const DEFAULT_SETTINGS: Settings = {
  serviceUrl: DEMO_SERVICE_URL,
  language: "auto",
  auditorMode: false,
};

export type ServiceUrlCheck = { ok: true; url: string } | { ok: false; zh: string; en: string };

/**
 * Validate what a person typed as the service URL: http(s) only, no credentials, no path beyond "/",
 * no query — the extension appends API paths itself. Plain http is allowed only for loopback, so a
 * typo cannot send lookups in clear text across the network.
 */
export function checkServiceUrl(input: string): ServiceUrlCheck {
  let u: URL;
  try {
    u = new URL(input.trim());
  } catch {
    return { ok: false, zh: "不是有效的网址", en: "not a valid URL" };
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") {
    return { ok: false, zh: "只支持 http 或 https 地址", en: "only http or https URLs" };
  }
  const loopback = u.hostname === "127.0.0.1" || u.hostname === "localhost" || u.hostname === "[::1]";
  if (u.protocol === "http:" && !loopback) {
    return { ok: false, zh: "非本机服务必须使用 https", en: "a non-local service must use https" };
  }
  if (u.username || u.password)
    return { ok: false, zh: "网址中不能包含用户名或密码", en: "no credentials in the URL" };
  if (u.search || u.hash) return { ok: false, zh: "网址中不能包含查询参数", en: "no query or fragment" };
  const path = u.pathname.replace(/\/+$/, "");
  return { ok: true, url: `${u.origin}${path}` };
}

/** The match pattern to request as an optional host permission for a custom service URL. */
export function originPattern(serviceUrl: string): string {
  const u = new URL(serviceUrl);
  return `${u.protocol}//${u.hostname}/*`;
}
