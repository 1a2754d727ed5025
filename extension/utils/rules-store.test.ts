import { createSigner, generateSigningKey, publicJwk } from "@xinbiao/db/model";
import { SIGNED_KINDS, signData, verifyData } from "@xinbiao/db/model/signed-data";
import { beforeEach, describe, expect, it } from "vitest";
import { BUILTIN_RULES, type RulesJson } from "../adapters/index.ts";
import type { KeyValue } from "./lookup.ts";
import { compareRulesVersions, RULES_TTL_MS, RulesStore } from "./rules-store.ts";

function kv(): KeyValue {
  const data = new Map<string, unknown>();
  return {
    get: async <T>(k: string) => structuredClone(data.get(k)) as T | undefined,
    set: async (k, v) => void data.set(k, structuredClone(v)),
    removePrefix: async (p) => {
      for (const k of [...data.keys()]) if (k.startsWith(p)) data.delete(k);
    },
  };
}

describe("rules versions", () => {
  it("compare by their numbers", () => {
    expect(compareRulesVersions("builtin-2026-12-02.1", "2026-12-03.1")).toBe(-1);
    expect(compareRulesVersions("2026-12-02.2", "builtin-2026-12-02.1")).toBe(1);
    expect(compareRulesVersions("2026-12-02.1", "builtin-2026-12-02.1")).toBe(0);
  });
});

describe("RulesStore", () => {
  let now: number;
  let served: unknown;
  let requests: number;
  let store: RulesStore;
  let sign: (rules: RulesJson, issuedAt?: number) => Promise<unknown>;
  const newer = (version: string): RulesJson => ({ ...structuredClone(BUILTIN_RULES), version });

  beforeEach(async () => {
    now = Date.parse("2026-12-02T10:00:00Z");
    requests = 0;
    const key = await generateSigningKey();
    const signer = await createSigner(key);
    const keys = { keys: [publicJwk(key)] };
    sign = (rules, issuedAt = now) =>
      signData(
        signer,
        SIGNED_KINDS.detectionRules,
        rules,
        new Date(issuedAt).toISOString(),
        new Date(issuedAt + 30 * 86_400_000).toISOString(),
      );
    const fetch = (async () => {
      requests++;
      return new Response(JSON.stringify(served), { headers: { "content-type": "application/json" } });
    }) as unknown as typeof globalThis.fetch;
    store = new RulesStore({
      fetch,
      kv: kv(),
      now: () => now,
      serviceUrl: async () => "http://svc.test",
      verify: (obj, kind) => verifyData(obj, kind, keys, new Date(now)),
      builtin: BUILTIN_RULES,
    });
  });

  it("uses the built-in rules until a newer signed file verified", async () => {
    expect(await store.current()).toBeNull();
    served = await sign(BUILTIN_RULES);
    await store.refresh();
    expect(await store.current()).toBeNull(); // same version: nothing to send to pages
    served = await sign(newer("2099-01-01.1"));
    await store.refresh(true);
    expect((await store.current())?.version).toBe("2099-01-01.1");
    expect(await store.version()).toBe("2099-01-01.1");
  });

  it("refuses an edited file, an unsigned one and one that does not validate", async () => {
    const edited = (await sign(newer("2099-01-01.1"))) as RulesJson;
    edited.platforms.taobao.anchors = ["body"];
    served = edited;
    await store.refresh(true);
    expect(await store.current()).toBeNull();
    served = newer("2099-01-01.1");
    await store.refresh(true);
    expect(await store.current()).toBeNull();
    const broken = newer("2099-01-01.1") as unknown as { platforms: { taobao: { idPattern: string } } };
    broken.platforms.taobao.idPattern = "(";
    served = await sign(broken as unknown as RulesJson);
    await store.refresh(true);
    expect(await store.current()).toBeNull();
  });

  it("refuses a replayed older version than the one held", async () => {
    served = await sign(newer("2099-01-02.1"));
    await store.refresh(true);
    served = await sign(newer("2099-01-01.1"));
    await store.refresh(true);
    expect(await store.version()).toBe("2099-01-02.1");
  });

  it("asks the service at most daily", async () => {
    served = await sign(BUILTIN_RULES);
    await store.refresh();
    await store.refresh();
    expect(requests).toBe(1);
    now += RULES_TTL_MS + 1;
    await store.refresh();
    expect(requests).toBe(2);
  });
});
