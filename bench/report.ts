/**
 * results.md from results.json: every figure beside its same-run baseline, ratios, and the issue's
 * goals marked met / missed. Text is generated from the numbers; the narrative of what was tried
 * lives in bench/history.md and is appended verbatim.
 */
import { existsSync, readFileSync } from "node:fs";

// biome-ignore lint/suspicious/noExplicitAny: results.json is assembled step by step
type R = Record<string, any>;

const f0 = (n: number | undefined) =>
  n === undefined || Number.isNaN(n) ? "–" : Math.round(n).toLocaleString("en-US");
const f1 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "–" : n.toFixed(1));
const f2 = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? "–" : n.toFixed(2));
const kb = (n: number | undefined | null) =>
  n === undefined || n === null ? "–" : `${(n / 1024).toFixed(2)} KB`;
const mb = (n: number | undefined) => (n === undefined ? "–" : `${(n / 2 ** 20).toFixed(0)} MB`);
const mark = (ok: boolean | undefined) => (ok === undefined ? "not measured" : ok ? "**met**" : "**missed**");

export interface Goal {
  goal: string;
  figure: string;
  met: boolean | undefined;
}

export function goals(r: R): Goal[] {
  const g: Goal[] = [];
  const eps = (src: R | undefined) => (src?.endpoints ?? []) as R[];
  for (const [label, src, min] of [
    ["Node", r.http, null],
    ["workerd", r.workerd, null],
  ] as const) {
    for (const name of ["merchant", "badge", "range"]) {
      const e = eps(src).find((x) => x.name === name);
      const want = name === "range" ? 0.5 : 0.6;
      void min;
      g.push({
        goal: `${label} ${name}: req/s ≥ ${want}× bare Hono`,
        figure:
          e?.ratioToHono !== undefined
            ? `${f2(e.ratioToHono)}×${e.coldRatioToHono !== undefined ? ` (kept buckets; ${f2(e.coldRatioToHono)}× before any was kept)` : ""}`
            : (e?.note ?? "–"),
        met: e?.ratioToHono === undefined ? undefined : e.ratioToHono >= want,
      });
      g.push({
        goal: `${label} ${name}: p99 ≤ 20 ms at ${src?.connections ?? 64} connections`,
        figure: e?.app ? `${e.app.p99} ms` : "–",
        met: e?.app ? e.app.p99 <= 20 : undefined,
      });
    }
  }
  const b = r.badge;
  g.push({
    goal: "badge render ≤ 1.0× badge-maker",
    figure: b ? `${f2(b.ratio)}× (${f1(b.oursUs)} µs vs ${f1(b.badgeMakerUs)} µs)` : "–",
    met: b ? b.ratio <= 1 : undefined,
  });
  g.push({
    goal: "SVG ≤ 1 KB gzipped",
    figure: b ? kb(b.oursGzipBytes) : "–",
    met: b ? b.oursGzipBytes <= 1024 : undefined,
  });
  g.push({
    goal: "embed.js ≤ 4 KB gzipped",
    figure: b?.embedJsGzipBytes ? kb(b.embedJsGzipBytes) : "–",
    met: b?.embedJsGzipBytes ? b.embedJsGzipBytes <= 4096 : undefined,
  });
  const im = r.imports;
  g.push({
    goal: "merchant import ≥ 0.5× raw libSQL batch insert",
    figure: im ? `${f2(im.merchants.ratio)}×` : "–",
    met: im ? im.merchants.ratio >= 0.5 : undefined,
  });
  g.push({
    goal: "list import ≥ 0.5× raw libSQL batch insert",
    figure: im ? `${f2(im.lists.ratio)}×` : "–",
    met: im ? im.lists.ratio >= 0.5 : undefined,
  });
  const ext = r.extension?.size;
  g.push({
    goal: "content script ≤ 40 KB gzipped",
    figure: ext?.present ? kb(ext.totalGzipBytes) : "–",
    met: ext?.present ? ext.totalGzipBytes <= 40 * 1024 : undefined,
  });
  const x = r.extension?.measured ? r.extension : undefined;
  g.push({
    goal: "badge visible ≤ 50 ms after DOMContentLoaded (warm), ≤ 300 ms (cold)",
    figure: x ? `worst page ${f0(x.warmMaxMs)} ms warm, ${f0(x.coldMaxMs)} ms cold` : "–",
    met: x ? x.warmMaxMs <= 50 && x.coldMaxMs <= 300 && x.missing.length === 0 : undefined,
  });
  g.push({
    goal: "extension adds ≤ 5 ms main-thread CPU per page",
    figure: x
      ? `worst page +${f1(x.addedCpuMaxMs)} ms${x.floorAddedCpuMedianMs !== undefined ? ` (median +${f1(x.addedCpuMedianMs)} ms; a content script that only mounts a fixed badge: median +${f1(x.floorAddedCpuMedianMs)} ms, worst +${f1(x.floorAddedCpuMaxMs)} ms)` : ""}`
      : "–",
    met: x ? x.addedCpuMaxMs <= 5 : undefined,
  });
  g.push({
    goal: "server RSS ≤ 256 MB with the data set under load",
    figure: r.http ? mb(r.http.rss.maxBytes) : "–",
    met: r.http ? r.http.rss.maxBytes <= 256 * 2 ** 20 : undefined,
  });
  return g;
}

function loadRow(name: string, e: R): string {
  const l = (x: R | undefined) => (x ? `${f0(x.rps)} / ${f1(x.p50)} / ${f1(x.p99)}` : "–");
  return `| ${name} | ${e.present ? f0(e.meanBodyBytes) : "–"} | ${l(e.app)} | ${l(e.hono)} | ${l(e.nodeHttp)} | ${f2(e.ratioToHono)} | ${f2(e.ratioToNodeHttp)} | ${e.note ?? (e.app?.non2xx ? `${e.app.non2xx} non-2xx` : "")} |`;
}

export function renderMarkdown(r: R): string {
  const m = r.machine;
  const L: string[] = [];
  L.push("# 信标 Xinbiao — benchmark results", "");
  L.push(
    `Produced by \`${r.command}\` on ${r.startedAt} (${f0(r.totalSeconds)} s in all), commit \`${m.gitCommit}\`${m.gitDirty ? " (with uncommitted changes of other engineers in the tree)" : ""}.`,
  );
  L.push(
    "Every figure is beside its baseline measured in the same run; the machine is shared with other engineers' test runs, so read the ratios, not the absolute numbers.",
    "",
  );
  L.push("## Machine and versions", "");
  L.push(
    `- ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; load average at start ${m.loadAverageAtStart.join(" / ")}`,
  );
  L.push(
    `- ${Object.entries(m.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
    "",
  );

  L.push("## Goals", "", "| goal | figure | |", "|---|---|---|");
  for (const g of goals(r)) L.push(`| ${g.goal} | ${g.figure} | ${mark(g.met)} |`);
  L.push("");

  const d = r.dataset;
  if (d) {
    L.push("## Data set (generated and loaded in this run)", "");
    L.push(
      `${f0(d.merchants)} merchants, ${f0(d.shops)} shops, ${f0(d.listEntries)} list entries, ${f0(d.permits)} permits, ${f0(d.verifications)} verifications, ${f0(d.grades)} grades, ${f0(d.commitments)} commitments — seed ${d.seed}, clock ${d.now}.`,
      "",
    );
    L.push(`| phase | time | rate |`, `|---|---|---|`);
    L.push(
      `| generateDataset | ${f1(d.generateMs / 1000)} s | ${f0(d.merchants / (d.generateMs / 1000))} merchants/s |`,
    );
    const rows =
      d.merchants + d.shops + d.listEntries + d.permits + d.verifications + d.grades + d.commitments;
    L.push(
      `| loadDataset (libSQL file, all tables) | ${f1(d.loadMs / 1000)} s | ${f0(rows / (d.loadMs / 1000))} rows/s |`,
    );
    for (const [t, ms] of Object.entries(d.loadTableMs as Record<string, number>))
      if (ms > 50) L.push(`| … ${t} | ${f1(ms / 1000)} s | |`);
    L.push("", `Database file: ${mb(d.dbBytes)}.`, "");
  }

  const im = r.imports;
  if (im) {
    L.push("## Imports: the real import path vs a raw libSQL batch insert (same rows, same run)", "");
    L.push(
      `Path measured: ${im.path}. Baseline: ${im.baseline ?? 'the same rows as single-row prepared INSERTs through `@libsql/client` `batch(…, "write")`, 20k rows per transaction, into a fresh file'}.`,
      "",
    );
    L.push(
      "| rows | import | import rows/s | raw batch | raw rows/s | ratio | status |",
      "|---|---|---|---|---|---|---|",
    );
    for (const [k, x] of [
      ["merchants", im.merchants],
      ["list entries", im.lists],
    ] as const)
      L.push(
        `| ${f0(x.rows)} ${k} | ${f1(x.importMs / 1000)} s | ${f0(x.importRowsPerSec)} | ${f1(x.rawMs / 1000)} s | ${f0(x.rawRowsPerSec)} | ${f2(x.ratio)}× | ${x.status}, ${f0(x.inserted)} inserted, ${x.errors} errors |`,
      );
    L.push("");
    const phases = (["merchants", "lists"] as const)
      .filter((k) => im[k]?.phasesMs)
      .map((k) => {
        const p = im[k].phasesMs;
        return `${k === "lists" ? "list entries" : k}: read (decode, parse, validate) ${f1(p.read / 1000)} s, compare ${f1(p.compare / 1000)} s, write (one transaction) ${f1(p.write / 1000)} s`;
      });
    if (phases.length) L.push(`Where the import's time went — ${phases.join("; ")}.`, "");
  }

  for (const [title, src] of [
    ["HTTP on Node (embedded libSQL, the data set above)", r.http],
    ["workerd (wrangler dev --local, local D1 = the same data set)", r.workerd],
  ] as const) {
    if (!src) continue;
    L.push(`## ${title}`, "");
    if (src.error) {
      L.push(`Failed: \`${String(src.error).slice(0, 600)}\``, "");
      continue;
    }
    L.push(
      `autocannon from a separate process, ${src.connections} connections, ${src.duration} s per run after a 2 s warm-up; keys Zipf-drawn (${r.keys?.distribution}; ${f0(r.keys?.draws)} merchant paths, the 100 hottest merchants taking ${f0((r.keys?.top100Share ?? 0) * 100)}% of them; ${r.keys?.rangeDraws ? `${f0(r.keys.rangeDraws)} range paths` : "range paths as many"}). Baselines answer a constant body of the endpoint's mean size.`,
      "",
    );
    L.push(
      "| endpoint | body bytes | app req/s / p50 / p99 ms | bare Hono | bare node:http | ratio to Hono | ratio to node:http | note |",
      "|---|---|---|---|---|---|---|---|",
    );
    for (const e of src.endpoints as R[]) L.push(loadRow(e.route, e));
    if (src === r.workerd && r.http)
      L.push(
        "",
        "The local D1 file is a copy of the benchmark file taken after the Node run, so it holds the range buckets that run kept (bench/history.md item 21): the range row here is the kept path.",
      );
    for (const e of (src.endpoints as R[]).filter((x) => x.firstPass)) {
      const fp = e.firstPass;
      L.push(
        "",
        `${e.route} keeps what it builds (range buckets, bench/history.md item 21). The row above is the run after a first pass that requested each of the ${f0(fp.distinct)} distinct drawn paths once (8 at a time: ${f1(fp.seconds)} s, ${f0(fp.perSecond)} per second${fp.failed ? `, ${fp.failed} failed` : ""}). Before that pass, with only the warm-up's buckets kept: ${e.cold ? `${f0(e.cold.rps)} req/s, p50 ${f1(e.cold.p50)} ms, p99 ${f1(e.cold.p99)} ms, ${f2(e.coldRatioToHono)}× bare Hono` : "–"}.`,
      );
    }
    if (src.rss)
      L.push(
        "",
        `Server resident memory (process tree): ${mb(src.rss.idleBytes)} idle after start, max ${mb(src.rss.maxBytes)} under load.`,
      );
    L.push("");
  }

  const b = r.badge;
  if (b) {
    L.push("## Badge rendering (same process, same records)", "");
    L.push("| renderer | µs per SVG | bytes | gzipped |", "|---|---|---|---|");
    L.push(
      `| ours (worker/src/badge, flat, zh) | ${f1(b.oursUs)} | ${f0(b.oursBytes)} | ${f0(b.oursGzipBytes)} |`,
    );
    L.push(
      `| badge-maker ${m.versions["badge-maker"]} (same label/message/colour) | ${f1(b.badgeMakerUs)} | ${f0(b.badgeMakerBytes)} | ${f0(b.badgeMakerGzipBytes)} |`,
    );
    L.push(
      "",
      `Ratio ${f2(b.ratio)}× over ${b.records} records. \`/embed.js\`: ${kb(b.embedJsBytes)} raw, ${kb(b.embedJsGzipBytes)} gzipped.`,
      "",
    );
  }

  const rg = r.range;
  if (rg) {
    L.push("## Range buckets", "");
    L.push(
      `${f0(rg.shops)} shops in ${f0(rg.buckets)} buckets (4 hex): mean ${f1(rg.mean)}, min ${rg.min}, max ${rg.max} shops per bucket.`,
    );
    const rr = r.http?.rangeResponses;
    if (rr?.sampled)
      L.push(
        `Responses (${rr.sampled} Zipf-drawn buckets): mean ${f0(rr.meanBytes)} bytes raw, ${f0(rr.meanGzipBytes)} gzipped, max ${f0(rr.maxGzipBytes)} gzipped.`,
      );
    L.push("", `Query plan of the bucket query: \`${rg.queryPlan.join(" → ")}\``, "");
  }
  if (r.queryPlans) {
    L.push("Query plans of the record builder's lookups (`WHERE uscc IN (…)`):", "");
    for (const [t, p] of Object.entries(r.queryPlans as Record<string, string[]>))
      L.push(`- ${t}: \`${p.join(" → ")}\``);
    L.push("");
  }

  const ext = r.extension;
  if (ext) {
    L.push("## Extension", "");
    if (ext.size?.present) {
      L.push(`Content scripts of ${ext.size.dir} (built ${ext.size.builtAt}):`, "");
      for (const s of ext.size.scripts as R[])
        L.push(`- ${s.file}: ${kb(s.bytes)} raw, ${kb(s.gzipBytes)} gzipped`);
      L.push("");
    } else L.push("No build output at extension/.output/chrome-mv3.", "");
    if (ext.measured) {
      L.push(
        `In Chromium (${m.versions.chromium ?? "Debian chromium"}), the built extension on the saved fixture shop pages, with the local service (\`npm start\`, demo data). ${ext.method}; ${ext.reps} warm visits per page.`,
        "",
        "| page | badge after DOMContentLoaded, cold | warm (median) | main-thread CPU with / without | added | floor: fixed badge only | floor: one message, then a fixed badge |",
        "|---|---|---|---|---|---|---|",
      );
      const plus = (v: number | null | undefined) =>
        v === null || v === undefined ? "–" : `${v < 0 ? "−" : "+"}${f1(Math.abs(v))} ms`;
      for (const p of ext.pages as R[])
        L.push(
          `| ${p.page} | ${p.coldMs === null ? "not seen" : `${f0(p.coldMs)} ms`} | ${p.warmMs === null ? "not seen" : `${f0(p.warmMs)} ms`} | ${f1(p.cpuWithMs)} / ${f1(p.cpuWithoutMs)} ms | +${f1(p.addedCpuMs)} ms | ${plus(p.floorAddedCpuMs)} | ${plus(p.floorMessageAddedCpuMs)} |`,
        );
      L.push(
        "",
        "The floors are two minimal extensions measured in the same alternation of visits (bench/steps/extension-floor.ts): what any content script that shows a badge costs on these pages in this Chromium.",
      );
      L.push(
        "",
        `Extension process(es) resident memory (service worker included) at the end: ${mb(ext.serviceWorkerProcessRssBytes)}.`,
        "",
      );
    } else L.push(`Chromium measurements failed: \`${String(ext.error ?? ext.note).slice(0, 600)}\``, "");
  }
  if (r.notes?.length) L.push("## Notes", "", ...r.notes.map((n: string) => `- ${n}`), "");
  const hist = new URL("./history.md", import.meta.url).pathname;
  if (existsSync(hist)) L.push(readFileSync(hist, "utf8"));
  return `${L.join("\n")}\n`;
}
