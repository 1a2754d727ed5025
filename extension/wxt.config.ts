import preact from "@preact/preset-vite";
import { defineConfig } from "wxt";
import { CONTENT_MATCHES, SERVICE_HOST_PERMISSIONS } from "./utils/hosts.ts";

// WXT 0.20.x: the newest WXT needs Node 22, this repo runs on Node 20.
export default defineConfig({
  srcDir: ".",
  entrypointsDir: "entrypoints",
  publicDir: "public",
  outDir: ".output",
  // Explicit imports everywhere: tsc, biome and vitest see exactly what the bundle sees.
  imports: false,
  vite: () => ({
    plugins: [preact()],
    // The pure model lives in the db workspace; only db/model is imported, never the driver.
    // XINBIAO_NO_MINIFY=1: readable function names in CPU profiles (bench/steps/extension-profile.ts).
    build: { target: "es2022", ...(process.env.XINBIAO_NO_MINIFY ? { minify: false } : {}) },
  }),
  manifest: ({ browser }) => ({
    name: "__MSG_extName__",
    description: "__MSG_extDescription__",
    default_locale: "zh_CN",
    // Least privilege: storage for caches and settings; the platforms come in through the content
    // script matches only; the service is the only host the background may fetch.
    permissions: ["storage"],
    host_permissions: SERVICE_HOST_PERMISSIONS,
    // A self-hosted service URL set in the options is asked for at save time, never up front.
    optional_host_permissions: ["http://*/*", "https://*/*"],
    icons: { 16: "icon/16.png", 32: "icon/32.png", 48: "icon/48.png", 128: "icon/128.png" },
    // The card and the auditor panel, imported by the content script on demand (utils/shop-extras.ts),
    // on the platforms' pages only. use_dynamic_url: served under a per-session random id, so a page
    // cannot probe for the extension by a fixed URL (WXT turns this into MV2's list for Firefox).
    web_accessible_resources: [
      { resources: ["shop-extras.js"], matches: CONTENT_MATCHES, use_dynamic_url: true },
    ],
    ...(browser === "firefox"
      ? {
          // MV2 has no optional_host_permissions: the same origins go under optional_permissions.
          optional_permissions: ["http://*/*", "https://*/*"],
          browser_specific_settings: {
            gecko: {
              id: "xinbiao@xinbiao.example",
              strict_min_version: "115.0",
              // Lookups send 4-hex hash prefixes only; searches and record checks are typed or clicked
              // by the person and go to the service they chose: nothing is collected about them.
              data_collection_permissions: { required: ["none"] },
            },
          },
        }
      : {}),
  }),
  hooks: {
    "build:manifestGenerated": (_wxt, manifest) => {
      // Sanity: the content script must run on the partner platforms and nowhere else by default.
      const cs = manifest.content_scripts?.[0];
      if (!cs || [...(cs.matches ?? [])].sort().join() !== [...CONTENT_MATCHES].sort().join()) {
        throw new Error(`content script matches drifted from utils/hosts.ts: ${JSON.stringify(cs?.matches)}`);
      }
    },
  },
});
