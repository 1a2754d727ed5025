/**
 * Step "workerd": the Workers entry under `wrangler dev --local` with a local D1 holding the same
 * data set, beside a bare Hono worker in the same runtime (bench/servers/wrangler.bare.toml).
 * `wrangler d1 migrations apply` creates the local D1 SQLite file (the committed migrations); the
 * benchmark's rows are then copied into it table by table with SQLite's ATTACH — loading 1M merchants
 * through `wrangler d1 execute --file` would take most of the time budget.
 *
 * The first version replaced the D1 file with a copy of the benchmark file and got 0 req/s, then
 * `fetch failed`. Changed since (issue 7, second pass): rows are copied into the file workerd created
 * (a local D1 database is a Durable Object's SQLite store with workerd's own `_cf_*` tables, and the
 * benchmark file is in WAL mode — which of the two mattered was not isolated); wrangler's per-request
 * log line is off; and the probe after a load run retries, because wrangler's dev proxy closes the
 * keep-alive sockets fetch still holds ("fetch failed" seen with the new copy too, gone with the retry).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { openLibsql } from "@xinbiao/db/client";
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

/** Copy every application table's rows from the benchmark file into the (migrated, empty) D1 file. */
async function copyRows(from: string, d1File: string): Promise<number> {
  const h = openLibsql({ url: `file:${d1File}` });
  try {
    // Rows arrive table by table, in no particular order: the source already satisfies its keys.
    await h.client.execute("PRAGMA foreign_keys = OFF");
    await h.client.execute(`ATTACH DATABASE '${from.replace(/'/g, "''")}' AS src`);
    const tables = await h.client.execute(
      `SELECT name FROM src.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
         AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT IN ('d1_migrations')`,
    );
    const own = new Set(
      (await h.client.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")).rows.map((r) =>
        String(r[0]),
      ),
    );
    let total = 0;
    const stmts: string[] = [];
    for (const r of tables.rows) {
      const t = String(r[0]);
      if (!own.has(t)) continue;
      const cols = (await h.client.execute(`PRAGMA main.table_info("${t}")`)).rows.map(
        (c) => `"${String(c[1])}"`,
      );
      stmts.push(`DELETE FROM main."${t}"`);
      stmts.push(`INSERT INTO main."${t}" (${cols.join(", ")}) SELECT ${cols.join(", ")} FROM src."${t}"`);
    }
    const results = await h.client.batch(stmts, "write");
    for (const rs of results) total += rs.rowsAffected;
    return total;
  } finally {
    h.close();
  }
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
  const t0 = performance.now();
  const rows = await copyRows(dbFile, d1);
  log(`  copied ${rows} rows into the local D1 file in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

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
      // A log line per request costs more than the request at these rates.
      "--log-level",
      "warn",
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
  } catch (err) {
    throw new Error(
      `${String(err)} (wrangler exit code ${app.proc.exitCode}, signal ${app.proc.signalCode}); wrangler dev said:\n${app.log().slice(-3000)}`,
    );
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
      "--log-level",
      "warn",
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
