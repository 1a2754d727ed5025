import { describe, expect, it } from "vitest";
import { isPubliclyShown } from "../model/lists.ts";
import { merchantKind } from "../model/merchant-kind.ts";
import { validateUscc } from "../model/uscc.ts";
import { ANCHORS } from "./anchors.ts";
import { BLACK_CATEGORIES, generateDataset, WATCH_CATEGORIES } from "./generate.ts";

const now = new Date("2026-11-22T04:00:00Z");

describe("generateDataset", () => {
  const ds = generateDataset({ merchants: 2000, now });

  it("is deterministic for the same seed and clock", () => {
    const again = generateDataset({ merchants: 2000, now });
    expect(JSON.stringify(again)).toBe(JSON.stringify(ds));
    const other = generateDataset({ merchants: 2000, now, seed: 7 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(ds));
  });

  it("makes valid, unique codes (the pilot anchor aside) with ≥ 30% in Jiangsu", () => {
    const codes = ds.merchants.map((m) => m.uscc);
    expect(new Set(codes).size).toBe(codes.length);
    for (const m of ds.merchants) expect(validateUscc(m.uscc).ok, m.uscc).toBe(!m.pilotCode);
    const js = ds.merchants.filter((m) => m.divisionCode.startsWith("32")).length;
    expect(js / ds.merchants.length).toBeGreaterThanOrEqual(0.3);
  });

  it("covers every list category, license state and kind", () => {
    const cats = new Set(ds.listEntries.map((e) => e.category));
    for (const c of [...BLACK_CATEGORIES, ...WATCH_CATEGORIES]) expect(cats, c).toContain(c);
    const states = new Set(ds.merchants.map((m) => m.licenseStatus));
    for (const s of ["active", "abnormal", "revoked", "cancelled", "exempt"]) expect(states).toContain(s);
    const kinds = new Set(ds.merchants.map((m) => m.kind));
    for (const k of ["enterprise", "individual_business", "natural_person"]) expect(kinds).toContain(k);
    expect(ds.merchants.filter((m) => m.kind === "natural_person").every((m) => m.exemptionStatement)).toBe(
      true,
    );
    expect(ds.permits.length).toBeGreaterThan(0);
    expect(ds.verifications.length).toBeGreaterThan(0);
    expect(new Set(ds.shops.map((s) => s.platform)).size).toBe(5);
  });

  it("derives every merchant's kind from its code as an import would (merchant-kind.ts)", () => {
    for (const m of ds.merchants) expect(m.kind, m.uscc).toBe(merchantKind({ uscc: m.uscc }).kind);
  });

  it("keeps the anchors' states: the expired and the repaired entry are not shown", () => {
    for (const a of ANCHORS) expect(ds.merchants.some((m) => m.uscc === a.uscc)).toBe(true);
    const expired = ds.listEntries.filter(
      (e) => e.uscc === ANCHORS.find((a) => a.key === "expired_entry")!.uscc,
    );
    expect(expired).toHaveLength(2);
    for (const e of expired)
      expect(isPubliclyShown({ ...e, objectionOpen: false }, "2026-11-22")).toBe(false);
  });

  it("scales to a requested number of list entries", () => {
    const big = generateDataset({ merchants: 20_000, listEntries: 4000, now });
    expect(big.listEntries.length).toBeGreaterThan(3600);
    expect(big.listEntries.length).toBeLessThan(4400);
    expect(big.shops.length / big.merchants.length).toBeGreaterThan(1.1);
  });
});
