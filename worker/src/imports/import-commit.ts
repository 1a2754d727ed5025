/**
 * The one write of an applied import (issue 5 item 3, issue 7 item 5): provenance, the rows, the
 * change feed, the merchant version bumps, the import report and the hash-chained audit rows land in
 * ONE transaction, all or nothing — the same contract as `commitWriteSet` (audit-log/write-set.ts),
 * which every other writer uses and which stays the path on D1 and remote libSQL.
 *
 * On an embedded libSQL file (`npm start`, the CLI, the benchmark) an import can be a million rows, so
 * this path writes them the way a bulk loader does (bench/history.md, imports):
 *   - new rows as multi-row INSERTs (`multiRowInserts`, shared with `loadDataset`: the same column
 *     mapping drizzle applies) instead of one drizzle statement per row — every statement is prepared
 *     anew by @libsql/client, and drizzle's builder cost more than SQLite's insert;
 *   - audit hashes with node:crypto's synchronous SHA-256 (same bytes as `auditRowHash`'s WebCrypto
 *     digest, without a thread-pool round trip per row), audit and change rows as multi-row INSERTs;
 *   - one interactive write transaction (BEGIN IMMEDIATE) fed in slices, so the statements of a
 *     million rows never exist all at once; the last audit row is read inside it, so no other writer
 *     can take the next `seq` between the read and the append.
 * A process killed at any point leaves the transaction uncommitted: SQLite rolls it back.
 */
import * as nodeCrypto from "node:crypto";
import type { Client, InStatement, Transaction } from "@libsql/client";
import type { Db } from "@xinbiao/db/client";
import { auditLog, changes } from "@xinbiao/db/schema";
import { multiRowInserts } from "@xinbiao/db/seed/load";
import { getTableColumns, getTableName } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { type AuditRow, GENESIS_HASH } from "../audit-log/audit-chain.ts";
import { checkpointInsert, makeCheckpoint } from "../audit-log/checkpoint.ts";
import { commitWriteSet, type WriteSet } from "../audit-log/write-set.ts";
import { auditRowJson, canonicalRow } from "./canonical-row.ts";

/** New rows of one table, written after the WriteSet's own statements (the source they reference). */
export interface BulkRows {
  table: SQLiteTable;
  rows: object[];
}

/**
 * The rows an import inserts, in file order. A multi-row INSERT names its columns once, so rows go
 * into one group only while they set the same columns (an `undefined` value means "schema default"
 * to drizzle and is left out); a row that sets others starts a new group.
 */
export class BulkInserts {
  readonly groups: BulkRows[] = [];
  #table: SQLiteTable | null = null;
  /** The current group's columns: each key of its first row, and whether it was set. */
  #keys: string[] = [];
  #set: boolean[] = [];

  add(table: SQLiteTable, row: object): void {
    const r = row as Record<string, unknown>;
    const last = this.groups.at(-1);
    if (last && table === this.#table && this.#sameColumns(r)) {
      last.rows.push(row);
      return;
    }
    this.groups.push({ table, rows: [row] });
    this.#table = table;
    this.#keys = Object.keys(r);
    this.#set = this.#keys.map((k) => r[k] !== undefined);
  }

  /** Same keys, each set or unset as in the group's first row — without allocating per row. */
  #sameColumns(r: Record<string, unknown>): boolean {
    let n = 0;
    for (const k in r) {
      if (k !== this.#keys[n] || (r[k] !== undefined) !== this.#set[n]) return false;
      n++;
    }
    return n === this.#keys.length;
  }
}

/** D1 binds at most 100 parameters per statement. */
const D1_PARAMS = 90;
/** SQLite allows 32766 bound parameters; a few hundred rows per statement amortise the prepare. */
const LOCAL_PARAMS = 8000;
/**
 * Rows handed to the transaction at a time. Small on purpose (issue 7, bench/history.md item 19): a
 * slice's argument arrays and audit JSON (~3.5 KB a row) then die in V8's young generation instead of
 * being promoted and marked again by every major GC — with 20,000 a slice (70 MB) they were promoted,
 * and the write of a million rows spent minutes in GC.
 */
const SLICE_ROWS = 2_000;
/** Page cache during an import's transaction, in KiB (negative = KiB for SQLite). */
const IMPORT_CACHE_KIB = -262144;
/** Codes per `json_each` lookup or version bump. */
const KEYS_PER_STATEMENT = 5000;

/** node:crypto's one-shot `hash` (Node ≥ 20.12), else a Hash object. */
const sha256Hex: (text: string) => string =
  typeof (nodeCrypto as { hash?: unknown }).hash === "function"
    ? (text) => nodeCrypto.hash("sha256", text, "hex")
    : (text) => nodeCrypto.createHash("sha256").update(text, "utf8").digest("hex");

/**
 * Let the event loop turn once. libsql's native statements are freed by Node-API finalizers, which
 * Node runs from the event loop (setImmediate); a transaction fed through `await`s on already-settled
 * promises never gets there, so every statement of the import — its compiled program and its bound
 * copies of the row values, ~3 KB a row — stayed allocated until the import returned (9.3 GB resident
 * at a million rows, bench/history.md item 19). One turn per slice frees them as the import goes.
 */
const turn = (): Promise<void> =>
  new Promise((resolve) => (globalThis.setImmediate ?? setTimeout)(() => resolve()));

function localClient(db: Db): Client | null {
  const c = (db as unknown as { $client?: Partial<Client> }).$client;
  return c && typeof c.transaction === "function" && c.protocol === "file" ? (c as Client) : null;
}

/**
 * Commit an import. `ws` carries the small statements in order (the source row first, updates, the
 * import run), the audit entries, the changes and the touched merchants; `bulk` the inserted rows.
 */
export async function commitImport(db: Db, ws: WriteSet, bulk: BulkRows[], now: Date): Promise<void> {
  const client = localClient(db);
  if (!client) {
    // D1 / remote libSQL: drizzle inserts of at most 90 parameters, after the WriteSet's statements
    // (the source row they reference comes first), through the shared WriteSet path.
    for (const b of bulk) {
      // Key order here too, so both paths give every row the same rowid (import-commit.test.ts).
      const rows = inKeyOrder(b.table, b.rows);
      const perInsert = Math.max(1, Math.floor(D1_PARAMS / Object.keys(rows[0] ?? { x: 1 }).length));
      for (let i = 0; i < rows.length; i += perInsert)
        ws.add(db.insert(b.table).values(rows.slice(i, i + perInsert) as never) as BatchItem<"sqlite">);
    }
    await commitWriteSet(db, ws, now);
    return;
  }
  const at = now.toISOString();
  const tx = await client.transaction("write");
  let cacheBefore: number | null = null;
  try {
    // A million-row import touches the merchants' uscc, name and division indexes at random: with
    // SQLite's default 2 MB page cache it spills and re-reads pages all through the transaction.
    // 256 MB while it runs (as loadDataset does), the connection's own size restored before COMMIT.
    cacheBefore = Number((await tx.execute("PRAGMA cache_size")).rows[0]?.[0] ?? -2000);
    await tx.execute(`PRAGMA cache_size = ${IMPORT_CACHE_KIB}`);
    // 1. The WriteSet's own statements, in order (drizzle renders them; there are few).
    const small: InStatement[] = ws.statements.map((s) => {
      const q = (s as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
      return { sql: q.sql, args: q.params as (string | number | null)[] };
    });
    if (small.length) await tx.batch(small);
    // 2. New rows, a slice at a time.
    for (const b of bulk) await insertSliced(tx, b.table, b.rows);
    // 3. The change feed.
    await insertSliced(
      tx,
      changes,
      ws.changes.map((c) => ({ at, uscc: c.uscc, kind: c.kind, action: c.action, detail: c.detail })),
    );
    // 4. Version bumps (record caches key on them).
    const touched = [...ws.touched];
    for (let i = 0; i < touched.length; i += KEYS_PER_STATEMENT)
      await tx.execute({
        sql: `UPDATE merchants SET version = version + 1, updated_at = ? WHERE uscc IN (SELECT value FROM json_each(?))`,
        args: [at, JSON.stringify(touched.slice(i, i + KEYS_PER_STATEMENT))],
      });
    // 5. Audit rows, chained from the last committed row (read under the write lock).
    const last = (
      await tx.execute(`SELECT seq, hash FROM ${getTableName(auditLog)} ORDER BY seq DESC LIMIT 1`)
    ).rows[0];
    let prevSeq = last ? Number(last[0]) : 0;
    let prevHash = last ? String(last[1]) : GENESIS_HASH;
    for (let i = 0; i < ws.audit.length; i += SLICE_ROWS) {
      const rows: AuditRow[] = [];
      for (const e of ws.audit.slice(i, i + SLICE_ROWS)) {
        const base = {
          seq: prevSeq + 1,
          at,
          actor: ws.actor,
          action: e.action,
          entity: e.entity,
          entityId: e.entityId,
          before: auditRowJson(e.before),
          after: auditRowJson(e.after),
          prevHash,
        };
        // auditRowHash's digest — SHA-256 (hex) of the canonical JSON of every column but `hash` —
        // computed synchronously; import-commit.test.ts verifies the chain with verifyChain.
        const hash = sha256Hex(canonicalRow(base));
        rows.push({ ...base, hash });
        prevSeq = base.seq;
        prevHash = hash;
      }
      await tx.batch(multiRowInserts(auditLog, rows, LOCAL_PARAMS));
      await turn();
    }
    // 6. The signed checkpoint of the log as this import leaves it (audit-log/checkpoint.ts).
    if (ws.audit.length) {
      const q = checkpointInsert(
        db,
        await makeCheckpoint(db, { treeSize: prevSeq, headHash: prevHash }, at),
      ).toSQL();
      await tx.execute({ sql: q.sql, args: q.params as (string | number | null)[] });
    }
    await tx.execute(`PRAGMA cache_size = ${cacheBefore}`);
    cacheBefore = null;
    await tx.commit();
  } finally {
    if (cacheBefore !== null) await tx.execute(`PRAGMA cache_size = ${cacheBefore}`).catch(() => undefined);
    // Rolls back unless committed (also after an error thrown above).
    tx.close();
  }
}

/**
 * The rows in primary-key order when the key is a text column they set (merchants: the USCC). A
 * registry file lists codes in no useful order; inserted as they come, every row lands on a random
 * page of the key index — and of the division index, which is a slice of the code (GB 32100 §4) —
 * and once the transaction's dirty pages outgrow the page cache, SQLite spills pages it needs again
 * and reads them back for each row (bench/history.md item 19). In key order both indexes grow at
 * their ends. Only the order of the INSERTs changes: the same rows, the audit chain in file order.
 */
export function inKeyOrder(table: SQLiteTable, rows: object[]): object[] {
  const pk = Object.entries(getTableColumns(table)).filter(([, c]) => c.primary);
  if (pk.length !== 1 || pk[0]![1].columnType !== "SQLiteText" || rows.length < 2) return rows;
  const key = pk[0]![0];
  const k = (r: object) => (r as Record<string, unknown>)[key];
  if (typeof k(rows[0]!) !== "string") return rows;
  return [...rows].sort((a, b) => {
    const x = k(a) as string;
    const y = k(b) as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

async function insertSliced(tx: Transaction, table: SQLiteTable, unordered: object[]): Promise<void> {
  const rows = inKeyOrder(table, unordered);
  for (let i = 0; i < rows.length; i += SLICE_ROWS) {
    await tx.batch(multiRowInserts(table, rows.slice(i, i + SLICE_ROWS), LOCAL_PARAMS, i + 1));
    await turn();
  }
}
