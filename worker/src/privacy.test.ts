/**
 * Privacy scan (PIPL; SAMR Order 45 §6): every public surface produced from the test data — records,
 * shop lookups, search, range buckets, the prefix set, badges, embed data, pages — is scanned for any
 * natural person's full name, ID number, phone number or home street address as stored in the
 * database. One hit fails the test and names the surface.
 */
import { merchants, shops } from "@xinbiao/db/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestApp, type TestApp } from "./testing/embedded-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp({ demoMerchants: 150 });
});
afterAll(() => t.cleanup());

interface Secret {
  what: string;
  value: string;
}

async function secrets(): Promise<Secret[]> {
  const rows = await t.db.select().from(merchants).all();
  const out: Secret[] = [];
  for (const m of rows) {
    if (m.legalRepresentativeIdNumber) out.push({ what: "ID number", value: m.legalRepresentativeIdNumber });
    if (m.contactPhone) out.push({ what: "phone", value: m.contactPhone });
    if (m.legalRepresentative && [...m.legalRepresentative].length >= 2) {
      out.push({ what: `legal representative of ${m.uscc}`, value: m.legalRepresentative });
    }
    if (m.kind === "natural_person") out.push({ what: `natural person ${m.uscc}`, value: m.name });
    if (m.addressIsHome && m.address) {
      const street = m.address.match(/[^市区县]+?(路|街|巷|道)\s*\d+/u)?.[0];
      if (street) out.push({ what: `home address of ${m.uscc}`, value: street });
    }
  }
  return out;
}

async function surfaces(): Promise<string[]> {
  const ms = await t.db.select({ uscc: merchants.uscc }).from(merchants).all();
  const ss = await t.db
    .select({ platform: shops.platform, shopId: shops.shopId, prefix: shops.prefix })
    .from(shops)
    .all();
  const paths = new Set<string>([
    "/",
    "/api/v1/lists/prefixes",
    "/api/v1/search?q=%E5%85%AC%E5%8F%B8&limit=50",
  ]);
  for (const { uscc } of ms) {
    paths.add(`/api/v1/merchants/${uscc}`);
    paths.add(`/m/${uscc}`);
    paths.add(`/m/${uscc}?lang=en`);
    paths.add(`/badge/${uscc}.svg`);
    paths.add(`/api/v1/search?q=${uscc}`);
  }
  for (const s of ss) {
    paths.add(`/api/v1/shops/${s.platform}/${s.shopId}`);
    paths.add(`/badge/${s.platform}/${s.shopId}.svg`);
    paths.add(`/api/v1/range/${s.prefix}`);
  }
  return [...paths];
}

describe("privacy scan of every public surface", () => {
  it("finds no natural person's name, ID number, phone or home address", async () => {
    const secretList = await secrets();
    expect(secretList.length).toBeGreaterThan(100);
    const leaks: string[] = [];
    let scanned = 0;
    for (const path of await surfaces()) {
      const res = await t.app.request(path);
      if (res.status >= 500) leaks.push(`${path} answered ${res.status}`);
      const body = await res.text();
      scanned += body.length;
      for (const s of secretList) {
        if (body.includes(s.value)) leaks.push(`${path} contains the ${s.what} (${s.value.slice(0, 2)}…)`);
      }
    }
    expect(scanned).toBeGreaterThan(100_000);
    expect(leaks).toEqual([]);
  }, 180_000);

  it("keeps the request log to method, path and status (no query strings, no bodies)", async () => {
    await t.app.request("/api/v1/search?q=%E5%BC%A0%E4%B8%89");
    const last = t.requests.at(-1)!;
    expect(Object.keys(last).sort()).toEqual(["method", "ms", "path", "status"]);
    expect(last.path).toBe("/api/v1/search");
  });
});
