/**
 * Step "http": the real app on Node (`worker/src/node.ts` as `npm start` runs it: bundled by
 * worker/scripts/build-node.mjs; embedded libSQL over the benchmark file)
 * under load from a separate autocannon process, beside a bare Hono app and a bare node:http server
 * answering constant bodies of each endpoint's mean size, all in this run. Also samples the app
 * server's resident memory under load and measures range bucket responses (gzipped).
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { type Child, freePort, sampleRss, start, waitFor } from "../lib/proc.ts";

export interface LoadFigure {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface EndpointFigure {
  name: string;
  route: string;
  present: boolean;
  note?: string;
  meanBodyBytes: number;
  app?: LoadFigure;
  hono?: LoadFigure;
  nodeHttp?: LoadFigure;
  ratioToHono?: number;
  ratioToNodeHttp?: number;
  /** Endpoints that keep what they build (range buckets): the run before any was kept, and the pass
   * that kept every drawn one. `app` is then the run after that pass. */
  cold?: LoadFigure;
  coldRatioToHono?: number;
  firstPass?: FirstPass;
}

export interface Target {
  name: string;
  route: string;
  paths: string[];
  /** The app keeps what this endpoint builds (range buckets, worker/src/records/range-buckets.ts). */
  keeps?: boolean;
}

export interface FirstPass {
  distinct: number;
  seconds: number;
  perSecond: number;
  failed: number;
}

/** Every distinct path once, `concurrency` at a time: what a server that has been up a while has kept. */
export async function firstPass(base: string, paths: string[], concurrency = 8): Promise<FirstPass> {
  const todo = [...new Set(paths)];
  let next = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < todo.length) {
        const res = await fetch(base + todo[next++]!);
        await res.arrayBuffer();
        if (!res.ok) failed++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { distinct: todo.length, seconds, perSecond: todo.length / seconds, failed };
}

export interface HttpResult {
  connections: number;
  duration: number;
  endpoints: EndpointFigure[];
  rss: { maxBytes: number; idleBytes: number };
  rangeResponses: { sampled: number; meanBytes: number; meanGzipBytes: number; maxGzipBytes: number };
}

const ROOT = new URL("../../", import.meta.url).pathname;
const TSX = ["--import", "tsx"];

export async function runLoad(
  url: string,
  paths: string[],
  connections: number,
  duration: number,
  outDir: string,
): Promise<LoadFigure> {
  const cfg = join(outDir, "load-config.json");
  writeFileSync(cfg, JSON.stringify({ url, paths, connections, duration }));
  const out = execFileSync(process.execPath, [...TSX, join(ROOT, "bench/load/run-load.ts"), cfg], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 10 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as LoadFigure;
}

/**
 * After a load run, wrangler's dev proxy closes the keep-alive sockets fetch still holds: the next
 * request fails with "fetch failed" (other side closed). One retry on a new socket is enough.
 */
async function fetchRetrying(url: string): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, { headers: { connection: "close" } });
    } catch (err) {
      if (attempt >= 3) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Mean body size and a status check of the first few paths of a target. */
export async function probe(
  base: string,
  t: Target,
): Promise<{ ok: boolean; mean: number; note?: string; bodies: Buffer[] }> {
  const bodies: Buffer[] = [];
  for (const p of t.paths.slice(0, 40)) {
    const res = await fetchRetrying(base + p);
    const buf = Buffer.from(await res.arrayBuffer());
    if (
      res.status === 404 &&
      /"not_found"|route/.test(buf.toString()) &&
      bodies.length === 0 &&
      !p.includes("/merchants/")
    ) {
      return { ok: false, mean: 0, note: `${t.route} answered 404: not in the app at this commit`, bodies };
    }
    if (res.status >= 400)
      return {
        ok: false,
        mean: 0,
        note: `${p} answered ${res.status}: ${buf.toString().slice(0, 200)}`,
        bodies,
      };
    bodies.push(buf);
  }
  return { ok: true, mean: Math.round(bodies.reduce((n, b) => n + b.length, 0) / bodies.length), bodies };
}

/** The node flags of `npm start` (worker/package.json), so the benchmark runs the server as people do. */
function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, "worker/package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const m = /\bnode((?: --[\w-]+(?:=\S+)?)*) dist\/node\.mjs/.exec(pkg.scripts.start ?? "");
  if (!m) throw new Error("worker/package.json: scripts.start does not run `node … dist/node.mjs`");
  return m[1]!.trim().split(/\s+/).filter(Boolean);
}

async function startNode(script: string, env: NodeJS.ProcessEnv): Promise<{ child: Child; base: string }> {
  const port = await freePort();
  // Built JavaScript runs as `npm start` runs it (with its V8 flags); TypeScript through tsx.
  const args = script.endsWith(".mjs") ? [...startFlags(), script] : [...TSX, script];
  const child = start(process.execPath, args, { cwd: ROOT, env: { ...env, PORT: String(port) } });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/healthz`, child);
  return { child, base };
}

export async function measureHttp(
  dbFile: string,
  targets: Target[],
  connections: number,
  duration: number,
  outDir: string,
  log: (s: string) => void,
): Promise<HttpResult> {
  // The app as `npm start` serves it: worker/src/node.ts bundled to plain JavaScript.
  execFileSync(process.execPath, [join(ROOT, "worker/scripts/build-node.mjs")], {
    cwd: ROOT,
    stdio: "inherit",
  });
  const { child: app, base } = await startNode(join(ROOT, "worker/dist/node.mjs"), {
    XINBIAO_DB: `file:${dbFile}`,
    XINBIAO_QUIET: "1",
  });
  const figures: EndpointFigure[] = [];
  let rangeResponses = { sampled: 0, meanBytes: 0, meanGzipBytes: 0, maxGzipBytes: 0 };
  const idle = sampleRss(app.proc.pid!)();
  let rssMax = 0;
  const baselines: { key: "hono" | "nodeHttp"; child: Child; base: string }[] = [];
  try {
    for (const t of targets) {
      const p = await probe(base, t);
      figures.push({
        name: t.name,
        route: t.route,
        present: p.ok,
        meanBodyBytes: p.mean,
        ...(p.note ? { note: p.note } : {}),
      });
      if (t.name === "range" && p.ok) {
        const gz = p.bodies.map((b) => gzipSync(b).length);
        rangeResponses = {
          sampled: p.bodies.length,
          meanBytes: Math.round(p.bodies.reduce((n, b) => n + b.length, 0) / p.bodies.length),
          meanGzipBytes: Math.round(gz.reduce((a, b) => a + b, 0) / gz.length),
          maxGzipBytes: Math.max(...gz),
        };
      }
      if (!p.ok) log(`  ${t.name}: skipped (${p.note})`);
    }
    const bodies = JSON.stringify(
      Object.fromEntries(figures.filter((f) => f.present).map((f) => [f.name, f.meanBodyBytes])),
    );
    // The baselines run beside the app (idle while it is measured) so that each endpoint's three
    // runs are back to back: on a shared machine the load drifts, and a ratio of runs taken minutes
    // apart would measure the drift.
    for (const [key, script] of [
      ["hono", "bench/servers/bare-hono.ts"],
      ["nodeHttp", "bench/servers/bare-node-http.ts"],
    ] as const) {
      const s = await startNode(join(ROOT, script), { BENCH_BODIES: bodies });
      baselines.push({ key, child: s.child, base: s.base });
    }
    for (const f of figures.filter((x) => x.present)) {
      const t = targets.find((x) => x.name === f.name)!;
      await runLoad(base, t.paths, connections, 2, outDir); // warm-up: caches, JIT
      if (t.keeps) {
        f.cold = await runLoad(base, t.paths, connections, duration, outDir);
        log(`  ${f.name} (cold, little kept yet): ${f.cold.rps.toFixed(0)} req/s p99 ${f.cold.p99} ms`);
        f.firstPass = await firstPass(base, t.paths);
        log(
          `  ${f.name}: first pass kept ${f.firstPass.distinct} distinct in ${f.firstPass.seconds.toFixed(1)} s`,
        );
      }
      const stop = sampleRss(app.proc.pid!);
      f.app = await runLoad(base, t.paths, connections, duration, outDir);
      rssMax = Math.max(rssMax, stop().maxBytes);
      log(`  ${f.name}: ${f.app.rps.toFixed(0)} req/s p50 ${f.app.p50} ms p99 ${f.app.p99} ms`);
      for (const b of baselines) {
        await runLoad(b.base, [`/c/${f.name}`], connections, 1, outDir);
        f[b.key] = await runLoad(b.base, [`/c/${f.name}`], connections, duration, outDir);
        log(`  ${b.key} baseline for ${f.name}: ${f[b.key]!.rps.toFixed(0)} req/s`);
      }
      if (f.app && f.hono) f.ratioToHono = f.app.rps / f.hono.rps;
      if (f.cold && f.hono) f.coldRatioToHono = f.cold.rps / f.hono.rps;
      if (f.app && f.nodeHttp) f.ratioToNodeHttp = f.app.rps / f.nodeHttp.rps;
    }
  } finally {
    await app.stop();
    for (const b of baselines) await b.child.stop();
  }
  return {
    connections,
    duration,
    endpoints: figures,
    rss: { maxBytes: rssMax, idleBytes: idle.maxBytes },
    rangeResponses,
  };
}
