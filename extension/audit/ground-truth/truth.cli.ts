/**
 * `npm run audit:truth [-- --service <url>] [--out <dir>] [--no-ocr]`: runs the ground-truth fixture set
 * through the real audit and prints per-check precision/recall and per-category outcome accuracy. Without
 * --service it starts the service on a temp database (as the tests do). Exit 1 when any page is wrong.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { tesseractEngine } from "../cli/ocr.ts";
import { startService } from "../testing/audit-harness.ts";
import { formatTruth, runTruth } from "./truth.ts";

const { values: v } = parseArgs({
  options: {
    service: { type: "string" },
    out: { type: "string" },
    "no-ocr": { type: "boolean" },
    chromium: { type: "string" },
  },
});
const svc = v.service ? null : await startService();
try {
  const t = await runTruth({
    service: v.service ?? svc!.url,
    outDir: v.out ?? mkdtempSync(join(tmpdir(), "xinbiao-truth-")),
    executablePath: v.chromium ?? process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    ocr: v["no-ocr"] ? null : await tesseractEngine(),
  });
  console.log(formatTruth(t));
  process.exitCode = t.outcomeRight === t.cases ? 0 : 1;
} finally {
  svc?.stop();
}
