/**
 * Publication types as data (issue 15). A publication type is what an agency publishes — 经营异常名录,
 * 严重违法失信名单, 双公示 行政许可 … — and is written through one of the shared writers (the import
 * kinds: merchants, permits, lists, grades, verifications), which own parsing, validation, the plan and
 * the one transaction. A spec adds, as data:
 *  - header synonyms per canonical field (the writer's columns keep theirs);
 *  - fills: the value a field takes when the publication has no column for it (经营异常名录 → 重点关注,
 *    严重违法失信名单 → severe), constant or derived from other cells;
 *  - rows to skip with a reason (a natural person's row in a 双公示 file: never published);
 *  - a header signature for detection, and its display rule with the rule's source.
 * Adding a type is one `*.spec.ts` file in this folder, listed in index.ts, plus its fixture.
 */
import type { Db } from "@xinbiao/db/client";
import type { ColumnSpec } from "../columns.ts";
import { normalizeLabel } from "../columns.ts";
import type { ImportKind, ImportKindName, RowCtx } from "../import-kind.ts";

export type Get = (field: string) => string;
/** What a type's `prepare` loaded from the database for this import (e.g. ID number → merchant code). */
export type Lookup = ReadonlyMap<string, string>;

export interface PublicationSpec {
  /** Stable name: the CLI/API accept it in place of a kind (`npm run import -- abnormal_operations FILE`). */
  type: string;
  zh: string;
  en: string;
  target: ImportKindName;
  /** Header synonyms per canonical field of the target writer. */
  synonyms?: Record<string, string[]>;
  /** Columns the publication has beyond the writer's (read by `skip`/`fill`; never stored). */
  extraColumns?: ColumnSpec[];
  /** Values for fields the publication has no column (or an empty cell) for. */
  fill?: Record<string, string | ((get: Get) => string)>;
  /** Rewrites of a cell before the writer reads it (e.g. an ID number → the merchant it identifies). */
  transform?: Record<string, (raw: string, lookup: Lookup) => string>;
  /** Loaded once per import before the rows are read (its result reaches `transform` and `skip`). */
  prepare?: (db: Db) => Promise<Lookup>;
  /** A row that is not published (with the reason shown in the report as a warning). */
  skip?: (get: Get, raw: Get, lookup: Lookup) => { code: string; zh: string; en: string } | null;
  /**
   * Detection: every pattern must match one of the file's (normalised) headers. The type with the
   * highest `specificity` among those that match wins; a tie is reported, never guessed.
   */
  signature?: RegExp[];
  specificity?: number;
  /** The display rule, with its source (shown in `npm run import -- --types`). */
  displayRule: string;
  /** The fixture that shows the type, under db/fixtures (with its .source.md). */
  fixture?: string;
}

/** The writer specialised by a spec: its columns with the spec's synonyms, its rows read through the fills. */
export function specialize<V>(
  base: ImportKind<V>,
  spec: PublicationSpec,
  lookup: Lookup = new Map(),
): ImportKind<V> {
  const fill = spec.fill ?? {};
  const transform = spec.transform ?? {};
  const columns: ColumnSpec[] = [
    ...base.columns.map((c) => ({
      ...c,
      aliases: [...c.aliases, ...(spec.synonyms?.[c.field] ?? [])],
      required: c.required && !(c.field in fill),
    })),
    ...(spec.extraColumns ?? []),
  ];
  let cur: RowCtx | null = null;
  const raw: Get = (f) => cur!.get(f);
  const get: Get = (f) => {
    const t = transform[f];
    const v = t ? t(cur!.get(f), lookup) : cur!.get(f);
    if (v) return v;
    const d = fill[f];
    return d === undefined ? "" : typeof d === "string" ? d : d(get);
  };
  // One wrapper for every row (the runner reuses one context for a million rows, too).
  const wrapped: RowCtx = {
    get line() {
      return cur!.line;
    },
    get today() {
      return cur!.today;
    },
    get options() {
      return cur!.options;
    },
    has: (f) => cur!.has(f) || f in fill,
    get,
    error: (f, code, zh, en, extra) => cur!.error(f, code, zh, en, extra),
    warn: (f, code, zh, en) => cur!.warn(f, code, zh, en),
  };
  return {
    ...base,
    columns,
    parseRow(ctx) {
      cur = ctx;
      const skip = spec.skip?.(get, raw, lookup);
      if (skip) {
        ctx.warn("uscc", skip.code, skip.zh, skip.en);
        return null;
      }
      return base.parseRow(wrapped);
    },
  };
}

export interface Detection {
  spec: PublicationSpec | null;
  /** All types whose signature matched, most specific first. */
  candidates: PublicationSpec[];
  ambiguous: boolean;
}

export function detectPublication(header: string[], specs: readonly PublicationSpec[]): Detection {
  const labels = header.map(normalizeLabel);
  const candidates = specs
    .filter((s) => s.signature?.length && s.signature.every((re) => labels.some((l) => re.test(l))))
    .sort((a, b) => (b.specificity ?? 0) - (a.specificity ?? 0));
  const top = candidates[0];
  const ambiguous =
    !!top && candidates.filter((c) => (c.specificity ?? 0) === (top.specificity ?? 0)).length > 1;
  return { spec: ambiguous ? null : (top ?? null), candidates, ambiguous };
}
