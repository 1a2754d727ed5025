/**
 * `npm run report:monthly -- [--month YYYY-MM] [--out <dir>] [--db <url>] [--no-pdf]`: the 月报
 * (赣信用办〔2018〕26号) as yuebao-<month>.html, .csv and .pdf (Chromium page.pdf of the HTML).
 * Default month: the previous Beijing-time month.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { openCliDb } from "../cli/cli-db.ts";
import { monthlyCsv } from "./monthly-report.csv.ts";
import { renderMonthlyReport } from "./monthly-report.page.tsx";
import { previousMonth } from "./monthly-report.routes.ts";
import { MONTH, monthlyReport } from "./monthly-report.ts";

const USAGE =
  "用法 usage: npm run report:monthly -- [--month YYYY-MM] [--out <目录 dir>] [--db <url>] [--no-pdf]";

export async function printHtmlPdf(htmlFile: string, pdfFile: string, executablePath: string): Promise<void> {
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--headless=new", "--no-sandbox"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: "load" });
    await page.emulateMedia({ media: "print" });
    await page.pdf({
      path: pdfFile,
      format: "A4",
      landscape: true,
      printBackground: true,
      margin: { top: "10mm", bottom: "10mm", left: "8mm", right: "8mm" },
    });
  } finally {
    await browser.close();
  }
}

async function main(): Promise<number> {
  let v: { month?: string; out?: string; db?: string; "no-pdf"?: boolean; help?: boolean };
  try {
    v = parseArgs({
      options: {
        month: { type: "string" },
        out: { type: "string" },
        db: { type: "string" },
        "no-pdf": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (e) {
    console.error(`参数错误 / bad option: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (v.help) {
    console.log(USAGE);
    return 0;
  }
  const month = v.month ?? previousMonth(new Date());
  if (!MONTH.test(month)) {
    console.error(`--month 应为 YYYY-MM，收到「${month}」 / --month must be YYYY-MM\n${USAGE}`);
    return 2;
  }
  const { db, close } = await openCliDb(v.db);
  try {
    const r = await monthlyReport(db, month, new Date());
    const out = resolve(v.out ?? ".");
    mkdirSync(out, { recursive: true });
    const html = join(out, `yuebao-${month}.html`);
    writeFileSync(html, renderMonthlyReport(r));
    writeFileSync(join(out, `yuebao-${month}.csv`), monthlyCsv(r));
    console.log(`${html}\n${join(out, `yuebao-${month}.csv`)}`);
    if (!v["no-pdf"]) {
      const pdf = join(out, `yuebao-${month}.pdf`);
      await printHtmlPdf(html, pdf, process.env.CHROMIUM_PATH ?? "/usr/bin/chromium");
      console.log(pdf);
    }
    console.log(
      `检查店铺 ${r.total.shopsAudited} · 名单 +${r.total.listAdded}/−${r.total.listRemoved} · 整改 到期 ${r.total.rectificationsDue} 逾期 ${r.total.rectificationsOverdue} 完成 ${r.total.rectificationsDone} · 异议 ${r.total.objections} · 升级 ${r.total.escalations}`,
    );
    return 0;
  } finally {
    close();
  }
}

main().then(
  (c) => process.exit(c),
  (e) => {
    console.error(`月报生成失败 / monthly report failed: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
