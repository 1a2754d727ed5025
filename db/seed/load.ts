/**
 * Write a generated dataset into a database through drizzle, in chunks, each table in one batch
 * (atomic per call on libSQL and D1). Used by the embedded default's first start and the benchmarks.
 */
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

/** Rows per INSERT: keeps bound parameters under SQLite's limit for the widest table. */
const CHUNK = 400;

function chunks<T>(rows: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export type LoadProgress = (table: string, done: number, total: number) => void;

export async function loadDataset(db: Db, ds: Dataset, onProgress?: LoadProgress): Promise<void> {
  const plan: [string, { table: Parameters<Db["insert"]>[0]; rows: object[] }][] = [
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
  for (const [name, { table, rows }] of plan) {
    let done = 0;
    // 50 INSERTs of 400 rows per batch: big enough to amortise, small enough for D1/Turso limits.
    for (const group of chunks(chunks(rows), 50)) {
      const stmts = group.map((c) => db.insert(table).values(c as never));
      if (stmts.length) await db.batch(stmts as never);
      done += group.reduce((n, c) => n + c.length, 0);
      onProgress?.(name, done, rows.length);
    }
  }
  await db
    .insert(metaTable)
    .values({ key: "dataset", value: "demo" })
    .onConflictDoUpdate({
      target: metaTable.key,
      set: { value: "demo" },
    });
}
