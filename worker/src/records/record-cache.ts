/**
 * Bounded in-memory cache of built public records (and their signed envelopes), so a hot merchant —
 * the badge on a busy shop page, a record the extension asks for again and again — costs no query.
 *
 * An entry is served only while everything its content depends on is unchanged:
 *   - the data generation (data-generation.ts): no write to the database since it was built;
 *   - the Shanghai day: list entries appear, lapse (displayUntil) and fall overdue at midnight in
 *     China (电子商务法 §15 display; 赣信用办〔2018〕26号 3-month rectification);
 *   - every time comparison the build made (freshness bound, verification expiry) gives the same answer;
 *   - the base URL of the links.
 * Unknown merchants are cached too (as `null`), under the same rules, so a flood of lookups of codes
 * we do not have does not reach the database either.
 */
import type { SignedEnvelope } from "@xinbiao/db/model";
import type { BuiltRecord } from "./build-records.ts";

/** A body made from the entry's record (the API's JSON, a badge variant), ready to send. */
export interface CachedBody {
  /** UTF-8: half the memory of a JS string holding Chinese text. */
  body: Uint8Array;
  etag: string;
  /** What the route also needs to say about it (a badge's state header). */
  note: string;
}

export interface CachedEnvelope extends CachedBody {
  envelope: SignedEnvelope;
  signedAt: number;
}

export interface CacheEntry {
  generation: string;
  day: string;
  built: BuiltRecord | null;
  /** For each of built.timeMarks: was it before "now" when built. */
  passed: boolean[];
  envelope?: CachedEnvelope;
  /** Other bodies made from this record, by variant (e.g. "badge|flat|zh"). */
  bodies?: Map<string, CachedBody>;
}

export class RecordCache {
  private readonly map = new Map<string, CacheEntry>();
  private generation = "";

  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.map.size;
  }

  /** Called with the current generation before lookups: a new generation drops every entry. */
  advance(generation: string): void {
    if (generation !== this.generation) {
      this.map.clear();
      this.generation = generation;
    }
  }

  get(key: string, generation: string, day: string, nowIso: string): CacheEntry | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e.generation !== generation || e.day !== day || !marksHold(e, nowIso)) {
      this.map.delete(key);
      return undefined;
    }
    // Least recently used goes first: re-insert on a hit.
    this.map.delete(key);
    this.map.set(key, e);
    return e;
  }

  set(key: string, entry: CacheEntry): void {
    // A build that started before a write finished after it: its entry belongs to an old
    // generation and would only be dropped again.
    if (entry.generation !== this.generation) return;
    this.map.delete(key);
    this.map.set(key, entry);
    while (this.map.size > this.maxEntries) this.map.delete(this.map.keys().next().value!);
  }
}

export function passedMarks(built: BuiltRecord | null, nowIso: string): boolean[] {
  return built ? built.timeMarks.map((s) => s < nowIso) : [];
}

function marksHold(e: CacheEntry, nowIso: string): boolean {
  const marks = e.built?.timeMarks;
  if (!marks) return true;
  for (let i = 0; i < marks.length; i++) if (marks[i]! < nowIso !== e.passed[i]) return false;
  return true;
}
