/**
 * `npm run audit -- <url-list> --out <dir>`: license-display audits of shop pages in real Chromium
 * (电子商务法 §15; 市场主体登记管理条例 §36, §76). Writes report.json, report.csv, report.html and
 * evidence/ (screenshot + HTML snapshot per page, its SHA-256 in the report) into <dir>.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import cliProgress from "cli-progress";
import { printPdf } from "../report/print-pdf.ts";
import { buildReport, parseEarlierReport, type Report } from "../report/report-model.ts";
import { writeReports } from "../report/write-report.ts";
import { runBatch } from "./audit-batch.ts";
import { parseCliArgs, USAGE } from "./cli-args.ts";
import { type AuditorKeyFile, loadAuditorKey } from "./evidence-manifest.ts";
import { tesseractEngine } from "./ocr.ts";
import { postResults } from "./post-results.ts";
import { RegistryClient } from "./registry-client.ts";
import { readUrlList } from "./url-list.ts";

/**
 * The run id of an output directory: made on the first run and kept in run.json, so a resumed run
 * posts under the same id and the results API replaces instead of doubling (issue 16).
 */
function runIdFor(out: string): string {
  const f = join(out, "run.json");
  if (existsSync(f)) {
    const j = JSON.parse(readFileSync(f, "utf8")) as { runId?: string };
    if (j.runId && /^ar_[0-9a-z_]{6,60}$/.test(j.runId)) return j.runId;
  }
  const d = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, "");
  const runId = `ar_${d}_${randomBytes(5).toString("hex")}`;
  writeFileSync(f, `${JSON.stringify({ runId, createdAt: new Date().toISOString() }, null, 2)}\n`);
  return runId;
}

async function main(): Promise<number> {
  const args = parseCliArgs(process.argv.slice(2));
  if (!args.ok) {
    (args.help ? console.log : console.error)(args.message);
    if (!args.help) console.error(`\n${USAGE}`);
    return args.help ? 0 : 2;
  }
  const o = args.options;
  const list = readUrlList(o.list);
  for (const p of list.problems)
    console.error(`${o.list}${p.line ? `:${p.line}` : ""}: ${p.zh} / ${p.en}${p.text ? `: ${p.text}` : ""}`);
  for (const d of list.duplicates ?? [])
    console.error(
      `${o.list}:${d.line}: 与第 ${d.firstLine} 行重复，只检查一次 / duplicate of line ${d.firstLine}, audited once: ${d.url}`,
    );
  if (!list.ok) {
    console.error("未开始检查，未写入任何文件 / nothing audited, nothing written");
    return 2;
  }
  if (list.problems.length)
    console.error(
      `已跳过 ${list.problems.length} 个无效行 / skipped ${list.problems.length} invalid line(s)`,
    );
  let auditorKey: AuditorKeyFile | null = null;
  if (o.key) {
    try {
      auditorKey = loadAuditorKey(o.key);
    } catch (e) {
      console.error((e as Error).message);
      return 2;
    }
  } else
    console.error(
      "未提供审计员密钥（--key），证据清单不签名 / no auditor key (--key): evidence manifests are unsigned",
    );
  if (!existsSync(o.chromium)) {
    console.error(
      `找不到 Chromium：${o.chromium}（用 --chromium 或 CHROMIUM_PATH 指定） / Chromium not found`,
    );
    return 2;
  }
  let earlier: Report | null = null;
  if (o.compare) {
    try {
      earlier = parseEarlierReport(readFileSync(o.compare, "utf8"), o.compare);
    } catch (e) {
      console.error(
        (e as NodeJS.ErrnoException).code
          ? `无法读取对比报告 ${o.compare} / cannot read earlier report`
          : (e as Error).message,
      );
      return 2;
    }
  }
  const registry = new RegistryClient(o.service);
  try {
    await registry.keySet();
  } catch (e) {
    console.error(
      `无法连接信标服务 ${o.service}（${(e as Error).message}），未写入任何文件 / cannot reach the Xinbiao service; nothing written`,
    );
    return 1;
  }
  const out = resolve(o.out);
  mkdirSync(out, { recursive: true });
  const runId = runIdFor(out);
  const ocr = o.ocr ? await tesseractEngine() : null;
  if (ocr?.unavailable)
    console.error(`OCR 不可用，执照图片判为“需人工复核” / OCR unavailable: ${ocr.unavailable}`);

  const bar = o.progress
    ? new cliProgress.SingleBar(
        {
          format:
            "亮照检查 audit |{bar}| {value}/{total} 页 · {ppm} 页/分 · 未完成 errors {errors} · 已跳过 skipped {skipped}",
          noTTYOutput: true,
          notTTYSchedule: 5_000,
          hideCursor: true,
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      )
    : null;
  const t0 = Date.now();
  const summary = await runBatch({
    urls: list.urls,
    outDir: out,
    registry,
    executablePath: o.chromium,
    hostRules: o.hostRules,
    concurrency: o.concurrency,
    timeoutMs: o.timeoutMs,
    retries: o.retries,
    settleMs: o.settleMs,
    runId,
    auditorKey,
    ocr,
    onStart: (p) => bar?.start(p.total, 0, { ppm: "—", errors: 0, skipped: p.skipped }),
    onProgress: (p) => {
      const ppm = ((p.done / Math.max(1, Date.now() - t0)) * 60_000).toFixed(1);
      bar?.update(p.done, { ppm, errors: p.errors, skipped: p.skipped });
    },
  });
  bar?.stop();
  const report = buildReport(
    summary.results,
    {
      generatedAt: new Date().toISOString(),
      service: o.service,
      runId,
      input: {
        list: o.list,
        urls: list.urls.length,
        invalid: list.problems,
        duplicates: list.duplicates ?? [],
      },
      signedBy: auditorKey ? { keyId: auditorKey.keyId, label: auditorKey.label } : null,
      run: {
        audited: summary.audited,
        skipped: summary.skipped,
        ms: summary.ms,
        pagesPerMinute: Math.round(summary.pagesPerMinute * 10) / 10,
      },
    },
    earlier,
  );
  const files = writeReports(out, report);
  const pdf = o.pdf
    ? await printPdf(files.html, join(out, "report.pdf"), o.chromium).catch((e: Error) => {
        console.error(`report.pdf 未生成 / report.pdf not written: ${e.message}`);
        return null;
      })
    : null;
  const t = report.totals;
  console.log(
    [
      `已检查 ${summary.audited} 页（跳过已完成 ${summary.skipped} 页），用时 ${(summary.ms / 1000).toFixed(1)} s，${report.run.pagesPerMinute} 页/分钟`,
      `audited ${summary.audited} pages (skipped ${summary.skipped} done earlier) in ${(summary.ms / 1000).toFixed(1)} s: ${report.run.pagesPerMinute} pages/minute`,
      `合规 compliant ${t.compliant} · 不合规 non-compliant ${t.non_compliant} · 需人工复核 review ${t.review} · 未完成 errors ${t.error} · 黑名单/重点关注 listed ${t.flagged}`,
      `报告 reports: ${files.json}, ${files.csv}, ${files.html}${pdf ? `, ${pdf}` : ""}`,
    ].join("\n"),
  );
  if (o.post) {
    const r = await postResults(o.service, process.env.XINBIAO_API_KEY!, report.results);
    console.log(`已提交 ${r.posted} 条结果（${r.skipped} 条无店铺信息未提交） / posted ${r.posted} results`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`检查中止 / audit aborted: ${(e as Error).stack ?? e}`);
    process.exit(1);
  },
);
