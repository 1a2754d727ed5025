/**
 * `npm run audit:bench`: audits 1,000 generated fixture pages served from loopback, with injected
 * timeouts, 404s and dropped connections, and reports pages per minute. Kept out of the default test
 * run (it takes minutes on a shared 2-core machine); it fails loudly if a page goes missing or a fault
 * is reported as anything but itself. Options: BENCH_PAGES (1000), BENCH_CONCURRENCY (4), BENCH_TIMEOUT_MS (15000: pages of a loaded shared machine must not time out by accident).
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import cliProgress from "cli-progress";
import { runBatch } from "../cli/audit-batch.ts";
import { RegistryClient } from "../cli/registry-client.ts";
import { hostRules, startFixtureServer } from "../fixtures/fixture-server.ts";
import { FIXTURE_SHOPS, PLATFORM_HOMES } from "../fixtures/fixture-shops.ts";
import { buildReport } from "../report/report-model.ts";
import { writeReports } from "../report/write-report.ts";
import { ROOT, startService } from "../testing/audit-harness.ts";

const PAGES = Number(process.env.BENCH_PAGES ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const TIMEOUT = Number(process.env.BENCH_TIMEOUT_MS ?? 15_000);
const OUT = join(ROOT, "extension/audit/test-results/bench");

type Fault = "timeout" | "404" | "reset" | null;
/** Injected faults: every 40th page hangs, every 33rd is a 404, every 97th drops its connection. */
function faultOf(i: number): Fault {
  if (i % 40 === 39) return "timeout";
  if (i % 33 === 32) return "404";
  if (i % 97 === 96) return "reset";
  return null;
}

const base = [...FIXTURE_SHOPS, ...PLATFORM_HOMES];
const pages = Array.from({ length: PAGES }, (_, i) => {
  const f = base[i % base.length]!;
  const u = new URL(f.url);
  u.searchParams.set("n", String(i));
  const fault = faultOf(i);
  if (fault) u.searchParams.set("fault", fault);
  return { url: u.href, fault, expect: f.expect.outcome };
});

const svc = await startService();
const fx = await startFixtureServer(svc.url);
// Ctrl-C stops the service too (it runs in its own process group); results so far stay in results.jsonl.
for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.once(sig, () => {
    svc.stop();
    process.exit(130);
  });
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
const bar = new cliProgress.SingleBar(
  {
    format: "bench |{bar}| {value}/{total} · {ppm} 页/分 pages/min · errors {errors}",
    noTTYOutput: true,
    notTTYSchedule: 10_000,
  },
  cliProgress.Presets.shades_classic,
);
const t0 = Date.now();
let code = 0;
try {
  const summary = await runBatch({
    urls: pages.map((p) => p.url),
    outDir: OUT,
    registry: new RegistryClient(svc.url),
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    hostRules: hostRules(fx.port),
    concurrency: CONCURRENCY,
    timeoutMs: TIMEOUT,
    retries: 1,
    runId: `ar_bench_${Date.now().toString(36)}`,
    onStart: (p) => bar.start(p.total, 0, { ppm: "—", errors: 0 }),
    onProgress: (p) =>
      bar.update(p.done, { ppm: ((p.done / (Date.now() - t0)) * 60_000).toFixed(1), errors: p.errors }),
  });
  bar.stop();
  const report = buildReport(summary.results, {
    generatedAt: new Date().toISOString(),
    service: svc.url,
    run: {
      audited: summary.audited,
      skipped: summary.skipped,
      ms: summary.ms,
      pagesPerMinute: Math.round(summary.pagesPerMinute * 10) / 10,
    },
  });
  writeReports(OUT, report);
  const wrong: string[] = [];
  if (summary.results.length !== PAGES)
    wrong.push(`expected ${PAGES} results, got ${summary.results.length}`);
  const want = { timeout: "timeout", "404": "http_404", reset: "load_failed" } as const;
  for (const [i, r] of summary.results.entries()) {
    const p = pages[i]!;
    if (p.fault && r.error?.code !== want[p.fault])
      wrong.push(`${p.url}: expected ${want[p.fault]}, got ${r.error?.code ?? r.outcome}`);
    if (!p.fault && r.outcome !== p.expect)
      wrong.push(`${p.url}: expected ${p.expect}, got ${r.outcome} ${r.error?.code ?? ""}`);
  }
  const faults = pages.filter((p) => p.fault).length;
  console.log(
    [
      `pages ${PAGES} (injected faults ${faults}: timeouts ${pages.filter((p) => p.fault === "timeout").length}, 404 ${pages.filter((p) => p.fault === "404").length}, resets ${pages.filter((p) => p.fault === "reset").length})`,
      `concurrency ${CONCURRENCY}, per-page timeout ${TIMEOUT} ms, retries 1`,
      `finished in ${(summary.ms / 1000).toFixed(1)} s: ${summary.pagesPerMinute.toFixed(1)} pages/minute`,
      `compliant ${report.totals.compliant} · non-compliant ${report.totals.non_compliant} · errors ${report.totals.error}`,
      `report: ${join(OUT, "report.html")}`,
      wrong.length
        ? `MISMATCHES (${wrong.length}):\n  ${wrong.slice(0, 20).join("\n  ")}`
        : "every page got its expected verdict or fault",
    ].join("\n"),
  );
  if (wrong.length) code = 1;
} finally {
  await fx.close();
  svc.stop();
}
process.exit(code);
