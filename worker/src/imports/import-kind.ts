/**
 * What each import kind (merchants, permits, lists, grades, verifications) provides to the runner:
 * its columns, a per-row parser (pure, cell by cell) and a planner that compares the rows with the
 * database and queues the writes. The runner does decoding, parsing, reporting and the commit.
 */
import type { Db } from "@xinbiao/db/client";
import type { ListKind } from "@xinbiao/db/model";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { WriteSet } from "../audit-log/write-set.ts";
import type { ColumnSpec } from "./columns.ts";

export type ImportKindName = "merchants" | "permits" | "lists" | "grades" | "verifications";
export const IMPORT_KINDS: readonly ImportKindName[] = [
  "merchants",
  "permits",
  "lists",
  "grades",
  "verifications",
];

export interface ImportIssue {
  /** Line in the file (CSV, header = line 1) or position (JSON); 0 = the file as a whole. */
  row: number;
  /** The column as written in the file (or its expected name when missing). */
  column: string | null;
  code: string;
  message: string;
  zh: string;
  en: string;
}

export interface KindOptions {
  /** For list publications without a 名单类型 column. */
  list?: ListKind | undefined;
}

export interface RowCtx {
  line: number;
  today: string;
  options: KindOptions;
  has(field: string): boolean;
  get(field: string): string;
  error(field: string, code: string, zh: string, en: string): void;
  warn(field: string, code: string, zh: string, en: string): void;
}

export interface PlanRow<V> {
  line: number;
  value: V;
}

export interface PlanCtx<V> {
  db: Db;
  rows: PlanRow<V>[];
  ws: WriteSet;
  /** Queue a new row (written in bulk after the WriteSet's statements, in the same transaction). */
  insert(table: SQLiteTable, row: object): void;
  sourceId: string;
  now: Date;
  today: string;
  options: KindOptions;
  has(field: string): boolean;
  error(line: number, field: string, code: string, zh: string, en: string): void;
  warn(line: number, field: string, code: string, zh: string, en: string): void;
  counted(outcome: "inserted" | "updated" | "unchanged"): void;
  progress(done: number): void;
}

export interface ImportKind<V> {
  kind: ImportKindName;
  sourceKind: "registry" | "license" | "list" | "grade" | "verification";
  columns: ColumnSpec[];
  parseRow(ctx: RowCtx): V | null;
  /** Natural key: two rows with the same key in one file are duplicates. */
  key(v: V): string;
  /** The authority to record on the source when none is given: e.g. the most common 认定部门. */
  authorityOf?(v: V): string | undefined;
  dateOf?(v: V): string | undefined;
  plan(ctx: PlanCtx<V>): Promise<void>;
}
