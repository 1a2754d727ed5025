/**
 * Write a generated dataset into a database, in chunks, each chunk group in one batch (atomic per call
 * on libSQL and D1). Used by the embedded default's first start and the benchmarks.
 *
 * Two paths, same rows:
 *   - libSQL (the drizzle handle carries its `$client`): multi-row INSERTs with positional arguments,
 *     values mapped through the drizzle column's own `mapToDriverValue` (booleans → 0/1, JSON → text).
 *     Drizzle's query builder spent ~70% of the load in `is()` checks and SQL-chunk assembly at 1M rows
 *     (bench/results.md, "imports"), so the hot loop does not go through it.
 *   - anything else (D1): drizzle `insert().values()`, as before.
 * Columns a table's rows do not set are left out of the INSERT, so SQLite applies the schema default —
 * the same value drizzle would send (the schema has no `$defaultFn`).
 */
import type { Client, InStatement } from "@libsql/client";
import { type Column, getTableColumns, getTableName } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "../client.ts";
import {
  commitments,
  grades,
  listEntries,
  merchants,
  metaTable,
  partners,
  permits,
  shops,
  sources,
  verifications,
} from "../schema/index.ts";
import type { Dataset } from "./generate.ts";

/** Rows per INSERT on the drizzle path: keeps bound parameters under SQLite's limit for the widest table. */
const CHUNK = 400;
/** Bound parameters per INSERT on the libSQL path (SQLite's limit is 32766; Turso's HTTP API is happy here). */
const PARAMS_PER_STATEMENT = 8000;
/** Rows per transaction on the libSQL path: big enough to amortise the commit, small enough for Turso. */
const ROWS_PER_BATCH = 20_000;

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export type LoadProgress = (table: string, done: number, total: number) => void;

type Plan = [string, { table: SQLiteTable; rows: object[] }][];

/**
 * From this many rows on, plain (non-unique) secondary indexes of the loaded tables are dropped before
 * the load and rebuilt after it: SQLite builds an index from sorted keys far faster than it inserts
 * 1M random keys (merchant names, shop hash prefixes) one by one (bench/history.md). Unique indexes
 * stay, so a duplicate row still fails the load exactly where it did.
 */
const DEFER_INDEXES_FROM = 200_000;

async function dropPlainIndexes(client: Client, tables: string[]): Promise<string[]> {
  const rs = await client.execute(
    `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
       AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN (${tables.map(() => "?").join(", ")})`,
    tables,
  );
  const ddl: string[] = [];
  for (const r of rs.rows) {
    await client.execute(`DROP INDEX "${String(r[0])}"`);
    ddl.push(String(r[1]));
  }
  return ddl;
}

/** The range-bucket staleness triggers (migration 0004), dropped; their DDL to create them again. */
async function dropRangeTriggers(client: Client): Promise<string[]> {
  const rs = await client.execute(
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'range_stale_%'",
  );
  for (const r of rs.rows) await client.execute(`DROP TRIGGER "${String(r[0])}"`);
  return rs.rows.map((r) => String(r[1]));
}

function isLibsqlClient(x: unknown): x is Client {
  return (
    typeof x === "object" &&
    x !== null &&
    typeof (x as Client).batch === "function" &&
    typeof (x as Client).execute === "function" &&
    "protocol" in x
  );
}

export interface LoadOptions {
  /** Total rows from which plain secondary indexes are rebuilt after the load (default 200k). */
  deferIndexesFrom?: number;
}

export async function loadDataset(
  db: Db,
  ds: Dataset,
  onProgress?: LoadProgress,
  opts: LoadOptions = {},
): Promise<void> {
  const plan: Plan = [
    ["sources", { table: sources, rows: ds.sources }],
    ["partners", { table: partners, rows: ds.partners }],
    ["merchants", { table: merchants, rows: ds.merchants }],
    ["permits", { table: permits, rows: ds.permits }],
    ["verifications", { table: verifications, rows: ds.verifications }],
    ["shops", { table: shops, rows: ds.shops }],
    ["list_entries", { table: listEntries, rows: ds.listEntries }],
    ["grades", { table: grades, rows: ds.grades }],
    ["commitments", { table: commitments, rows: ds.commitments }],
  ];
  const client = (db as { $client?: unknown }).$client;
  const local = isLibsqlClient(client) && client.protocol === "file";
  // A big page cache while loading: at 1M merchants the secondary indexes (name, prefix, uscc) no
  // longer fit the default 2 MB and every insert went to disk. Restored afterwards so a server that
  // seeded itself does not keep 256 MB of cache (the memory goal of bench/results.md).
  const cacheBefore = local ? (await client.execute("PRAGMA cache_size")).rows[0]?.[0] : undefined;
  if (local) await client.execute("PRAGMA cache_size = -262144");
  const totalRows = plan.reduce((n, [, p]) => n + p.rows.length, 0);
  const deferred =
    local && totalRows >= (opts.deferIndexesFrom ?? DEFER_INDEXES_FROM)
      ? await dropPlainIndexes(
          client,
          plan.map(([name]) => name),
        )
      : [];
  // With the indexes gone, the range-bucket triggers (migration 0004) would scan every shop per row
  // loaded; they are set aside with the indexes and every kept bucket is dropped after the load.
  const triggers = deferred.length > 0 ? await dropRangeTriggers(client as Client) : [];
  try {
    await loadTables(db, plan, client, onProgress);
  } finally {
    // Rebuilt even when the load failed: the schema must stay whole.
    for (const ddl of deferred) await (client as Client).execute(ddl);
    for (const ddl of triggers) await (client as Client).execute(ddl);
    if (triggers.length > 0) await (client as Client).execute("DELETE FROM range_buckets");
    if (local && cacheBefore !== undefined)
      await client.execute(`PRAGMA cache_size = ${Number(cacheBefore)}`);
  }
  await db
    .insert(metaTable)
    .values({ key: "dataset", value: "demo" })
    .onConflictDoUpdate({
      target: metaTable.key,
      set: { value: "demo" },
    });
}

async function loadTables(db: Db, plan: Plan, client: unknown, onProgress?: LoadProgress): Promise<void> {
  for (const [name, { table, rows }] of plan) {
    if (isLibsqlClient(client) && rows.length > 0) {
      await insertRowsLibsql(client, table, rows, (done) => onProgress?.(name, done, rows.length));
      continue;
    }
    let done = 0;
    // 50 INSERTs of 400 rows per batch: big enough to amortise, small enough for D1/Turso limits.
    for (const group of chunks(chunks(rows), 50)) {
      const stmts = group.map((c) => db.insert(table).values(c as never));
      if (stmts.length) await db.batch(stmts as never);
      done += group.reduce((n, c) => n + c.length, 0);
      onProgress?.(name, done, rows.length);
    }
  }
}

/**
 * Multi-row INSERT statements for rows of one drizzle table, positional arguments mapped by each
 * column's own `mapToDriverValue` (booleans → 0/1, JSON → text), at most `paramsPerStatement` bound
 * parameters per statement (SQLite allows 32766; D1 allows 100). Every row must set the same columns
 * as the first; a row that does not is an error naming the row and column. Columns the rows leave out
 * get the schema default, as with drizzle. Shared by `loadDataset` and the import path
 * (worker/src/imports), so both write exactly what drizzle's `insert().values()` would.
 */
export function multiRowInserts(
  table: SQLiteTable,
  rows: readonly object[],
  paramsPerStatement = PARAMS_PER_STATEMENT,
  firstRowNumber = 1,
): InStatement[] {
  if (rows.length === 0) return [];
  const columns = getTableColumns(table) as Record<string, Column>;
  const first = rows[0] as Record<string, unknown>;
  const keys = Object.keys(first).filter((k) => k in columns && first[k] !== undefined);
  const cols = keys.map((k) => columns[k]!);
  const tableName = getTableName(table);
  const head = `INSERT INTO "${tableName}" (${cols.map((c) => `"${c.name}"`).join(", ")}) VALUES `;
  const tuple = `(${cols.map(() => "?").join(", ")})`;
  const perStmt = Math.max(1, Math.floor(paramsPerStatement / cols.length));
  const fullSql = head + Array.from({ length: perStmt }, () => tuple).join(", ");
  // Columns whose driver value is the JS value itself (text, integer): no call per cell.
  const plain = cols.map((c) => c.columnType === "SQLiteText" || c.columnType === "SQLiteInteger");
  const stmts: InStatement[] = [];
  for (let s = 0; s < rows.length; s += perStmt) {
    const e = Math.min(rows.length, s + perStmt);
    const args: (string | number | null)[] = new Array((e - s) * cols.length);
    let a = 0;
    for (let r = s; r < e; r++) {
      const row = rows[r] as Record<string, unknown>;
      for (let c = 0; c < keys.length; c++) {
        const v = row[keys[c]!];
        if (v === undefined) {
          const n = r + firstRowNumber;
          throw new Error(
            `${tableName} 第 ${n} 行缺少字段 ${keys[c]} / ${tableName} row ${n} lacks column ${keys[c]}`,
          );
        }
        args[a++] =
          v === null
            ? null
            : plain[c]
              ? (v as string | number)
              : (cols[c]!.mapToDriverValue(v) as string | number);
      }
    }
    const n = e - s;
    stmts.push({
      sql: n === perStmt ? fullSql : head + Array.from({ length: n }, () => tuple).join(", "),
      args,
    });
  }
  return stmts;
}

/**
 * Insert rows of one drizzle table through a libSQL client: multi-row INSERTs (`multiRowInserts`),
 * ROWS_PER_BATCH rows per write transaction. A row lacking a column is an error naming the row and
 * column, raised before anything of that batch is written.
 */
export async function insertRowsLibsql(
  client: Client,
  table: SQLiteTable,
  rows: object[],
  onProgress?: (done: number) => void,
): Promise<void> {
  let done = 0;
  for (let start = 0; start < rows.length; start += ROWS_PER_BATCH) {
    const end = Math.min(rows.length, start + ROWS_PER_BATCH);
    await client.batch(
      multiRowInserts(table, rows.slice(start, end), PARAMS_PER_STATEMENT, start + 1),
      "write",
    );
    done += end - start;
    onProgress?.(done);
  }
}
