/**
 * Step "workerd": the Workers entry under `wrangler dev --local` with a local D1 holding the same
 * data set, beside a bare Hono worker in the same runtime (bench/servers/wrangler.bare.toml).
 * `wrangler d1 migrations apply` creates the local D1 SQLite file (the committed migrations); that file
 * is then replaced by a copy of the benchmark file carrying the D1 file's own tables (`copyDatabase`).
 *
 * History: the first version replaced the D1 file with a plain copy of the benchmark file and got
 * 0 req/s, then `fetch failed`; the second copied the 4.4M rows into the file workerd created with
 * ATTACH (124 s at 1M merchants). The third (issue 7, imports pass) copies the file again, but with
 * workerd's `_cf_METADATA` table and wrangler's `d1_migrations` log carried over from the created file,
 * the schema checked equal and WAL mode kept — and it answers as the row copy did. Also: wrangler's
 * per-request log line is off, and the probe after a load run retries, because wrangler's dev proxy
 * closes the keep-alive sockets fetch still holds ("fetch failed").
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, readdirSync, renameSync, rmSync } from "node:fs";
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

/** Tables a local D1 file has that the benchmark file lacks (workerd's own, wrangler's migration log). */
const D1_OWN = /^(_cf_|d1_migrations$)/;

/**
 * Make the local D1 file a copy of the benchmark file (issue 7, third pass). Copying 4.4M rows into the
 * file workerd created took 124 s of the 15-minute run; copying the file takes seconds. What a local
 * D1 database has beyond the application schema is carried over from the file workerd created: its
 * `_cf_METADATA` table and rows and wrangler's `d1_migrations` log; the drizzle migration log the
 * benchmark file carries instead is dropped. Then the two files must have the same schema (every
 * table and index, same SQL) — else this throws, naming the difference — and the same journal mode.
 */
async function copyDatabase(from: string, d1File: string): Promise<number> {
  // The created file's last writes may sit in its WAL: fold them in before moving the file aside.
  const d1 = openLibsql({ url: `file:${d1File}` });
  await d1.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  d1.close();
  const created = `${d1File}.created`;
  renameSync(d1File, created);
  for (const s of ["-wal", "-shm"]) rmSync(d1File + s, { force: true });
  const src = openLibsql({ url: `file:${from}` });
  await src.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  src.close();
  copyFileSync(from, d1File);
  const h = openLibsql({ url: `file:${d1File}` });
  try {
    await h.client.execute(`ATTACH DATABASE '${created.replace(/'/g, "''")}' AS created`);
    const own = await h.client.execute(
      "SELECT name, sql FROM created.sqlite_master WHERE type = 'table' AND sql IS NOT NULL",
    );
    const stmts: string[] = ["DROP TABLE IF EXISTS main.__drizzle_migrations"];
    for (const r of own.rows) {
      const name = String(r[0]);
      if (!D1_OWN.test(name)) continue;
      stmts.push(`DROP TABLE IF EXISTS main."${name}"`, String(r[1]));
      stmts.push(`INSERT INTO main."${name}" SELECT * FROM created."${name}"`);
    }
    await h.client.batch(stmts, "write");
    const schema = async (db: string) =>
      (
        await h.client.execute(
          `SELECT type, name, tbl_name, sql FROM ${db}.sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`,
        )
      ).rows.map((r) => `${r[0]} ${r[1]} ON ${r[2]}: ${String(r[3] ?? "").replace(/\s+/g, " ")}`);
    const [mine, theirs] = [await schema("main"), await schema("created")];
    const missing = theirs.filter((x) => !mine.includes(x));
    const extra = mine.filter((x) => !theirs.includes(x));
    if (missing.length || extra.length)
      throw new Error(
        `本地 D1 文件与基准文件的表结构不同 / the benchmark file's schema differs from the local D1 file's: missing ${JSON.stringify(missing).slice(0, 800)}, extra ${JSON.stringify(extra).slice(0, 800)}`,
      );
    await h.client.execute("DETACH DATABASE created");
    const mode = (await h.client.execute("PRAGMA journal_mode = WAL")).rows[0]?.[0];
    if (mode !== "wal") throw new Error(`journal mode ${String(mode)}, expected wal`);
    let rows = 0;
    for (const r of (
      await h.client.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_%' ESCAPE '\\'",
      )
    ).rows)
      rows += Number((await h.client.execute(`SELECT count(*) FROM "${String(r[0])}"`)).rows[0]![0]);
    return rows;
  } finally {
    h.close();
    rmSync(created, { force: true });
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
  const rows = await copyDatabase(dbFile, d1);
  const copyMs = performance.now() - t0;
  log(`  local D1 file = copy of the benchmark file (${rows} rows) in ${(copyMs / 1000).toFixed(1)} s`);

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
    d1: "local D1 (miniflare SQLite) = file copy of the benchmark file plus the D1 file's own _cf_METADATA and d1_migrations tables; schema checked equal to the file wrangler created",
    d1Rows: rows,
    d1CopyMs: copyMs,
  };
}
