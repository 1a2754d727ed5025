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

/** Writes the floor extension to a temp directory and returns it (the caller removes it). */
export function floorBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), "xinbiao-floor-ext-"));
  writeFileSync(
    join(dir, "manifest.json"),
    JSON.stringify({
      manifest_version: 3,
      name: "floor",
      version: "1.0.0",
      content_scripts: [{ matches: CONTENT_MATCHES, js: ["floor.js"], run_at: "document_end" }],
    }),
  );
  // A settled badge (data-tone set), so the benchmark's watcher ends the visit the same way.
  writeFileSync(
    join(dir, "floor.js"),
    `(() => {
  const host = document.createElement("xinbiao-shop-badge");
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = ".xb-badge{position:fixed;right:16px;bottom:16px;padding:4px 8px;background:#fff;border:1px solid #ccc;font:13px sans-serif}";
  const b = document.createElement("div");
  b.className = "xb-badge";
  b.setAttribute("data-tone", "normal");
  b.textContent = "信标 · 正常";
  root.append(style, b);
  document.body.append(host);
})();`,
  );
  return dir;
}
