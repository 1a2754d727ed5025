/** Step "extension" (size part): the built content script, raw and gzipped. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export function measureExtensionSize(root: string) {
  const dir = join(root, "extension/.output/chrome-mv3");
  if (!existsSync(dir)) return { present: false, dir };
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as {
    content_scripts?: { js?: string[] }[];
  };
  const files = [...new Set((manifest.content_scripts ?? []).flatMap((c) => c.js ?? []))];
  const scripts = files.map((f) => {
    const buf = readFileSync(join(dir, f));
    return { file: f, bytes: buf.length, gzipBytes: gzipSync(buf).length };
  });
  const built = statSync(join(dir, "manifest.json")).mtime.toISOString();
  void readdirSync;
  return {
    present: true,
    dir: "extension/.output/chrome-mv3",
    builtAt: built,
    scripts,
    totalGzipBytes: scripts.reduce((n, s) => n + s.gzipBytes, 0),
  };
}
