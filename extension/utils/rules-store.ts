/**
 * The detection rules in use (issue 14): the service's signed rules file when it verified and is
 * newer than the built-in rules, else the built-in rules (extension/adapters/rules/builtin.ts).
 * Lives in the background: fetched at most daily (GET /api/v1/rules/detection), kept in storage,
 * verified before it is kept — signature against the service's key set, kind, expiry, a version not
 * older than the built-in one nor than the copy held — and validated by the same parser the content
 * script compiles it with. The content script learns the version with every answer and asks for the
 * rules only when they differ from its built-in ones.
 */
import { type DataCheck, SIGNED_KINDS, type SignedKind } from "@xinbiao/db/model/signed-data";
import { parseRules, type RulesJson } from "../adapters/index.ts";
import type { KeyValue } from "./lookup.ts";

export const RULES_TTL_MS = 24 * 3600_000;
const KEY = "rules";

interface CachedRules {
  fetchedAt: number;
  service: string;
  /** The signed document as fetched (verified when stored). */
  value: RulesJson & { sig?: { issuedAt: string } };
}

/**
 * Order two rules versions by their numbers ("builtin-2026-12-02.1" < "2026-12-03.1"): the digit
 * runs compared as numbers, left to right; the longer wins a tie.
 */
export function compareRulesVersions(a: string, b: string): number {
  const na = a.match(/\d+/g)?.map(Number) ?? [];
  const nb = b.match(/\d+/g)?.map(Number) ?? [];
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const d = (na[i] ?? -1) - (nb[i] ?? -1);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export interface RulesStoreDeps {
  fetch: typeof fetch;
  kv: KeyValue;
  now: () => number;
  serviceUrl: () => Promise<string>;
  /** Signature check against the service's key set (Lookup.verifySigned). */
  verify: (obj: unknown, kind: SignedKind) => Promise<DataCheck>;
  builtin: RulesJson;
}

export class RulesStore {
  private inflight: Promise<void> | null = null;

  constructor(private deps: RulesStoreDeps) {}

  /** The service's verified rules when newer than the built-in ones; null: use the built-in rules. */
  async current(): Promise<RulesJson | null> {
    const c = await this.deps.kv.get<CachedRules>(KEY);
    if (!c || c.service !== (await this.deps.serviceUrl())) return null;
    if (compareRulesVersions(c.value.version, this.deps.builtin.version) <= 0) return null;
    const { sig: _sig, ...rules } = c.value;
    return rules as RulesJson;
  }

  /** The version the content scripts should run. */
  async version(): Promise<string> {
    return (await this.current())?.version ?? this.deps.builtin.version;
  }

  /** Fetch the rules file when the copy held is older than a day (or `force`); one request at a time. */
  refresh(force = false): Promise<void> {
    this.inflight ??= this.load(force).finally(() => {
      this.inflight = null;
    });
    return this.inflight;
  }

  private async load(force: boolean): Promise<void> {
    const service = await this.deps.serviceUrl();
    const c = await this.deps.kv.get<CachedRules>(KEY);
    const held = c?.service === service ? c : undefined;
    if (!force && held && this.deps.now() - held.fetchedAt < RULES_TTL_MS) return;
    try {
      const res = await this.deps.fetch(`${service}/api/v1/rules/detection`, {
        credentials: "omit",
        referrerPolicy: "no-referrer",
        headers: { Accept: "application/json" },
      });
      if (!res.ok) return;
      const doc = (await res.json()) as CachedRules["value"];
      const check = await this.deps.verify(doc, SIGNED_KINDS.detectionRules);
      if (!check.ok) return;
      // Not older than what this release ships, nor than the copy held (a replayed old file).
      if (compareRulesVersions(doc.version, this.deps.builtin.version) < 0) return;
      if (held && compareRulesVersions(doc.version, held.value.version) < 0) return;
      if (held?.value.sig && check.sig.issuedAt < held.value.sig.issuedAt) return;
      const { sig: _sig, ...rules } = doc;
      parseRules(rules); // throws RulesError: a file this build cannot run is not kept
      await this.deps.kv.set(KEY, { fetchedAt: this.deps.now(), service, value: doc } satisfies CachedRules);
    } catch {
      // Offline, or a file that does not validate: the copy held (or the built-in rules) stays.
    }
  }
}
