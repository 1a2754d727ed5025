/**
 * A dataset as plain SQL INSERT statements, for databases we cannot reach through drizzle from Node
 * (a local D1 under `wrangler d1 execute --file`). Column names follow the schema.
 */
import { getTableColumns, getTableName, is } from "drizzle-orm";
import { SQLiteTable } from "drizzle-orm/sqlite-core";
import { schema } from "../schema/index.ts";
import type { Dataset } from "./generate.ts";

function literal(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "boolean") return v ? "1" : "0";
  if (typeof v === "number") return String(v);
  if (typeof v === "object") return literal(JSON.stringify(v));
  return `'${String(v).replace(/'/g, "''")}'`;
}

function inserts(table: SQLiteTable, rows: object[]): string[] {
  const cols = getTableColumns(table);
  const name = getTableName(table);
  return rows.map((row) => {
    const entries = Object.entries(row).filter(([k]) => k in cols);
    const names = entries.map(([k]) => `"${cols[k]!.name}"`).join(", ");
    const values = entries.map(([, v]) => literal(v)).join(", ");
    return `INSERT INTO "${name}" (${names}) VALUES (${values});`;
  });
}

export function datasetToSql(ds: Dataset): string {
  const t = schema;
  const parts: [SQLiteTable, object[]][] = [
    [t.sources, ds.sources],
    [t.partners, ds.partners],
    [t.merchants, ds.merchants],
    [t.permits, ds.permits],
    [t.verifications, ds.verifications],
    [t.shops, ds.shops],
    [t.listEntries, ds.listEntries],
    [t.grades, ds.grades],
    [t.commitments, ds.commitments],
    [t.metaTable, [{ key: "dataset", value: "demo" }]],
  ];
  const lines: string[] = [];
  for (const [table, rows] of parts) {
    if (!is(table, SQLiteTable)) continue;
    lines.push(...inserts(table, rows));
  }
  return `${lines.join("\n")}\n`;
}
