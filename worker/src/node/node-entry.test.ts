/**
 * The real Node entry (worker/src/node.ts, what `npm start` runs) as a child process on a real libSQL
 * file (issue 13 item 7):
 *  - the file corrupted under the running server → records and badges it had served come back marked
 *    stale (even the ones its record cache holds), the rest 503, /healthz 503 with what is wrong;
 *  - a file already corrupt at start → found by the start-up check, nothing served unmarked;
 *  - XINBIAO_DB pointing at a missing file → starts empty and says so, no demo merchants, no new key:
 *    /healthz 503 missing_signing_key and records refused, until XINBIAO_CREATE_SIGNING_KEY=1;
 *    XINBIAO_SEED_DEMO=1 asks for the demo explicitly;
 *  - a database with merchants but no signing key → an error, never a silently new key.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { openLibsql } from "@xinbiao/db/client";
import { signingKeys } from "@xinbiao/db/schema";
import { anchor } from "@xinbiao/db/seed";
import Database from "libsql";
import { afterEach, describe, expect, it } from "vitest";
import { STALE_HEADER } from "../middleware/last-good.ts";
import { openEmbedded, REPO_ROOT } from "./embedded.ts";

interface Entry {
  base: string;
  out: string[];
  child: ChildProcess;
  stop(): Promise<void>;
}

const started: Entry[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const e of started.splice(0)) await e.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "xinbiao-entry-"));
  dirs.push(d);
  return d;
}

/** `node --import tsx worker/src/node.ts` with `env`; resolves once the banner names its URL. */
async function startEntry(env: Record<string, string>): Promise<Entry> {
  const child = spawn(process.execPath, ["--import", "tsx", "worker/src/node.ts"], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      XINBIAO_DB: "",
      XINBIAO_SEED_DEMO: "",
      XINBIAO_CREATE_SIGNING_KEY: "",
      PORT: "0",
      HOST: "127.0.0.1",
      XINBIAO_QUIET: "1",
      // Watch closely so the test needs no long waits (the defaults are 1 s and 30 s).
      XINBIAO_DB_PROBE_MS: "50",
      XINBIAO_DB_CHECK_MS: "100",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (l) => out.push(l));
  const base = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (l) => {
      out.push(l);
      const m = /URL:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(l);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`node.ts exited ${code}:\n${out.join("\n")}`)));
  });
  // The banner is printed in one console.log: give its remaining lines a turn to arrive.
  await new Promise((r) => setImmediate(r));
  const entry: Entry = {
    base,
    out,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
  started.push(entry);
  return entry;
}

/** A migrated, seeded database file with its signing key, closed (its WAL folded into the file). */
async function seededFile(dir: string, merchants = 40): Promise<string> {
  const file = join(dir, "xinbiao.db");
  const e = await openEmbedded({ url: `file:${file}`, demoMerchants: merchants });
  e.close();
  // Every page in the main file, none left in the WAL, so damage to the file is damage to the data.
  const db = new Database(file);
  db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  db.close();
  return file;
}

/**
 * Poll `probe` until it returns a value. The watcher probes every 50 ms; 45 s is far past anything a
 * loaded machine needs, and names what never happened instead of a bare test timeout.
 */
async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`never happened within 45 s: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function overwrite(file: string, at: number, bytes: Buffer): void {
  const fd = openSync(file, "r+");
  try {
    writeSync(fd, bytes, 0, bytes.length, at);
  } finally {
    closeSync(fd);
  }
}

/** Every page but the first (which holds the schema) overwritten with junk: tables and indexes gone. */
function corruptPages(file: string): void {
  const size = statSync(file).size;
  const junk = Buffer.alloc(size - 4096, 0x5a);
  overwrite(file, 4096, junk);
}

describe("database corrupted under the running server (issue 13 item 7)", () => {
  it.each([
    ["pages", "corrupt", corruptPages],
    ["header", "unreadable", (f: string) => overwrite(f, 0, Buffer.from("this is not sqlite"))],
  ] as const)(
    "%s damaged: answers served before come back stale-marked, the rest 503, /healthz says %s",
    async (_what, code, damage) => {
      const dir = tempDir();
      const file = await seededFile(dir);
      const e = await startEntry({ XINBIAO_DB: `file:${file}` });
      const black = anchor("blacklisted").uscc;
      const other = anchor("trusted").uscc;
      const record = `/api/v1/merchants/${black}`;
      const badge = `/badge/${black}.svg`;

      expect((await fetch(`${e.base}/healthz`)).status).toBe(200);
      // Twice each: the second answer comes from the record cache, which runs no query at all.
      for (let i = 0; i < 2; i++) {
        const r = await fetch(`${e.base}${record}`);
        expect(r.status).toBe(200);
        expect(r.headers.get(STALE_HEADER)).toBeNull();
        const b = await fetch(`${e.base}${badge}`);
        expect(b.status).toBe(200);
        expect(await b.text()).not.toContain("data-stale");
      }

      damage(file);

      const health = await until("/healthz answers 503 after the file was damaged", async () => {
        const h = await fetch(`${e.base}/healthz`);
        return h.status === 503
          ? ((await h.json()) as { ok: boolean; code: string; problems: unknown[] })
          : undefined;
      });
      expect(health.ok).toBe(false);
      expect(health.code).toBe(code);
      expect(JSON.stringify(health.problems)).toMatch(/stale-marked/);

      const r = await fetch(`${e.base}${record}`);
      expect(r.status).toBe(200);
      expect(r.headers.get(STALE_HEADER)).toBe("1");
      expect(r.headers.get("cache-control")).toBe("no-store");
      const body = (await r.json()) as { stale?: boolean; record?: { uscc: string } };
      expect(body.stale).toBe(true);
      expect(body.record?.uscc).toBe(black);

      const b = await fetch(`${e.base}${badge}`);
      expect(b.status).toBe(200);
      expect(b.headers.get(STALE_HEADER)).toBe("1");
      const svg = await b.text();
      expect(svg).toContain('data-stale="1"');
      expect(svg).toContain("数据暂未更新");

      // Never served before: no copy to mark stale, so no answer at all.
      const unseen = await fetch(`${e.base}/api/v1/merchants/${other}`);
      expect(unseen.status).toBe(503);
      expect(await unseen.json()).toMatchObject({
        error: { code: "database_unavailable", details: { problem: code } },
      });
      const unseenBadge = await fetch(`${e.base}/badge/${other}.svg`);
      expect(unseenBadge.status).toBe(503);
      // The operator reads what happened in the log too (codes only, no query text).
      expect(e.out.join("\n")).toContain(`database ${code}`);
    },
    120_000,
  );

  it("a file already corrupt at start: found by the start-up check; the banner and /healthz say so", async () => {
    const dir = tempDir();
    const file = await seededFile(dir);
    corruptPages(file);
    const e = await startEntry({ XINBIAO_DB: `file:${file}` });
    expect(e.out.join("\n")).toMatch(/ERROR corrupt/);
    const h = await fetch(`${e.base}/healthz`);
    expect(h.status).toBe(503);
    expect(await h.json()).toMatchObject({ ok: false, code: "corrupt" });
    const r = await fetch(`${e.base}/api/v1/merchants/${anchor("blacklisted").uscc}`);
    expect(r.status).toBe(503);
    const b = await fetch(`${e.base}/badge/${anchor("blacklisted").uscc}.svg`);
    expect(b.status).toBe(503);
  }, 120_000);
});

describe("a configured database is the operator's (issue 13 item 7)", () => {
  it("XINBIAO_DB at a missing file: starts empty and says so; no demo merchants, no new signing key", async () => {
    const dir = tempDir();
    const url = `file:${join(dir, "prod.db")}`;
    const e = await startEntry({ XINBIAO_DB: url });
    const banner = e.out.join("\n");
    expect(banner).toContain("空数据库，未写入演示数据 / empty database: no demo data written");
    expect(banner).toContain("ERROR missing_signing_key");
    expect(banner).not.toContain("seeded with demo data");

    const h = await fetch(`${e.base}/healthz`);
    expect(h.status).toBe(503);
    expect(await h.json()).toMatchObject({
      ok: false,
      code: "missing_signing_key",
      merchants: 0,
      keyId: null,
      demo: false,
    });
    // No demo merchant answers as if it were real.
    expect((await fetch(`${e.base}/api/v1/merchants/${anchor("blacklisted").uscc}`)).status).toBe(404);
    expect(await (await fetch(`${e.base}/.well-known/xinbiao-keys.json`)).json()).toEqual({ keys: [] });
    await e.stop();

    const check = openLibsql({ url });
    try {
      expect(await check.db.select().from(signingKeys).all()).toEqual([]);
    } finally {
      check.close();
    }

    // Asked for explicitly, a key is created once and kept.
    const withKey = await startEntry({ XINBIAO_DB: url, XINBIAO_CREATE_SIGNING_KEY: "1" });
    expect(withKey.out.join("\n")).toContain("new signing key generated");
    const ok = await fetch(`${withKey.base}/healthz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, merchants: 0 });
  }, 120_000);

  it("XINBIAO_SEED_DEMO=1 asks for demo data (and its key) on an empty configured database", async () => {
    const dir = tempDir();
    const e = await startEntry({ XINBIAO_DB: `file:${join(dir, "demo.db")}`, XINBIAO_SEED_DEMO: "1" });
    expect(e.out.join("\n")).toContain("seeded with demo data");
    const h = await fetch(`${e.base}/healthz`);
    expect(h.status).toBe(200);
    expect(await h.json()).toMatchObject({ ok: true, demo: true });
    const r = await fetch(`${e.base}/api/v1/merchants/${anchor("blacklisted").uscc}`);
    expect(r.status).toBe(200);
  }, 120_000);

  it("merchants but no signing key: an error, records refused, never a silently new key", async () => {
    const dir = tempDir();
    const file = await seededFile(dir);
    const h0 = openLibsql({ url: `file:${file}` });
    await h0.db.delete(signingKeys);
    h0.close();
    // Even with the demo flag: the database is not empty, so no key is made for it.
    const e = await startEntry({ XINBIAO_DB: `file:${file}`, XINBIAO_SEED_DEMO: "1" });
    expect(e.out.join("\n")).toMatch(/ERROR missing_signing_key: .*holds merchants but no signing key/);
    const h = await fetch(`${e.base}/healthz`);
    expect(h.status).toBe(503);
    expect(await h.json()).toMatchObject({ code: "missing_signing_key", merchants: 40 });
    const r = await fetch(`${e.base}/api/v1/merchants/${anchor("blacklisted").uscc}`);
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ error: { code: "missing_signing_key" } });
    const check = openLibsql({ url: `file:${file}` });
    try {
      expect(await check.db.select().from(signingKeys).all()).toEqual([]);
    } finally {
      check.close();
    }
  }, 120_000);
});
