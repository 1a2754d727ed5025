/**
 * Every connection of the app's pool waits for another writer's lock (db/client.ts busyTimeoutMs).
 * Found by the soak (issue 13): `PRAGMA busy_timeout` reached one pooled connection only, so after an
 * import had taken a connection of its own, ticks and imports failed at once with SQLITE_BUSY while
 * another process wrote, long after the lock was gone from the soak's point of view.
 */

import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@libsql/client";
import { merchants, metaTable } from "@xinbiao/db/schema";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runChild } from "../imports/child-sql.ts";
import { openTestApp } from "../testing/embedded-app.ts";

describe("busy timeout on every pooled connection", () => {
  it("writes through several pooled connections wait out a lock held by another connection", async () => {
    const t = await openTestApp({ demoMerchants: 20 });
    try {
      // Another process's write transaction, held 1.5 s (well inside the 5 s busy timeout).
      const locker = runChild<{ locked?: boolean }>(
        t.url,
        {},
        `
const tx = await client.transaction("write");
await tx.execute("UPDATE meta SET value = value WHERE key = 'dataset'");
emit({ locked: true });
await new Promise((r) => setTimeout(r, 1500));
await tx.rollback();
`,
      );
      await locker.ready;
      while (!locker.lines.some((l) => l.locked)) await new Promise((r) => setTimeout(r, 20));
      // An import holds its own pooled connection (import-commit.ts client.transaction): the writes
      // below then go through a connection the pool opens anew, which the PRAGMA never reached.
      const client = (t.db as unknown as { $client: Client }).$client;
      const held = await client.transaction("deferred");
      const writes = Array.from({ length: 4 }, (_, i) =>
        t.db
          .insert(metaTable)
          .values({ key: `busy-test-${i}`, value: "x" })
          .run()
          .then(
            () => "ok" as const,
            (e: { code?: string }) => e.code ?? "error",
          ),
      );
      expect(await Promise.all(writes)).toEqual(["ok", "ok", "ok", "ok"]);
      const n = await t.db.get<{ n: number }>(
        sql`SELECT count(*) AS n FROM meta WHERE key LIKE 'busy-test-%'`,
      );
      held.close();
      expect(n.n).toBe(4);
      await locker.done;
    } finally {
      t.cleanup();
    }
  });

  it("a write waiting for another process's lock leaves every other request free to run", async () => {
    const t = await openTestApp({ demoMerchants: 20 });
    const release = join(t.dir, "release-lock");
    try {
      // Another process holds the write lock until told to let go (a file appears).
      const locker = runChild<{ locked?: boolean }>(
        t.url,
        { release },
        `
import { existsSync } from "node:fs";
const tx = await client.transaction("write");
await tx.execute("UPDATE meta SET value = value WHERE key = 'dataset'");
emit({ locked: true });
while (!existsSync(args.release)) await new Promise((r) => setTimeout(r, 10));
await tx.rollback();
`,
      );
      await locker.ready;
      while (!locker.lines.some((l) => l.locked)) await new Promise((r) => setTimeout(r, 20));
      let settled = false;
      const write = t.db
        .insert(metaTable)
        .values({ key: "busy-wait", value: "x" })
        .run()
        .then(
          () => "ok" as const,
          (e: { code?: string }) => e.code ?? "error",
        )
        .finally(() => {
          settled = true;
        });
      // A read and a timer complete while the write still waits. The synchronous driver used to sleep
      // in SQLite's busy handler for the whole 5 s budget: the read ran only after the write had
      // already failed with SQLITE_BUSY (soak/report.md: 4799 requests queued, connections reset).
      await new Promise((r) => setTimeout(r, 0));
      const read = await t.db.select({ uscc: merchants.uscc }).from(merchants).limit(1).all();
      expect(read).toHaveLength(1);
      expect(settled).toBe(false);
      expect(existsSync(release)).toBe(false);
      writeFileSync(release, "");
      expect(await write).toBe("ok");
      await locker.done;
    } finally {
      t.cleanup();
    }
  });
});
