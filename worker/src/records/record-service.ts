/**
 * Public records and their signed envelopes, cached in memory per data generation, Shanghai day and
 * base URL (record-cache.ts); signatures are reused per merchant version (display periods and
 * rectification deadlines turn over at midnight in China, so the day is part of every key).
 */
import type { Db } from "@xinbiao/db/client";
import {
  guardPublicText,
  type SignedEnvelope,
  type Signer,
  shanghaiDate,
  signedPayload,
} from "@xinbiao/db/model";
import { bodyEtag } from "../middleware/public-body.ts";
import { type BuiltRecord, buildRecords } from "./build-records.ts";
import { dataGeneration } from "./data-generation.ts";
import {
  type CachedBody,
  type CachedEnvelope,
  type CacheEntry,
  passedMarks,
  RecordCache,
} from "./record-cache.ts";

/** Envelopes are valid for a day; a cached signature is reused for an hour at most. */
const ENVELOPE_TTL_MS = 24 * 3600_000;
const RESIGN_AFTER_MS = 3600_000;
const SIGNED_MAX = 12_000;
const UTF8 = new TextEncoder();
/**
 * Built records kept in memory, with their signed envelope and badge bodies as UTF-8 (about 4–5 KB per
 * merchant; region and source objects shared). At 20k the Node server reached 325 MB resident in the
 * benchmark at 1M merchants (issue 7 goal: 256 MB; bench/history.md); 12k keeps it under.
 */
export const RECORD_CACHE_MAX = 12_000;

export class RecordService {
  /**
   * Signatures by record content, so a record rebuilt after an unrelated write is not signed again.
   * Keyed by the record's own digest, not holding the record: this map outlives cache evictions.
   */
  private readonly signed = new Map<
    string,
    { digest: string; signature: string; issuedAt: string; expiresAt: string; signedAt: number }
  >();
  readonly cache: RecordCache;

  constructor(
    private readonly db: Db,
    private readonly signer: Signer,
    cacheMax = RECORD_CACHE_MAX,
  ) {
    this.cache = new RecordCache(cacheMax);
  }

  /** Cache entries for `usccs` (missing merchants get an entry with `built: null`). */
  private async entries(usccs: string[], baseUrl: string, now: Date): Promise<Map<string, CacheEntry>> {
    const generation = await dataGeneration(this.db);
    this.cache.advance(generation);
    const day = shanghaiDate(now);
    const nowIso = now.toISOString();
    const out = new Map<string, CacheEntry>();
    const misses: string[] = [];
    for (const u of usccs) {
      if (out.has(u)) continue;
      const hit = this.cache.get(`${baseUrl}|${u}`, generation, day, nowIso);
      if (hit) out.set(u, hit);
      else misses.push(u);
    }
    if (misses.length === 0) return out;
    const built = await buildRecords(this.db, misses, { baseUrl, now });
    for (const u of new Set(misses)) {
      const b = built.get(u) ?? null;
      // Shared by every request that hits the cache from now on: frozen, so no caller can change
      // what another is served.
      if (b) deepFreeze(b);
      const entry: CacheEntry = { generation, day, built: b, passed: passedMarks(b, nowIso) };
      this.cache.set(`${baseUrl}|${u}`, entry);
      out.set(u, entry);
    }
    return out;
  }

  async records(usccs: string[], baseUrl: string, now: Date): Promise<Map<string, BuiltRecord>> {
    const entries = await this.entries(usccs, baseUrl, now);
    const out = new Map<string, BuiltRecord>();
    for (const [u, e] of entries) if (e.built) out.set(u, e.built);
    return out;
  }

  async envelope(uscc: string, baseUrl: string, now: Date): Promise<SignedEnvelope | null> {
    return (await this.envelopeBody(uscc, baseUrl, now))?.envelope ?? null;
  }

  /** The signed envelope with its JSON body and ETag, as `GET /api/v1/merchants/{uscc}` sends it. */
  async envelopeBody(uscc: string, baseUrl: string, now: Date): Promise<CachedEnvelope | null> {
    const entry = (await this.entries([uscc], baseUrl, now)).get(uscc);
    if (!entry?.built) return null;
    const t = now.getTime();
    const c = entry.envelope;
    if (c && c.envelope.keyId === this.signer.keyId && t >= c.signedAt && t - c.signedAt < RESIGN_AFTER_MS)
      return c;
    const envelope = Object.freeze(await this.sign(entry.built, baseUrl, now));
    const json = JSON.stringify(envelope);
    const cached: CachedEnvelope = {
      envelope,
      body: UTF8.encode(json),
      etag: bodyEtag(json),
      note: "",
      signedAt: Date.parse(envelope.issuedAt),
    };
    entry.envelope = cached;
    return cached;
  }

  /**
   * A body made from a merchant's record (null: we do not have it), kept beside the record for as long
   * as the record itself is served from memory. `variant` names what `make` makes (e.g. a badge's
   * style and language); `make` runs once per record build and variant.
   */
  async derivedBody(
    uscc: string,
    baseUrl: string,
    now: Date,
    variant: string,
    make: (built: BuiltRecord | null) => { body: string; note: string },
  ): Promise<CachedBody> {
    const entry = (await this.entries([uscc], baseUrl, now)).get(uscc)!;
    const hit = entry.bodies?.get(variant);
    if (hit) return hit;
    // The last pass of the public-output guard over the finished body (badges, embed): made from a
    // guarded record already, so this only catches text a renderer adds; once per build, not per request.
    const made = make(entry.built);
    const body = guardPublicText(made.body);
    const out: CachedBody = { body: UTF8.encode(body), etag: bodyEtag(body), note: made.note };
    entry.bodies ??= new Map();
    entry.bodies.set(variant, out);
    return out;
  }

  async sign(built: BuiltRecord, baseUrl: string, now: Date): Promise<SignedEnvelope> {
    const key = `${built.record.uscc}|${built.version}|${shanghaiDate(now)}|${baseUrl}|${this.signer.keyId}`;
    // The version covers every write that goes through a WriteSet; a write that bypasses it (a
    // hand-edited row) would not bump it, so a signature is reused only for a byte-identical record.
    const digest = bodyEtag(JSON.stringify(built.record));
    const hit = this.signed.get(key);
    const t = now.getTime();
    if (hit && hit.digest === digest && t >= hit.signedAt && t - hit.signedAt < RESIGN_AFTER_MS) {
      return {
        record: built.record,
        signature: hit.signature,
        keyId: this.signer.keyId,
        issuedAt: hit.issuedAt,
        expiresAt: hit.expiresAt,
      };
    }
    const issuedAt = now.toISOString();
    const expiresAt = new Date(t + ENVELOPE_TTL_MS).toISOString();
    const signature = await this.signer.sign(signedPayload({ record: built.record, issuedAt, expiresAt }));
    if (this.signed.size >= SIGNED_MAX) this.signed.delete(this.signed.keys().next().value!);
    this.signed.set(key, { digest, signature, issuedAt, expiresAt, signedAt: t });
    return { record: built.record, signature, keyId: this.signer.keyId, issuedAt, expiresAt };
  }
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === "object" && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
