/** Writes report.json, report.csv and report.html into the output directory. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Report } from "./report-model.ts";
import { reportCsv } from "./write-csv.ts";
import { reportHtml } from "./write-html.ts";

export function writeReports(outDir: string, report: Report): { json: string; csv: string; html: string } {
  const files = {
    json: join(outDir, "report.json"),
    csv: join(outDir, "report.csv"),
    html: join(outDir, "report.html"),
  };
  writeFileSync(files.json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(files.csv, reportCsv(report));
  writeFileSync(files.html, reportHtml(report));
  return files;
}
