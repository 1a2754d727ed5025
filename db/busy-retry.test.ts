import { describe, expect, it } from "vitest";
import { isBusy, retryWhileBusy } from "./busy-retry.ts";

const busy = () => Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY", rawCode: 5 });

/** A fake clock that the pauses advance, so the budget is exercised without real waiting. */
function fakeTime() {
  let t = 0;
  const pauses: number[] = [];
  return {
    now: () => t,
    pause: async (ms: number) => {
      pauses.push(ms);
      t += ms;
    },
    pauses,
  };
}

describe("retryWhileBusy", () => {
  it("retries a busy call until it succeeds, pausing between attempts", async () => {
    const time = fakeTime();
    let calls = 0;
    const v = await retryWhileBusy(
      async () => {
        calls++;
        if (calls < 4) throw busy();
        return "done";
      },
      { budgetMs: 5000, ...time },
    );
    expect(v).toBe("done");
    expect(calls).toBe(4);
    expect(time.pauses).toHaveLength(3);
    expect(time.pauses.every((p) => p > 0)).toBe(true);
  });

  it("passes any other error through at once", async () => {
    const time = fakeTime();
    let calls = 0;
    const err = Object.assign(new Error("UNIQUE constraint failed"), { code: "SQLITE_CONSTRAINT" });
    await expect(
      retryWhileBusy(
        async () => {
          calls++;
          throw err;
        },
        { budgetMs: 5000, ...time },
      ),
    ).rejects.toBe(err);
    expect(calls).toBe(1);
  });

  it("gives up with the busy error once the budget is spent, never pausing past it", async () => {
    const time = fakeTime();
    await expect(
      retryWhileBusy(
        async () => {
          throw busy();
        },
        { budgetMs: 1000, maxPauseMs: 50, ...time },
      ),
    ).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    expect(time.now()).toBe(1000);
    expect(Math.max(...time.pauses)).toBeLessThanOrEqual(50);
  });
});

describe("isBusy", () => {
  it.each([
    [{ code: "SQLITE_BUSY" }, true],
    [{ code: "SQLITE_BUSY_SNAPSHOT" }, true],
    [{ code: "SQLITE_ERROR", extendedCode: "SQLITE_BUSY_SNAPSHOT" }, true],
    [{ rawCode: 517 }, true],
    [{ message: "database is locked" }, true],
    [{ code: "SQLITE_CORRUPT", rawCode: 11 }, false],
    [{ code: "SQLITE_LOCKED", rawCode: 6 }, false],
    [null, false],
  ])("%j → %s", (err, expected) => {
    expect(isBusy(err)).toBe(expected);
  });
});

describe("openLibsql's busy waiting (issue 13 soak)", () => {
  it("a transaction that yields between statements finishes while many writers wait; every write lands", async () => {
    const { mkdtempSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { openLibsql } = await import("./client.ts");
    const dir = mkdtempSync(join(tmpdir(), "xinbiao-busy-"));
    const h = openLibsql({ url: `file:${join(dir, "t.db")}`, busyTimeoutMs: 5000 });
    try {
      const c = h.client;
      await c.execute("PRAGMA journal_mode = WAL");
      await c.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
      await c.execute("INSERT INTO t (id, n) VALUES (1, 0)");
      // An import's shape (imports/import-commit.ts): a write transaction over many slices, giving the
      // event loop a turn after each. It needs those turns to finish.
      const tx = await c.transaction("write");
      const holder = (async () => {
        for (let i = 0; i < 100; i++) {
          await tx.execute({ sql: "INSERT INTO t (n) VALUES (?)", args: [i] });
          await new Promise<void>((r) => setImmediate(r));
        }
        await tx.commit();
      })();
      // Eight writers wait meanwhile. A driver-level busy timeout made each of their attempts sleep in
      // SQLite's busy handler, synchronously, taking those turns from the holder: 8 × 10 ms per turn,
      // 100 turns — past the writers' 5 s budget, and they failed with SQLITE_BUSY.
      const writers = Array.from({ length: 8 }, () =>
        c.execute("UPDATE t SET n = n + 1 WHERE id = 1").then(
          () => "ok",
          (e: { code?: string }) => e.code ?? "error",
        ),
      );
      await holder;
      expect(await Promise.all(writers)).toEqual(Array(8).fill("ok"));
      const rs = await c.execute("SELECT (SELECT n FROM t WHERE id = 1), count(*) FROM t");
      expect(rs.rows[0]).toMatchObject({ 0: 8, 1: 101 });
    } finally {
      h.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("batches that write take the write lock up front (issue 13 soak)", () => {
  it("after a batch gave up on a held lock, the connection sees new commits and writes again", async () => {
    await withTwoConnections(async (c, other) => {
      other.exec("BEGIN IMMEDIATE"); // another connection holds the write lock past the budget
      // drizzle's db.batch asks for the default (deferred) mode: a read, then a write.
      await expect(
        c.batch([
          { sql: "SELECT n FROM t WHERE id = 1", args: [] },
          { sql: "UPDATE t SET n = n + 1 WHERE id = 1", args: [] },
        ]),
      ).rejects.toMatchObject({ code: "SQLITE_BUSY" });
      other.exec("ROLLBACK");
      other.exec("UPDATE t SET n = 100 WHERE id = 2"); // someone else commits
      // The deferred batch's connection kept its snapshot: BUSY_SNAPSHOT on every write, reads of 0.
      for (let i = 0; i < 3; i++) await c.execute("UPDATE t SET n = n + 1 WHERE id = 1");
      expect((await c.execute("SELECT n FROM t WHERE id = 2")).rows[0]?.[0]).toBe(100);
      expect((await c.execute("SELECT n FROM t WHERE id = 1")).rows[0]?.[0]).toBe(3);
    });
  });

  it("tells reading batches from writing ones", async () => {
    const { batchMode } = await import("./busy-retry.ts");
    expect(batchMode(["SELECT 1", { sql: " select 2" }], undefined)).toBe("deferred");
    expect(batchMode(["SELECT 1", { sql: "UPDATE t SET n = 1" }], "deferred")).toBe("write");
    expect(batchMode([["INSERT INTO t VALUES (1)", []]], undefined)).toBe("write");
    expect(batchMode(["WITH x AS (SELECT 1) DELETE FROM t"], undefined)).toBe("write");
    expect(batchMode(["SELECT 1"], "read")).toBe("read");
    expect(batchMode(["/* c */ SELECT 1"], undefined)).toBe("deferred");
  });
});

describe("a pooled connection stuck on an old snapshot (issue 13 soak)", () => {
  it("is replaced: later writes land and reads see the newest commit", async () => {
    await withTwoConnections(async (c, other) => {
      // One way the driver leaves a connection stuck: a deferred transaction's write meets a held lock.
      other.exec("BEGIN IMMEDIATE");
      const tx = await c.transaction("deferred");
      await tx.execute("SELECT n FROM t WHERE id = 1");
      await expect(tx.execute("UPDATE t SET n = 1 WHERE id = 1")).rejects.toMatchObject({
        code: "SQLITE_BUSY",
      });
      tx.close();
      other.exec("ROLLBACK");
      other.exec("UPDATE t SET n = 100 WHERE id = 2");
      // Without the guard: SQLITE_BUSY_SNAPSHOT on every write until the budget, and reads of 0.
      await c.execute("UPDATE t SET n = n + 1 WHERE id = 1");
      expect((await c.execute("SELECT n FROM t WHERE id = 2")).rows[0]?.[0]).toBe(100);
      expect((await c.execute("SELECT n FROM t WHERE id = 1")).rows[0]?.[0]).toBe(1);
    });
  });
});

/**
 * A WAL file with table t (1, 0), (2, 0); `c` is openLibsql's client (300 ms busy budget), `other` a
 * second connection to the same file, as another process would have.
 */
async function withTwoConnections(
  body: (c: import("@libsql/client").Client, other: import("libsql").Database) => Promise<void>,
): Promise<void> {
  const { mkdtempSync, rmSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { default: Database } = await import("libsql");
  const { openLibsql } = await import("./client.ts");
  const dir = mkdtempSync(join(tmpdir(), "xinbiao-busy-"));
  const file = join(dir, "t.db");
  const h = openLibsql({ url: `file:${file}`, busyTimeoutMs: 300 });
  const other = new Database(file);
  try {
    await h.client.execute("PRAGMA journal_mode = WAL");
    await h.client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)");
    await h.client.execute("INSERT INTO t VALUES (1, 0), (2, 0)");
    await body(h.client, other);
  } finally {
    other.close();
    h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
