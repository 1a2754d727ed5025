/**
 * How the embedded-file commit drives its one transaction (import-commit.ts, issue 7 / bench/history.md
 * item 19): rows go in slices of 2,000 with a turn of the event loop after each (so libsql's native
 * statements are freed as the import goes), new merchants in USCC order. These tests hold what that
 * must not change: a failure in the last slice still leaves nothing written, the event loop really
 * turns during the write, rows land in key order while the audit chain keeps the file's order.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openLibsql } from "@xinbiao/db/client";
import { migrateLibsql } from "@xinbiao/db/migrate";
import { generateDataset } from "@xinbiao/db/seed";
import { afterAll, expect, it } from "vitest";
import { verifyAuditLog } from "../audit-log/audit-log.service.ts";
import { dumpDatabase } from "./db-dump.ts";
import { runImport } from "./run-import.ts";

const dir = mkdtempSync(join(tmpdir(), "xinbiao-import-slices-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = new Date("2026-11-22T04:00:00.000Z");
/** Three slices and a part of a fourth. */
const ROWS = 7_000;

const ds = generateDataset({ merchants: ROWS, listEntries: 10, now: NOW, seed: 19 });
const bytes = new TextEncoder().encode(
  `统一社会信用代码,主体名称,登记机关\n${ds.merchants.map((m) => `${m.uscc},${m.name},${m.authority}`).join("\n")}\n`,
);

async function fresh(name: string) {
  const h = openLibsql({ url: `file:${join(dir, name)}` });
  await h.client.execute("PRAGMA journal_mode = WAL");
  await migrateLibsql(h.db);
  return h;
}

it("a failure in the last slice of the write leaves the database unchanged", {
  timeout: 120_000,
}, async () => {
  const h = await fresh("fail.db");
  // A real constraint of the database, not a stand-in: the audit row of the file's last merchant is
  // refused. Audit rows are written after every merchant slice, so all of them were already inserted.
  const last = ds.merchants.at(-1)!.uscc;
  await h.client.execute(
    `CREATE TRIGGER refuse_last BEFORE INSERT ON audit_log WHEN NEW.entity_id = '${last}'
       BEGIN SELECT RAISE(ABORT, 'refused by test trigger'); END`,
  );
  const url = `file:${join(dir, "fail.db")}`;
  const before = await dumpDatabase(url);
  await expect(
    runImport(h.db, { kind: "merchants", bytes, fileName: "m.csv", actor: "test" }, NOW),
  ).rejects.toThrow(/refused by test trigger/);
  expect(await dumpDatabase(url)).toBe(before);
  const n = await h.client.execute("SELECT count(*) FROM merchants");
  expect(Number(n.rows[0]![0])).toBe(0);
  h.close();
});

it("turns the event loop during the write, inserts in key order, chains the audit in file order", {
  timeout: 120_000,
}, async () => {
  const h = await fresh("ok.db");
  let writing = false;
  let turnsDuringWrite = 0;
  // Runs only when the event loop turns (a macrotask): never, if the write were one chain of awaits.
  const tick = setInterval(() => {
    if (writing) turnsDuringWrite++;
  }, 0);
  const report = await runImport(
    h.db,
    {
      kind: "merchants",
      bytes,
      fileName: "m.csv",
      actor: "test",
      onProgress: (phase, done) => {
        if (phase === "write") writing = done === 0;
      },
    },
    NOW,
  ).finally(() => clearInterval(tick));
  expect(report).toMatchObject({ status: "applied", inserted: ROWS });
  expect(turnsDuringWrite).toBeGreaterThan(0);

  const byRowid = (await h.client.execute("SELECT uscc FROM merchants ORDER BY rowid")).rows.map((r) =>
    String(r[0]),
  );
  expect(byRowid).toEqual(ds.merchants.map((m) => m.uscc).sort());
  expect(byRowid).not.toEqual(ds.merchants.map((m) => m.uscc)); // the file was not already in order
  const audited = (
    await h.client.execute("SELECT entity_id FROM audit_log WHERE action = 'merchant.import' ORDER BY seq")
  ).rows.map((r) => String(r[0]));
  expect(audited).toEqual(ds.merchants.map((m) => m.uscc));
  expect(await verifyAuditLog(h.db)).toMatchObject({ ok: true });
  // Re-importing the same file changes nothing.
  const url = `file:${join(dir, "ok.db")}`;
  const after = await dumpDatabase(url);
  const again = await runImport(h.db, { kind: "merchants", bytes, fileName: "m.csv", actor: "test" }, NOW);
  expect(again).toMatchObject({ status: "unchanged", inserted: 0, updated: 0, unchanged: ROWS });
  expect(await dumpDatabase(url)).toBe(after);
  h.close();
});
