/**
 * Every host the extension touches, in one place: the manifest, the content script and the tests
 * read it from here so the permissions cannot drift from what the adapters handle.
 */

/** Partner platforms' pages: the content script is injected here and nowhere else. */
export const CONTENT_MATCHES = [
  "*://*.taobao.com/*",
  "*://*.tmall.com/*",
  "*://*.tmall.hk/*",
  "*://*.jd.com/*",
  // JD Worldwide items (npcitem.jd.hk) and JD pharmacy items (item.yiyaojd.com): adapters/rules.
  "*://*.jd.hk/*",
  "*://*.yiyaojd.com/*",
  "*://*.yangkeduo.com/*",
  "*://*.pinduoduo.com/*",
  "*://*.1688.com/*",
];

/** The production service (placeholder until a domain is chosen) and the local demo service. */
export const PRODUCTION_SERVICE_URL = "https://xinbiao.example";
export const DEMO_SERVICE_URL = "http://127.0.0.1:8787";

/** Host permissions for the service only; match patterns ignore ports, so any local port works. */
export const SERVICE_HOST_PERMISSIONS = [
  `${PRODUCTION_SERVICE_URL}/*`,
  "http://127.0.0.1/*",
  "http://localhost/*",
];
