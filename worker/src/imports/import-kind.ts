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
  /** The cell as written (trimmed), when the problem is about one cell. */
  value?: string;
  /** What the cell should have been, where that is known (e.g. the expected GB 32100 check character). */
  expected?: string;
  message: string;
  zh: string;
  en: string;
}

export interface KindOptions {
  /** For list publications without a 名单类型 column. */
  list?: ListKind | undefined;
  /** All-or-nothing: a row naming a merchant not in the registry refuses the file (`--strict`). */
  strict?: boolean | undefined;
}

export interface RowCtx {
  line: number;
  today: string;
  options: KindOptions;
  has(field: string): boolean;
  get(field: string): string;
  error(field: string, code: string, zh: string, en: string, extra?: IssueExtra): void;
  warn(field: string, code: string, zh: string, en: string): void;
}

export interface IssueExtra {
  expected?: string | undefined;
  value?: string | undefined;
}

export interface PlanRow<V> {
  line: number;
  value: V;
  /** The publication date this row carries (its 公示日期 cell, else the file's); null: none given. */
  publishedAt: string | null;
}

export interface PlanCtx<V> {
  db: Db;
  rows: PlanRow<V>[];
  ws: WriteSet;
  /** Queue a new row (written in bulk after the WriteSet's statements, in the same transaction). */
  insert(table: SQLiteTable, row: object): void;
  /** The file's source (its publication); rows of other publication dates: `sourceOf(row)`. */
  sourceId: string;
  /** The `sources` row a written fact of this row references (publication date + file SHA-256 + agency). */
  sourceOf(row: PlanRow<V>): string;
  /**
   * True when the fact already stored came from a newer publication than this row's: the row is then
   * skipped and reported as a conflict (issue 13 item 6: an older publication never replaces a newer one).
   * Call it only when the row would change the stored fact.
   */
  olderThanStored(row: PlanRow<V>, storedSourceId: string | null | undefined, what: string): boolean;
  now: Date;
  today: string;
  options: KindOptions;
  has(field: string): boolean;
  error(line: number, field: string, code: string, zh: string, en: string, extra?: IssueExtra): void;
  warn(line: number, field: string, code: string, zh: string, en: string): void;
  counted(outcome: "inserted" | "updated" | "unchanged" | "skipped" | "created"): void;
  progress(done: number): void;
}

export interface ImportKind<V> {
  kind: ImportKindName;
  sourceKind: "registry" | "license" | "list" | "grade" | "verification";
  columns: ColumnSpec[];
  parseRow(ctx: RowCtx): V | null;
  /** The audit/restricted-text entity name of a fact of this kind. */
  entity: "merchant" | "list_entry" | "permit" | "grade" | "verification";
  /**
   * Free-text fields of the parsed row that reach public surfaces: each passes guardPublicText
   * (db/model/pii-guard.ts) on import; a masked cell's raw text goes to restricted_texts, for the
   * regulator only (issue 13 item 1).
   */
  publicText: readonly string[];
  /** Natural key: two rows with the same key in one file are duplicates. */
  key(v: V): string;
  /** The authority to record on the source when none is given: e.g. the most common 认定部门. */
  authorityOf?(v: V): string | undefined;
  dateOf?(v: V): string | undefined;
  /**
   * The publication date must be given (a 公示日期/发布日期 column or `--published-at` / API
   * `publishedAt`): without it an older publication cannot be told from a newer one (issue 13 item 6).
   */
  publicationDateRequired?: boolean;
  plan(ctx: PlanCtx<V>): Promise<void>;
}
