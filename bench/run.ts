/**
 * `npm run bench`: every figure of issue 7 beside its baseline from the same run, written to
 * bench/results.json and bench/results.md. Develop with `npm run bench -- --merchants 50000`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createSigner, generateSigningKey } from "@xinbiao/db/model";
import { anchor } from "@xinbiao/db/seed";
import { parseArgs } from "./lib/cli.ts";
import { machineInfo } from "./lib/machine.ts";
import { topShare, zipfSample } from "./lib/zipf.ts";
import { renderMarkdown } from "./report.ts";
import { measureBadge } from "./steps/badge.ts";
import { buildDataset } from "./steps/dataset.ts";
import { measureHttp, type Target } from "./steps/http.ts";
import { measureImports } from "./steps/imports.ts";
import { measureRange, recordQueryPlans } from "./steps/range.ts";
import { measureWorkerd } from "./steps/workerd.ts";

const BENCH = new URL("./", import.meta.url).pathname;
const ROOT = new URL("../", import.meta.url).pathname;
const opts = parseArgs(process.argv.slice(2), BENCH);
const OUT = join(BENCH, "out");
mkdirSync(OUT, { recursive: true });
const started = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);
const want = (s: string) => !opts.only || opts.only.has(s);
// biome-ignore lint/suspicious/noExplicitAny: the results object is assembled step by step
const results: Record<string, any> = {
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
  startedAt: new Date().toISOString(),
  machine: machineInfo(ROOT),
  options: { ...opts, only: opts.only ? [...opts.only] : null },
  notes: [] as string[],
};
const save = () => {
  results.totalSeconds = (Date.now() - started) / 1000;
  writeFileSync(join(opts.outDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(opts.outDir, "results.md"), renderMarkdown(results));
};

const now = new Date();
log(`dataset: ${opts.merchants} merchants, ${opts.listEntries} list entries`);
const { ds, result: dataset } = await buildDataset(OUT, opts.merchants, opts.listEntries, now, log);
results.dataset = dataset;
save();

// Zipf-drawn keys: merchants for records and badges, shops for range buckets.
const usccs = ds.merchants.map((m) => m.uscc);
const mDraws = zipfSample(usccs, 50_000, 1.0, 11);
// 25,000 range draws: a measured run (~3,000 req/s × 6 s) stays within them, and the first pass over
// their distinct buckets (~4 ms each to build) keeps the whole suite under 15 minutes.
const sDraws = zipfSample(
  ds.shops.map((s) => s.prefix),
  25_000,
  1.0,
  13,
);
results.keys = {
  distribution: "Zipf s=1.0 over ranks, ranks shuffled over the data set",
  draws: 50_000,
  rangeDraws: 25_000,
  top100Share: topShare(mDraws, 100),
};
// Only merchants and list entries are needed from here on (the imports): the rest of the 1M data set
// (~4M row objects) would only make every GC of this process slower, the imports' included.
ds.shops = [];
ds.grades = [];
ds.verifications = [];
ds.permits = [];
ds.commitments = [];
const targets: Target[] = [
  {
    name: "merchant",
    route: "GET /api/v1/merchants/{uscc}",
    paths: mDraws.map((u) => `/api/v1/merchants/${u}`),
  },
  { name: "badge", route: "GET /badge/{uscc}.svg", paths: mDraws.map((u) => `/badge/${u}.svg`) },
  {
    name: "range",
    route: "GET /api/v1/range/{prefix}",
    paths: sDraws.map((p) => `/api/v1/range/${p}`),
    keeps: true,
  },
  { name: "embed", route: "GET /embed.js", paths: ["/embed.js"] },
];

if (want("range")) {
  log("range buckets …");
  results.range = await measureRange(dataset.dbFile);
  results.queryPlans = await recordQueryPlans(dataset.dbFile);
  save();
}

if (want("badge")) {
  log("badge rendering vs badge-maker …");
  const { openEmbedded } = await import("../worker/src/node/embedded.ts");
  const { recordService } = await import("../worker/src/records/service-registry.ts");
  const e = await openEmbedded({ url: `file:${dataset.dbFile}`, seed: false });
  const built = await recordService(e.deps).records(
    [...new Set(mDraws.slice(0, 400))],
    "http://127.0.0.1",
    now,
  );
  e.close();
  results.badge = await measureBadge([...built.values()].map((b) => b.record));
  save();
}

if (want("http")) {
  log(`HTTP on Node: ${opts.connections} connections, ${opts.duration} s per run …`);
  results.http = await measureHttp(dataset.dbFile, targets, opts.connections, opts.duration, OUT, log);
  save();
}

if (want("workerd")) {
  log("workerd (wrangler dev, local D1 holding the same data set) …");
  const key = await generateSigningKey();
  await createSigner(key);
  try {
    results.workerd = await measureWorkerd(
      dataset.dbFile,
      key,
      targets,
      opts.connections,
      opts.duration,
      OUT,
      log,
    );
  } catch (err) {
    results.workerd = { error: String(err).slice(0, 2000) };
    log(`workerd failed: ${String(err).slice(0, 300)}`);
  }
  save();
}

if (want("imports")) {
  // The issue's sizes by default (1M merchants, 100k list entries); --import-merchants / --import-lists
  // take a slice for a quick run, and the note says so.
  const maxM = Math.min(ds.merchants.length, opts.importMerchants);
  const maxL = Math.min(ds.listEntries.length, opts.importLists);
  results.notes.push(
    maxM === ds.merchants.length && maxL === ds.listEntries.length && maxM >= 1_000_000
      ? `Imports of the whole data set (${maxM} merchants, ${maxL} list entries: the issue's 1M / 100k), each in one atomic transaction through the real import path (bench/history.md item 19).`
      : `Imports measured on a slice (${maxM} merchants, ${maxL} list entries; --import-merchants / --import-lists); the issue asks for 1,000,000 and 100,000.`,
  );
  log(`imports: ${maxM} merchants and ${maxL} list entries through the real import path …`);
  const sub = { ...ds, merchants: ds.merchants.slice(0, maxM) };
  const inSub = new Set(sub.merchants.map((m) => m.uscc));
  sub.listEntries = ds.listEntries.filter((e) => inSub.has(e.uscc));
  if (sub.listEntries.length < maxL) {
    // Not enough entries on the first merchants: take entries' merchants too.
    const extra = ds.listEntries.filter((e) => !inSub.has(e.uscc)).slice(0, maxL - sub.listEntries.length);
    const byUscc = new Map(ds.merchants.map((m) => [m.uscc, m]));
    for (const e of extra) {
      if (!inSub.has(e.uscc)) {
        sub.merchants.push(byUscc.get(e.uscc)!);
        inSub.add(e.uscc);
      }
    }
    sub.listEntries.push(...extra);
  }
  results.imports = await measureImports(sub, OUT, maxL, now, log);
  save();
}

if (want("extension")) {
  // Measure the extension as the tree builds it now (a clean checkout has no build; an old build
  // would measure old code). XINBIAO_BENCH_EXTENSION_DIR measures another build instead.
  if (!process.env.XINBIAO_BENCH_EXTENSION_DIR) {
    log("building the extension (wxt build, chrome-mv3) …");
    execFileSync("npx", ["wxt", "build"], { cwd: join(ROOT, "extension"), stdio: "ignore" });
  }
  const { measureExtensionSize } = await import("./steps/extension.ts");
  results.extension = { size: measureExtensionSize(ROOT) };
  log("extension in Chromium (fixture shop pages, local service) …");
  try {
    const { measureExtensionChromium } = await import("./steps/extension-chromium.ts");
    Object.assign(results.extension, await measureExtensionChromium(log));
  } catch (err) {
    results.extension.measured = false;
    results.extension.error = String(err).slice(0, 2000);
    log(`extension step failed: ${String(err).slice(0, 300)}`);
  }
  save();
}

void anchor;
save();
log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s → bench/results.md`);
