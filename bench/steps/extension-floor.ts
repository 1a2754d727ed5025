/**
 * The floor of the extension's added main-thread CPU (issue 7): an extension whose content script,
 * with the same matches, does nothing but mount a fixed badge in a shadow root. What it costs the page
 * (Chromium creating the isolated world, injecting and running a script, styling and painting one
 * element) is the least any badge-painting extension adds; measured in the same run as the real one.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CONTENT_MATCHES } from "../../extension/utils/hosts.ts";

const MOUNT = (tone: string) => `
  const host = document.createElement("xinbiao-shop-badge");
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = ".xb-badge{position:fixed;right:16px;bottom:16px;padding:4px 8px;background:#fff;border:1px solid #ccc;font:13px sans-serif}";
  const b = document.createElement("div");
  b.className = "xb-badge";
  b.setAttribute("data-tone", ${tone});
  b.textContent = "信标 · 正常";
  root.append(style, b);
  document.body.append(host);`;

/**
 * Writes a floor extension to a temp directory and returns it (the caller removes it).
 * - "mount": the content script only mounts a fixed, settled badge at document_end.
 * - "message": as any real badge must, it also asks its service worker once (at document_start) and
 *   mounts at DOMContentLoaded with the answer — one message round trip and the runtime API's setup
 *   in the page's isolated world on top of "mount".
 */
export function floorBuild(kind: "mount" | "message" = "mount"): string {
  const dir = mkdtempSync(join(tmpdir(), `xinbiao-floor-${kind}-`));
  const manifest = {
    manifest_version: 3,
    name: `floor-${kind}`,
    version: "1.0.0",
    ...(kind === "message" ? { background: { service_worker: "bg.js" } } : {}),
    content_scripts: [
      {
        matches: CONTENT_MATCHES,
        js: ["floor.js"],
        run_at: kind === "message" ? "document_start" : "document_end",
      },
    ],
  };
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest));
  // A settled badge (data-tone set), so the benchmark's watcher ends the visit the same way.
  if (kind === "mount") {
    writeFileSync(
      join(dir, "floor.js"),
      `(() => {${MOUNT('"normal"')}
})();`,
    );
  } else {
    writeFileSync(
      join(dir, "bg.js"),
      `chrome.runtime.onMessage.addListener((m, s, send) => { send({ tone: "normal", shop: m.shop }); });`,
    );
    writeFileSync(
      join(dir, "floor.js"),
      `(() => {
  const answer = chrome.runtime.sendMessage({ shop: location.hostname + location.pathname });
  const mount = (a) => {${MOUNT("a.tone")}
  };
  document.addEventListener("DOMContentLoaded", () => answer.then(mount), { once: true });
})();`,
    );
  }
  return dir;
}
