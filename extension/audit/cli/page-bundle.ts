/**
 * The in-page capture as one script (esbuild IIFE): the engine's capture and the platform adapters,
 * exactly the code the extension runs, injected with page.evaluate (CDP evaluation is not subject to
 * the page's CSP, so a strict shop page cannot block the audit).
 */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

let cached: Promise<string> | null = null;

export function pageBundle(): Promise<string> {
  cached ??= build({
    entryPoints: [fileURLToPath(new URL("../engine/page-entry.ts", import.meta.url))],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "chrome110",
    write: false,
    minify: true,
    logLevel: "silent",
  }).then((r) => r.outputFiles[0]!.text);
  return cached;
}
