/**
 * The background's lookup engine (DESIGN §6), written against small interfaces so it is unit-tested
 * without a browser. What leaves the device: `GET /api/v1/range/{4 hex}`, `GET /api/v1/lists/prefixes`,
 * the key set, and — only when a person asks for it — one merchant record or a search. Never a page
 * URL, never a shop id: the shop is hashed here and matched locally against the bucket.
 *
 * Buckets and the prefix set are signed by the service (issue 14, db/model/signed-data.ts) and used
 * only after their signature verified against the service's key set, their kind and prefix are the
 * ones asked for, they have not expired and they are not older than the copy already held: a cached
 * or relayed copy cannot turn a warning green.
 */
import {
  type CompactRecord,
  type KeySet,
  PREFIX_SET_LENGTH,
  type PrefixSet,
  type RangeBucket,
  rangePrefix,
  type SignedEnvelope,
  shopHash,
  validateUscc,
  verifyEnvelope,
} from "@xinbiao/db/model";
import { type DataCheck, SIGNED_KINDS, type SignedKind, verifyData } from "@xinbiao/db/model/signed-data";
import type { ShopRef } from "../adapters/types.ts";
import type { LookupResult, SearchResponse, SearchResult, VerifiedRecord } from "./messages.ts";

export interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /** Remove every key starting with `prefix`. */
  removePrefix(prefix: string): Promise<void>;
}

export interface LookupDeps {
  fetch: typeof fetch;
  kv: KeyValue;
  now: () => number;
  serviceUrl: () => Promise<string>;
}

/** A bucket is reused for 6 h (the service sends it publicly cacheable; lists change daily at most). */
export const RANGE_TTL_MS = 6 * 3600_000;
/** The prefix set is refreshed hourly so a new 黑名单 entry reaches every install within the hour. */
export const PREFIX_TTL_MS = 3600_000;
export const KEYS_TTL_MS = 24 * 3600_000;
export const FETCH_TIMEOUT_MS = 6000;
/**
 * A signed copy a little past its expiry is still taken when fetched: device clocks drift, and a
 * shared cache may hold a bucket for minutes past the Shanghai midnight it was good until.
 */
export const SIGNATURE_GRACE_MS = 10 * 60_000;

/** The signature block the service adds (db/model/signed-data.ts). */
interface SigDates {
  sig?: { issuedAt: string; expiresAt: string };
}
/** Past the signed validity: reused only as a labelled stale copy, and fetched again first. */
const expired = (v: SigDates, now: number) => !v.sig || Date.parse(v.sig.expiresAt) < now;
interface Cached<T> {
  fetchedAt: number;
  service: string;
  value: T;
}

function localDay(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export class Lookup {
  private inflight = new Map<string, Promise<RangeBucket | null>>();
  private prefixInflight: Promise<void> | null = null;

  constructor(private deps: LookupDeps) {}

  private async get(path: string): Promise<Response> {
    const base = await this.deps.serviceUrl();
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), FETCH_TIMEOUT_MS);
    try {
      // No credentials, no referrer: the request carries nothing but the path.
      return await this.deps.fetch(`${base}${path}`, {
        signal: ctrl.signal,
        credentials: "omit",
        referrerPolicy: "no-referrer",
        headers: { Accept: "application/json" },
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private async cached<T>(key: string): Promise<Cached<T> | undefined> {
    const c = await this.deps.kv.get<Cached<T>>(key);
    // A cache filled from another service (the options changed) is not evidence about this one.
    if (c && c.service !== (await this.deps.serviceUrl())) return undefined;
    return c;
  }

  private async dismissedToday(hash: string): Promise<boolean> {
    return (await this.deps.kv.get<string>(`dismiss:${hash}`)) === localDay(this.deps.now());
  }

  async dismiss(shop: ShopRef): Promise<void> {
    const hash = await shopHash(shop.platform, shop.shopId);
    await this.deps.kv.set(`dismiss:${hash}`, localDay(this.deps.now()));
  }

  private match(bucket: RangeBucket, hash: string): CompactRecord | null {
    return bucket.shops.find((s) => s.hash === hash)?.record ?? null;
  }

  private async prefixHit(hash: string): Promise<"black" | "watch" | null> {
    const set = await this.cached<PrefixSet>("prefixes");
    if (!set) return null;
    const p = hash.slice(0, set.value.prefixLength || PREFIX_SET_LENGTH);
    if (set.value.black.includes(p)) return "black";
    if (set.value.watch.includes(p)) return "watch";
    return null;
  }

  /** Local only: a cached bucket (any age) or the prefix set. Null when nothing local is known. */
  async peek(shop: ShopRef): Promise<LookupResult | null> {
    const hash = await shopHash(shop.platform, shop.shopId);
    const dismissedToday = await this.dismissedToday(hash);
    const c = await this.cached<RangeBucket>(`range:${rangePrefix(hash)}`);
    if (c) {
      const now = this.deps.now();
      const stale = now - c.fetchedAt > RANGE_TTL_MS || expired(c.value as SigDates, now);
      const record = this.match(c.value, hash);
      return record
        ? { state: "found", record, fetchedAt: c.fetchedAt, stale, dismissedToday }
        : { state: "unknown", fetchedAt: c.fetchedAt, stale, dismissedToday };
    }
    const hit = await this.prefixHit(hash);
    return hit ? { state: "listed", list: hit, dismissedToday } : null;
  }

  /** Fetch one bucket, at most once at a time per prefix. */
  private fetchBucket(prefix: string): Promise<RangeBucket | null> {
    let p = this.inflight.get(prefix);
    if (!p) {
      p = (async () => {
        try {
          const res = await this.get(`/api/v1/range/${prefix}`);
          if (!res.ok) return null;
          const bucket = (await res.json()) as RangeBucket;
          if (bucket.prefix !== prefix || !Array.isArray(bucket.shops)) return null;
          // Unsigned, edited, expired or older than the copy held: not evidence (a cached copy, if
          // any, is then used and labelled stale; the prefix set still warns).
          const held = await this.cached<RangeBucket>(`range:${prefix}`);
          if (!(await this.acceptSigned(bucket, SIGNED_KINDS.rangeBucket, held?.value))) return null;
          await this.deps.kv.set(`range:${prefix}`, {
            fetchedAt: this.deps.now(),
            service: await this.deps.serviceUrl(),
            value: bucket,
          } satisfies Cached<RangeBucket>);
          return bucket;
        } catch {
          return null;
        } finally {
          this.inflight.delete(prefix);
        }
      })();
      this.inflight.set(prefix, p);
    }
    return p;
  }

  async lookup(shop: ShopRef): Promise<LookupResult> {
    const hash = await shopHash(shop.platform, shop.shopId);
    const prefix = rangePrefix(hash);
    const dismissedToday = await this.dismissedToday(hash);
    void this.refreshPrefixSet();

    const c = await this.cached<RangeBucket>(`range:${prefix}`);
    const now = this.deps.now();
    if (c && now - c.fetchedAt <= RANGE_TTL_MS && !expired(c.value as SigDates, now)) {
      const record = this.match(c.value, hash);
      return record
        ? { state: "found", record, fetchedAt: c.fetchedAt, stale: false, dismissedToday }
        : { state: "unknown", fetchedAt: c.fetchedAt, stale: false, dismissedToday };
    }
    // The key set the bucket is verified with, asked for alongside it (cached a day).
    void this.keySet(false);
    const bucket = await this.fetchBucket(prefix);
    if (bucket) {
      const record = this.match(bucket, hash);
      const fetchedAt = this.deps.now();
      return record
        ? { state: "found", record, fetchedAt, stale: false, dismissedToday }
        : { state: "unknown", fetchedAt, stale: false, dismissedToday };
    }
    // Offline or the service failed: an old bucket, labelled stale, beats nothing.
    if (c) {
      const record = this.match(c.value, hash);
      return record
        ? { state: "found", record, fetchedAt: c.fetchedAt, stale: true, dismissedToday }
        : { state: "unknown", fetchedAt: c.fetchedAt, stale: true, dismissedToday };
    }
    const hit = await this.prefixHit(hash);
    return hit ? { state: "listed", list: hit, dismissedToday } : { state: "error", dismissedToday };
  }

  /** Keep the 黑名单 / 重点关注 prefix set fresh; concurrent callers share one request. */
  refreshPrefixSet(force = false): Promise<void> {
    if (this.prefixInflight) return this.prefixInflight;
    this.prefixInflight = (async () => {
      try {
        const c = await this.cached<PrefixSet>("prefixes");
        if (!force && c && this.deps.now() - c.fetchedAt <= PREFIX_TTL_MS) return;
        const res = await this.get("/api/v1/lists/prefixes");
        if (!res.ok) return;
        const set = (await res.json()) as PrefixSet;
        if (!Array.isArray(set.black) || !Array.isArray(set.watch)) return;
        // A prefix set with an entry removed would hide a warning offline: verified like a bucket.
        if (!(await this.acceptSigned(set, SIGNED_KINDS.prefixSet, c?.value))) return;
        await this.deps.kv.set("prefixes", {
          fetchedAt: this.deps.now(),
          service: await this.deps.serviceUrl(),
          value: set,
        } satisfies Cached<PrefixSet>);
      } catch {
        // Offline: keep the previous set; warnings still show from it.
      } finally {
        this.prefixInflight = null;
      }
    })();
    return this.prefixInflight;
  }

  /** Verify a signed bucket or prefix set; the key set is fetched again once for an unknown key. */
  async verifySigned(obj: unknown, kind: SignedKind): Promise<DataCheck> {
    const now = new Date(this.deps.now());
    let keys = await this.keySet(false);
    if (!keys) return { ok: false, reason: "unknown_key" };
    let check = await verifyData(obj, kind, keys, now, SIGNATURE_GRACE_MS);
    if (!check.ok && check.reason === "unknown_key") {
      keys = await this.keySet(true);
      if (keys) check = await verifyData(obj, kind, keys, now, SIGNATURE_GRACE_MS);
    }
    return check;
  }

  /** Verified, and not issued before the copy already held (a replayed older copy is a rollback). */
  private async acceptSigned(obj: unknown, kind: SignedKind, held: unknown): Promise<boolean> {
    const check = await this.verifySigned(obj, kind);
    if (!check.ok) return false;
    const heldIssued = (held as SigDates | undefined)?.sig?.issuedAt;
    return !heldIssued || check.sig.issuedAt >= heldIssued;
  }

  private keysInflight: Promise<KeySet | null> | null = null;

  /** The service's key set (cached a day); concurrent callers share one request. */
  private keySet(force: boolean): Promise<KeySet | null> {
    if (this.keysInflight) return this.keysInflight;
    this.keysInflight = this.loadKeySet(force).finally(() => {
      this.keysInflight = null;
    });
    return this.keysInflight;
  }

  private async loadKeySet(force: boolean): Promise<KeySet | null> {
    const c = await this.cached<KeySet>("keys");
    if (!force && c && this.deps.now() - c.fetchedAt <= KEYS_TTL_MS) return c.value;
    try {
      const res = await this.get("/.well-known/xinbiao-keys.json");
      if (!res.ok) return c?.value ?? null;
      const keys = (await res.json()) as KeySet;
      await this.deps.kv.set("keys", {
        fetchedAt: this.deps.now(),
        service: await this.deps.serviceUrl(),
        value: keys,
      });
      return keys;
    } catch {
      return c?.value ?? null;
    }
  }

  /**
   * One full record, verified before anyone sees it. Called only when a person asks (the card's
   * verify button, the popup): it names the merchant to the service, which a range lookup never does.
   */
  async record(uscc: string): Promise<VerifiedRecord> {
    const v = validateUscc(uscc);
    if (!v.ok) return { ok: false, reason: "not_found" };
    let env: SignedEnvelope;
    try {
      const res = await this.get(`/api/v1/merchants/${v.uscc}`);
      if (res.status === 404) return { ok: false, reason: "not_found" };
      if (!res.ok) return { ok: false, reason: "network" };
      env = (await res.json()) as SignedEnvelope;
    } catch {
      return { ok: false, reason: "network" };
    }
    let keys = await this.keySet(false);
    if (!keys) return { ok: false, reason: "network" };
    let check = await verifyEnvelope(env, keys, new Date(this.deps.now()));
    if (!check.ok && check.reason === "unknown_key") {
      // The service may have rotated its key since we cached the set: fetch it once more.
      keys = await this.keySet(true);
      if (keys) check = await verifyEnvelope(env, keys, new Date(this.deps.now()));
    }
    if (!check.ok) return { ok: false, reason: check.reason };
    // The record must be the one asked for: a valid signature over another merchant is no answer.
    if (env.record.uscc !== v.uscc) return { ok: false, reason: "bad_signature" };
    return { ok: true, envelope: env };
  }

  async search(q: string): Promise<SearchResponse> {
    const query = q.trim().slice(0, 100);
    if (!query) return { ok: true, results: [] };
    try {
      const res = await this.get(`/api/v1/search?${new URLSearchParams({ q: query, limit: "10" })}`);
      if (!res.ok) return { ok: false };
      const body = (await res.json()) as { results: SearchResult[] };
      return { ok: true, results: body.results ?? [] };
    } catch {
      return { ok: false };
    }
  }

  async clear(): Promise<void> {
    await this.deps.kv.removePrefix("range:");
    await this.deps.kv.removePrefix("prefixes");
    await this.deps.kv.removePrefix("keys");
    await this.deps.kv.removePrefix("dismiss:");
  }
}
