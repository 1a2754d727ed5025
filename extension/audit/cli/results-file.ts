/** results.jsonl of an output directory: one audited page per line, appended as each finishes. */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PageResult } from "./result-types.ts";

export const RESULTS_FILE = "results.jsonl";

/** Results of earlier runs in this directory; a torn last line (a killed run) is ignored. */
export function readResults(outDir: string): Map<string, PageResult> {
  const out = new Map<string, PageResult>();
  const file = join(outDir, RESULTS_FILE);
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as PageResult;
      out.set(r.requestedUrl, r);
    } catch {
      // half-written line of an interrupted run: that page is audited again
    }
  }
  return out;
}
