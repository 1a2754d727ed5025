/**
 * The database watcher (db-health.ts) on real libSQL files: the header probe, quick_check, read-time
 * SQLite errors, and recovery once the file is sound again (issue 13 item 7).
 */
import { closeSync, openSync, readFileSync, readSync, renameSync, statSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { anchor } from "@xinbiao/db/seed";
import { sql } from "drizzle-orm";
import Database from "libsql";
import { describe, expect, it, vi } from "vitest";
import { classifyDbFailure } from "../lib/db-failure.ts";
import { STALE_HEADER } from "../middleware/last-good.ts";
import { openTestApp } from "../testing/embedded-app.ts";
import { DbHealth, headerProblem, quickCheckInWorker } from "./db-health.ts";

function patch(file: string, at: number, bytes: Buffer): Buffer {
  const fd = openSync(file, "r+");
  try {
    const old = Buffer.alloc(bytes.length);
    readSync(fd, old, 0, bytes.length, at);
    writeSync(fd, bytes, 0, bytes.length, at);
    return old;
  } finally {
    closeSync(fd);
  }
}

const quiet = { log: () => {} };

describe("classifyDbFailure", () => {
  it("names the kind of failure from SQLite's result code, or from the driver's message", () => {
    expect(classifyDbFailure({ code: "SQLITE_CORRUPT" })).toBe("corrupt");
    expect(classifyDbFailure({ code: "SQLITE_CORRUPT_INDEX" })).toBe("corrupt");
    expect(classifyDbFailure({ code: "SQLITE_NOTADB" })).toBe("unreadable");
    expect(classifyDbFailure({ code: "SQLITE_IOERR_SHORT_READ" })).toBe("unreadable");
    expect(classifyDbFailure({ code: "SQLITE_CANTOPEN" })).toBe("unreadable");
    expect(classifyDbFailure({ code: "SQLITE_BUSY" })).toBe("locked");
    expect(classifyDbFailure(new Error("database disk image is malformed"))).toBe("corrupt");
    expect(classifyDbFailure({ cause: { code: "SQLITE_IOERR" } })).toBe("unreadable");
    expect(classifyDbFailure({ code: "CLIENT_CLOSED" })).toBe("unavailable");
    expect(classifyDbFailure(new TypeError("x is undefined"))).toBeNull();
  });
});

describe("DbHealth", () => {
  it("the header probe: SQLite's magic string, page size and payload fractions", async () => {
    const t = await openTestApp({ demoMerchants: 20 });
    try {
      const file = t.url.slice(5);
      const header = readFileSync(file).subarray(0, 100);
      expect(headerProblem(header)).toBeNull();
      expect(headerProblem(Buffer.concat([Buffer.from("SQLite format 2\0"), header.subarray(16)]))).toMatch(
        /magic/,
      );
      const odd = Buffer.from(header);
      odd.writeUInt16BE(1000, 16);
      expect(headerProblem(odd)).toMatch(/page size 1000/);
      expect(headerProblem(header.subarray(0, 40))).toMatch(/shorter/);
    } finally {
      t.cleanup();
    }
  });

  it("finds a damaged header and a missing or replaced file; clears once header and quick_check pass", async () => {
    const t = await openTestApp({ demoMerchants: 20 });
    try {
      const file = t.url.slice(5);
      const h = new DbHealth(file, { ...quiet, deepMs: 0 });
      expect(await h.startupCheck()).toBeNull();

      const magic = patch(file, 0, Buffer.from("not a database!!"));
      await h.tick();
      expect(h.problem()?.code).toBe("unreadable");
      expect(h.blocking()).toBe(true);
      expect(h.refusal()).toMatchObject({ code: "SQLITE_NOTADB" });
      patch(file, 0, magic);
      await h.tick();
      expect(h.problem()).toBeNull();

      renameSync(file, `${file}.away`);
      await h.tick();
      expect(h.problem()?.code).toBe("missing");
      renameSync(`${file}.away`, file);
      await h.tick();
      expect(h.problem()).toBeNull();

      // Another file put in its place: the open connections still read the old one.
      const copy = readFileSync(file);
      renameSync(file, `${file}.old`);
      const fd = openSync(file, "w");
      writeSync(fd, copy);
      closeSync(fd);
      await h.tick();
      expect(h.problem()?.code).toBe("replaced");
    } finally {
      t.cleanup();
    }
  });

  it("the header probe keeps running every round while a deep check hangs (quick_check under full load)", async () => {
    const t = await openTestApp({ demoMerchants: 20 });
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval"] });
    try {
      const file = t.url.slice(5);
      let deepChecks = 0;
      const h = new DbHealth(file, {
        ...quiet,
        deepMs: 0,
        probeMs: 1000,
        quickCheck: () => {
          deepChecks++;
          return new Promise(() => {}); // never answers
        },
      });
      h.start();
      vi.advanceTimersByTime(1000);
      expect(deepChecks).toBe(1);
      const magic = patch(file, 0, Buffer.from("not a database!!"));
      vi.advanceTimersByTime(1000);
      // Seen by the next round's probe, though the first round's deep check is still running…
      expect(h.problem()?.code).toBe("unreadable");
      // …and no second deep check was started beside it.
      expect(deepChecks).toBe(1);
      patch(file, 0, magic);
      h.stop();
    } finally {
      vi.useRealTimers();
      t.cleanup();
    }
  });

  it("a deep check without a verdict (worker failed or past its deadline) marks nothing", async () => {
    const t = await openTestApp({ demoMerchants: 20 });
    try {
      const file = t.url.slice(5);
      // 1 ms: no worker thread loads libSQL and answers that fast.
      const late = await quickCheckInWorker(file, createRequire(import.meta.url).resolve("libsql"), 1);
      expect(late).toMatchObject({ inconclusive: expect.stringMatching(/no answer in 1 ms/) });
      const lines: string[] = [];
      const h = new DbHealth(file, { log: (l) => lines.push(l), quickCheck: async () => late });
      expect(await h.startupCheck()).toBeNull();
      expect(lines.join("\n")).toMatch(/no verdict/);
      // With the real worker and its default deadline the same file passes.
      expect(await new DbHealth(file, quiet).deepCheck()).toBe(true);
    } finally {
      t.cleanup();
    }
  });

  it("a read that meets SQLITE_CORRUPT marks the file bad: every later answer, cached or not, is stale-marked or 503", async () => {
    // The watcher's own timers never fire in this test: only the read can find the damage.
    const t = await openTestApp({
      demoMerchants: 120,
      watch: { ...quiet, probeMs: 3_600_000, deepMs: 3_600_000 },
    });
    try {
      const file = t.url.slice(5);
      const seen = anchor("blacklisted").uscc;
      const other = anchor("trusted").uscc;
      for (let i = 0; i < 2; i++) {
        expect((await t.app.request(`/api/v1/merchants/${seen}`)).status).toBe(200);
        expect((await t.app.request(`/badge/${seen}.svg`)).status).toBe(200);
      }
      await t.db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`);
      // A commit by another connection makes every reader drop its page cache (walformat.html §2.1)…
      const other_ = new Database(file);
      other_.exec("UPDATE meta SET value = value WHERE key = 'dataset'");
      other_.close();
      // … so the next read goes to the damaged pages on disk.
      const size = statSync(file).size;
      patch(file, 4096, Buffer.alloc(size - 4096, 0x5a));

      const first = await t.app.request(`/api/v1/merchants/${other}`);
      expect(first.status).toBe(503);
      expect(t.health?.problem()?.code).toBe("corrupt");

      const r = await t.app.request(`/api/v1/merchants/${seen}`);
      expect(r.status).toBe(200);
      expect(r.headers.get(STALE_HEADER)).toBe("1");
      expect(((await r.json()) as { stale?: boolean }).stale).toBe(true);
      const b = await t.app.request(`/badge/${seen}.svg`);
      expect(b.headers.get(STALE_HEADER)).toBe("1");
      expect(await b.text()).toContain('data-stale="1"');

      const h = await t.app.request("/healthz");
      expect(h.status).toBe(503);
      expect(await h.json()).toMatchObject({ ok: false, code: "corrupt" });
    } finally {
      t.cleanup();
    }
  });
});
