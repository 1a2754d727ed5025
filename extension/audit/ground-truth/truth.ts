/**
 * Runs the ground-truth set through the real audit (Chromium, the capture bundle, the engine, OCR,
 * the registry service) and scores it: per check precision and recall of "fails" (a check that fails
 * where the truth says it should is a true positive), and per category the share of pages whose
 * outcome is right. The pages are served on loopback under the platforms' host names.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { chromium } from "playwright-core";
import { runBatch } from "../cli/audit-batch.ts";
import type { OcrEngine } from "../cli/ocr.ts";
import { RegistryClient } from "../cli/registry-client.ts";
import type { PageResult } from "../cli/result-types.ts";
import { hostRules } from "../fixtures/fixture-server.ts";
import { type Category, licenseImageHtml, type Resource, TRUTH_CASES, type TruthCase } from "./cases.ts";

export interface CheckScore {
  id: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
}

export interface CategoryScore {
  category: Category;
  cases: number;
  outcomeRight: number;
  checks: CheckScore[];
  wrong: { id: string; expected: unknown; got: unknown }[];
}

export interface TruthReport {
  cases: number;
  outcomeRight: number;
  checks: CheckScore[];
  categories: CategoryScore[];
  results: PageResult[];
}

function failingOf(r: PageResult): string[] {
  return r.checks
    .filter((c) => c.kind === "display" && c.status === "fail")
    .map((c) => c.id)
    .sort();
}

function score(pairs: { c: TruthCase; r: PageResult }[]): CheckScore[] {
  const ids = new Set<string>();
  for (const { c, r } of pairs) for (const id of [...c.expect.failing, ...failingOf(r)]) ids.add(id);
  return [...ids].sort().map((id) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const { c, r } of pairs) {
      const want = c.expect.failing.includes(id);
      const got = failingOf(r).includes(id);
      if (want && got) tp++;
      else if (got) fp++;
      else if (want) fn++;
    }
    return {
      id,
      tp,
      fp,
      fn,
      precision: tp + fp ? tp / (tp + fp) : null,
      recall: tp + fn ? tp / (tp + fn) : null,
    };
  });
}

export function scoreTruth(cases: TruthCase[], results: PageResult[]): TruthReport {
  const byUrl = new Map(results.map((r) => [r.requestedUrl, r]));
  const pairs = cases.map((c) => ({ c, r: byUrl.get(new URL(c.url).href)! }));
  const right = ({ c, r }: { c: TruthCase; r: PageResult }) =>
    r.outcome === c.expect.outcome &&
    (c.expect.error ? r.error?.code === c.expect.error : true) &&
    JSON.stringify(failingOf(r)) === JSON.stringify([...c.expect.failing].sort());
  const cats = [...new Set(cases.map((c) => c.category))];
  return {
    cases: cases.length,
    outcomeRight: pairs.filter(right).length,
    checks: score(pairs),
    categories: cats.map((category) => {
      const ps = pairs.filter((p) => p.c.category === category);
      return {
        category,
        cases: ps.length,
        outcomeRight: ps.filter(right).length,
        checks: score(ps),
        wrong: ps
          .filter((p) => !right(p))
          .map(({ c, r }) => ({
            id: c.id,
            expected: { outcome: c.expect.outcome, failing: c.expect.failing, error: c.expect.error },
            got: {
              outcome: r.outcome,
              failing: failingOf(r),
              error: r.error?.code,
              why: r.checks
                .filter((x) => x.status !== "pass" && x.status !== "na")
                .map((x) => `${x.id}: ${x.zh}`),
            },
          })),
      };
    }),
    results,
  };
}

async function renderImages(executablePath: string, cases: TruthCase[]): Promise<Map<Resource, Buffer>> {
  const out = new Map<Resource, Buffer>();
  const wanted = cases
    .flatMap((c) => [c.page(""), ...Object.values(c.resources ?? {})])
    .filter((r) => typeof r.body !== "string");
  // page() builds a fresh object per call: key the PNGs by the merchant data instead.
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--headless=new", "--no-sandbox"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1040, height: 600 } });
    for (const r of wanted) {
      const m = (r.body as { licenseImage: { uscc: string; name: string; authority: string } }).licenseImage;
      await page.setContent(licenseImageHtml(m));
      out.set(r, await page.locator(".l").screenshot({ type: "png" }));
    }
  } finally {
    await browser.close();
  }
  return out;
}

export interface TruthOptions {
  service: string;
  outDir: string;
  executablePath: string;
  ocr: OcrEngine | null;
  concurrency?: number;
}

export async function runTruth(o: TruthOptions): Promise<TruthReport> {
  const images = await renderImages(o.executablePath, TRUTH_CASES);
  const pngOf = (r: Resource): Buffer | string => {
    if (typeof r.body === "string") return r.body;
    const m = JSON.stringify((r.body as { licenseImage: unknown }).licenseImage);
    for (const [k, v] of images)
      if (JSON.stringify((k.body as { licenseImage: unknown }).licenseImage) === m) return v;
    return "";
  };
  const routes = new Map<string, Resource>();
  for (const c of TRUTH_CASES) {
    const u = new URL(c.url);
    routes.set(`${u.host}${u.pathname}${u.search}`, c.page(o.service));
    for (const [path, r] of Object.entries(c.resources ?? {})) {
      routes.set(`${u.host}${path}`, r);
      // Same-named resources are served on every host (the cross-origin frame lives on static.tmall.com).
      routes.set(`*${path}`, r);
    }
  }
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const r =
      routes.get(`${u.host}${u.pathname}${u.search}`) ??
      routes.get(`${u.host}${u.pathname}`) ??
      routes.get(`*${u.pathname}`);
    if (!r) {
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      res.end("<!DOCTYPE html><meta charset=utf-8><title>404</title><h1>页面不存在</h1>");
      return;
    }
    res.writeHead(r.status ?? 200, { "content-type": r.type, "cache-control": "no-store" });
    res.end(pngOf(r));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  const port = (server.address() as AddressInfo).port;
  try {
    const summary = await runBatch({
      urls: TRUTH_CASES.map((c) => new URL(c.url).href),
      outDir: o.outDir,
      registry: new RegistryClient(o.service),
      executablePath: o.executablePath,
      hostRules: hostRules(port),
      concurrency: o.concurrency ?? 2,
      timeoutMs: 30_000,
      retries: 0,
      settleMs: 4_000,
      runId: `ar_truth_${Date.now().toString(36)}`,
      ocr: o.ocr,
    });
    return scoreTruth(TRUTH_CASES, summary.results);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((ok) => server.close(() => ok()));
  }
}

const f = (x: number | null) => (x === null ? "  —  " : x.toFixed(2).padStart(5));

/** The table `npm run audit:truth` prints. */
export function formatTruth(t: TruthReport): string {
  const lines = [
    `信标审计基准集 ground truth: ${t.outcomeRight}/${t.cases} 页结论正确 pages with the right outcome`,
    "",
    "检查 check                     TP  FP  FN  precision  recall",
    ...t.checks.map(
      (c) =>
        `${c.id.padEnd(28)} ${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)}     ${f(c.precision)}   ${f(c.recall)}`,
    ),
    "",
    "类别 category        pages  right  checks (precision/recall)",
    ...t.categories.map(
      (c) =>
        `${c.category.padEnd(18)} ${String(c.cases).padStart(5)}  ${String(c.outcomeRight).padStart(5)}  ${c.checks.map((k) => `${k.id} ${f(k.precision).trim()}/${f(k.recall).trim()}`).join("; ")}`,
    ),
  ];
  for (const c of t.categories)
    for (const w of c.wrong)
      lines.push(`✗ ${w.id}: expected ${JSON.stringify(w.expected)} got ${JSON.stringify(w.got)}`);
  return lines.join("\n");
}
