import { describe, expect, it } from "vitest";
import type { KeyValue } from "./lookup.ts";
import { memoryKv } from "./memory-kv.ts";

/** A store standing in for storage.local: a Map behind structured clones, with reads it can hold back. */
function store() {
  const data = new Map<string, unknown>();
  let gate: Promise<void> | null = null;
  const kv: KeyValue = {
    get: async <T>(k: string) => {
      const v = structuredClone(data.get(k)) as T | undefined;
      if (gate) await gate;
      return v;
    },
    set: async (k, v) => void data.set(k, structuredClone(v)),
    removePrefix: async (p) => {
      for (const k of [...data.keys()]) if (k.startsWith(p)) data.delete(k);
    },
  };
  return {
    kv,
    data,
    hold: () => {
      let release!: () => void;
      gate = new Promise((r) => {
        release = r;
      });
      return () => {
        gate = null;
        release();
      };
    },
  };
}

describe("memoryKv", () => {
  it("answers repeated reads from memory, absent keys included", async () => {
    const s = store();
    s.data.set("range:ab12", { fetchedAt: 1 });
    const kv = memoryKv(s.kv);
    expect(await kv.get("range:ab12")).toEqual({ fetchedAt: 1 });
    expect(await kv.get("range:ab12")).toEqual({ fetchedAt: 1 });
    expect(await kv.get("dismiss:x")).toBeUndefined();
    expect(await kv.get("dismiss:x")).toBeUndefined();
    expect(kv.storeReads).toBe(2);
  });

  it("writes through to the store and serves the written value", async () => {
    const s = store();
    const kv = memoryKv(s.kv);
    expect(await kv.get("prefixes")).toBeUndefined();
    await kv.set("prefixes", { v: 2 });
    expect(s.data.get("prefixes")).toEqual({ v: 2 });
    expect(await kv.get("prefixes")).toEqual({ v: 2 });
    expect(kv.storeReads).toBe(1);
  });

  it("a read that started before a write never puts the old value back", async () => {
    const s = store();
    s.data.set("range:ab12", "old");
    const kv = memoryKv(s.kv);
    const release = s.hold();
    const slow = kv.get("range:ab12");
    await kv.set("range:ab12", "new");
    release();
    expect(await slow).toBe("old");
    expect(await kv.get("range:ab12")).toBe("new");
  });

  it("removal by prefix forgets the memory too, and a read racing it is not kept", async () => {
    const s = store();
    const kv = memoryKv(s.kv);
    await kv.set("range:ab12", "a");
    await kv.set("keys", "k");
    s.data.set("range:cd34", "c");
    const release = s.hold();
    const racing = kv.get("range:cd34");
    await kv.removePrefix("range:");
    release();
    await racing;
    expect(await kv.get("range:ab12")).toBeUndefined();
    expect(await kv.get("range:cd34")).toBeUndefined();
    expect(await kv.get("keys")).toBe("k");
  });

  it("forget() sends the next read to the store (a restarted worker starts empty)", async () => {
    const s = store();
    const kv = memoryKv(s.kv);
    await kv.set("prefixes", 1);
    s.data.set("prefixes", 2); // changed behind the layer's back, as after a worker restart
    expect(await kv.get("prefixes")).toBe(1);
    kv.forget();
    expect(await kv.get("prefixes")).toBe(2);
  });
});
