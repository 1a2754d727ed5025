/**
 * Step "workerd": the Workers entry under `wrangler dev --local` with a local D1 holding the same
 * data set, beside a bare Hono worker in the same runtime (bench/servers/wrangler.bare.toml).
 * The D1 file is the benchmark's libSQL file itself: `wrangler d1 migrations apply` creates the local
 * D1 SQLite file, which is then replaced by a copy of the (checkpointed, SQLite-format) benchmark file —
 * loading 1M merchants through `wrangler d1 execute --file` would take most of the time budget.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { PrivateJwk } from "@xinbiao/db/model";
import { freePort, start, waitFor } from "../lib/proc.ts";
import { type EndpointFigure, probe, runLoad, type Target } from "./http.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const WRANGLER = join(ROOT, "node_modules/.bin/wrangler");
const env = { WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" };

function findSqlite(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...findSqlite(p));
    // miniflare keeps a metadata.sqlite beside the database object's <hash>.sqlite
    else if (e.name.endsWith(".sqlite") && e.name !== "metadata.sqlite") out.push(p);
  }
  return out;
}

export async function measureWorkerd(
  dbFile: string,
  key: PrivateJwk,
  targets: Target[],
  connections: number,
  duration: number,
  outDir: string,
  log: (s: string) => void,
) {
  const state = join(outDir, "workerd-state");
  rmSync(state, { recursive: true, force: true });
  execFileSync(WRANGLER, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: "pipe",
  });
  const files = findSqlite(join(state, "v3", "d1"));
  if (files.length !== 1) throw new Error(`expected one local D1 file, found ${files.length}`);
  const d1 = files[0]!;
  for (const s of ["-wal", "-shm"]) rmSync(d1 + s, { force: true });
  copyFileSync(dbFile, d1);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = start(
    WRANGLER,
    [
      "dev",
      "--local",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--persist-to",
      state,
      "--show-interactive-dev-session=false",
      "--var",
      `SIGNING_KEY:${JSON.stringify(key)}`,
      "--var",
      `PUBLIC_BASE_URL:${base}`,
    ],
    { cwd: ROOT, env },
  );
  const figures: EndpointFigure[] = [];
  try {
    await waitFor(`${base}/.well-known/xinbiao-keys.json`, app, 180_000);
    for (const t of targets) {
      const p = await probe(base, t);
      const f: EndpointFigure = {
        name: t.name,
        route: t.route,
        present: p.ok,
        meanBodyBytes: p.mean,
        ...(p.note ? { note: p.note } : {}),
      };
      figures.push(f);
      if (!p.ok) continue;
      await runLoad(base, t.paths, connections, 2, outDir);
      f.app = await runLoad(base, t.paths, connections, duration, outDir);
      log(`  workerd ${t.name}: ${f.app.rps.toFixed(0)} req/s p50 ${f.app.p50} ms p99 ${f.app.p99} ms`);
    }
  } finally {
    await app.stop();
  }
  const bodies = JSON.stringify(
    Object.fromEntries(figures.filter((f) => f.present).map((f) => [f.name, f.meanBodyBytes])),
  );
  const port2 = await freePort();
  const base2 = `http://127.0.0.1:${port2}`;
  const bare = start(
    WRANGLER,
    [
      "dev",
      "-c",
      "bench/servers/wrangler.bare.toml",
      "--local",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port2),
      "--show-interactive-dev-session=false",
      "--var",
      `BENCH_BODIES:${bodies}`,
    ],
    { cwd: ROOT, env },
  );
  try {
    await waitFor(`${base2}/healthz`, bare, 180_000);
    for (const f of figures.filter((x) => x.present)) {
      await runLoad(base2, [`/c/${f.name}`], connections, 2, outDir);
      f.hono = await runLoad(base2, [`/c/${f.name}`], connections, duration, outDir);
      f.ratioToHono = f.app!.rps / f.hono.rps;
      log(`  workerd bare Hono for ${f.name}: ${f.hono.rps.toFixed(0)} req/s`);
    }
  } finally {
    await bare.stop();
  }
  rmSync(state, { recursive: true, force: true });
  return {
    connections,
    duration,
    endpoints: figures,
    d1: "local D1 (miniflare SQLite) = copy of the benchmark file",
  };
}
