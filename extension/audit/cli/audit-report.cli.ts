/**
 * `npm run audit:report -- <out dir> [--no-pdf]`: writes report.json/csv/html (and report.pdf) again from
 * the directory's results.jsonl — after a change of the report format, or to print a run's PDF later.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { printPdf } from "../report/print-pdf.ts";
import { buildReport, type Report } from "../report/report-model.ts";
import { writeReports } from "../report/write-report.ts";
import { readResults } from "./results-file.ts";

const { values: v, positionals } = parseArgs({
  options: { "no-pdf": { type: "boolean" } },
  allowPositionals: true,
});
const out = resolve(positionals[0] ?? "");
if (!positionals[0] || !existsSync(join(out, "results.jsonl"))) {
  console.error(
    "用法 usage: npm run audit:report -- <含 results.jsonl 的目录 dir with results.jsonl> [--no-pdf]",
  );
  process.exit(2);
}
const earlier = existsSync(join(out, "report.json"))
  ? (JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as Report)
  : null;
const results = [...readResults(out).values()].sort((a, b) => a.index - b.index);
const report = buildReport(results, {
  generatedAt: new Date().toISOString(),
  service: earlier?.service ?? "",
  run: earlier?.run ?? { audited: results.length, skipped: 0, ms: 0, pagesPerMinute: 0 },
  ...(earlier?.runId ? { runId: earlier.runId } : results[0]?.runId ? { runId: results[0].runId } : {}),
  ...(earlier?.input ? { input: earlier.input } : {}),
  ...(earlier?.signedBy !== undefined ? { signedBy: earlier.signedBy } : {}),
});
const files = writeReports(out, report);
console.log(`${files.json}\n${files.csv}\n${files.html}`);
if (!v["no-pdf"])
  console.log(
    await printPdf(files.html, join(out, "report.pdf"), process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"),
  );
