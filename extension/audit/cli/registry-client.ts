/**
 * Records from the running Xinbiao service: the published key set, a shop's record
 * (`GET /api/v1/shops/{platform}/{shopId}`) and a merchant's (`GET /api/v1/merchants/{uscc}`). Each
 * record is fetched once per run (thousands of pages of one platform share few merchants) and
 * verified with verifyEnvelope before the engine compares a page with it.
 */
import type { KeySet, SignedEnvelope } from "@xinbiao/db/model";
import type { Verification } from "../engine/types.ts";
import { verifyRecord } from "../engine/verify-inputs.ts";

export type Fetched =
  | { state: "found"; envelope: SignedEnvelope; verification: Verification }
  | { state: "not_found" }
  | { state: "unavailable"; message: string };

export class RegistryClient {
  private cache = new Map<string, Promise<Fetched>>();
  private keys: Promise<KeySet> | null = null;

  constructor(
    readonly base: string,
    private readonly now: () => Date = () => new Date(),
    private readonly timeoutMs = 10_000,
  ) {}

  private async get(path: string): Promise<Response> {
    return fetch(`${this.base}${path}`, {
      signal: AbortSignal.timeout(this.timeoutMs),
      headers: { accept: "application/json" },
    });
  }

  keySet(): Promise<KeySet> {
    this.keys ??= this.get("/.well-known/xinbiao-keys.json").then(async (r) => {
      if (!r.ok) throw new Error(`key set: HTTP ${r.status}`);
      return (await r.json()) as KeySet;
    });
    return this.keys;
  }

  private fetchEnvelope(path: string): Promise<Fetched> {
    let p = this.cache.get(path);
    if (!p) {
      p = (async (): Promise<Fetched> => {
        try {
          const r = await this.get(path);
          if (r.status === 404) return { state: "not_found" };
          if (!r.ok) return { state: "unavailable", message: `HTTP ${r.status} ${path}` };
          const envelope = (await r.json()) as SignedEnvelope;
          const verification = (await verifyRecord(envelope, await this.keySet(), this.now())) ?? {
            ok: false,
            reason: "bad_signature",
          };
          return { state: "found", envelope, verification };
        } catch (e) {
          return { state: "unavailable", message: `${(e as Error).message} (${path})` };
        }
      })();
      // Outages are not cached: the next page tries again.
      p.then((f) => f.state === "unavailable" && this.cache.delete(path));
      this.cache.set(path, p);
    }
    return p;
  }

  shop(platform: string, shopId: string): Promise<Fetched> {
    return this.fetchEnvelope(`/api/v1/shops/${encodeURIComponent(platform)}/${encodeURIComponent(shopId)}`);
  }

  merchant(uscc: string): Promise<Fetched> {
    return this.fetchEnvelope(`/api/v1/merchants/${encodeURIComponent(uscc)}`);
  }
}
