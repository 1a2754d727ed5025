/**
 * RFC 8785 canonical JSON (`canonicalJson` in db/model) of the flat objects an import audits a million
 * times: row images and audit payloads. Same bytes, less work per row — the sorted key list is worked
 * out once per shape (set of keys) instead of per object, and strings go straight to JSON.stringify;
 * anything nested or unusual is handed to `canonicalJson` itself. canonical-row.test.ts compares the
 * two on generated rows and on edge cases (undefined members, nested values, non-ASCII and escaped keys).
 */
import { canonicalJson } from "@xinbiao/db/model";

interface Shape {
  /** Keys sorted by UTF-16 code units (JCS §3.2.3 — Array.prototype.sort's default order). */
  keys: string[];
  /** `"key":` for each sorted key. */
  heads: string[];
}

const shapes = new Map<string, Shape>();

/** The shapes used last (an import alternates row images and audit payloads): no lookup for them. */
const recent: { own: string[]; shape: Shape }[] = [];

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function shapeOf(obj: Record<string, unknown>): Shape {
  const own = Object.keys(obj);
  for (const r of recent) if (sameKeys(r.own, own)) return r.shape;
  const shape = lookUp(own);
  recent.unshift({ own, shape });
  if (recent.length > 4) recent.pop();
  return shape;
}

function lookUp(own: string[]): Shape {
  // JSON of the key list: unambiguous ({"": x} and {} must not share a shape; found by the test).
  const id = JSON.stringify(own);
  let s = shapes.get(id);
  if (!s) {
    const keys = [...own].sort();
    s = { keys, heads: keys.map((k) => `${JSON.stringify(k)}:`) };
    // Imports have a handful of row shapes; the bound only guards against a caller with endless ones.
    if (shapes.size > 1000) shapes.clear();
    shapes.set(id, s);
  }
  return s;
}

/** `canonicalJson(value)` for any value, fast for flat objects of strings, numbers, booleans and null. */
export function canonicalRow(value: unknown): string {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return canonicalJson(value);
  const obj = value as Record<string, unknown>;
  const { keys, heads } = shapeOf(obj);
  let out = "{";
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const v = obj[keys[i]!];
    if (v === undefined) continue;
    out += first ? heads[i] : `,${heads[i]}`;
    first = false;
    out +=
      typeof v === "string" || typeof v === "boolean" || v === null ? JSON.stringify(v) : canonicalJson(v);
  }
  return `${out}}`;
}

/** `auditJson` (audit-log/audit-chain.ts) through `canonicalRow`. */
export function auditRowJson(value: unknown): string | null {
  return value === undefined || value === null ? null : canonicalRow(value);
}
