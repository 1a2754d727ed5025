import { canonicalJson } from "@xinbiao/db/model";
import fc from "fast-check";
import { expect, it } from "vitest";
import { auditJson } from "../audit-log/audit-chain.ts";
import { auditRowJson, canonicalRow } from "./canonical-row.ts";

const key = fc.oneof(
  fc.constantFrom(
    "uscc",
    "name",
    "a",
    "B",
    "é",
    "名称",
    "\u0000",
    '"q"',
    "\\",
    "10",
    "2",
    "__proto_",
    "sourceId",
  ),
  fc.string({ maxLength: 6 }),
);
const prim = fc.oneof(
  fc.string(),
  fc.constantFrom("主体名称", "\u2028", "\ud800", '"', "</script>"),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const value = fc.oneof(prim, fc.array(prim, { maxLength: 3 }), fc.dictionary(key, prim, { maxKeys: 3 }));

it("canonicalRow writes the same bytes as canonicalJson, shape cache and all", () => {
  fc.assert(
    fc.property(fc.dictionary(key, value, { maxKeys: 12 }), (row) => {
      expect(canonicalRow(row)).toBe(canonicalJson(row));
      // The second object of a shape takes the cached key order.
      const again = Object.fromEntries(Object.keys(row).map((k) => [k, "x"]));
      expect(canonicalRow(again)).toBe(canonicalJson(again));
      expect(auditRowJson(row)).toBe(auditJson(row));
    }),
    { numRuns: 2000, seed: 11 },
  );
  for (const v of [null, undefined, "s", 1, [1, { b: 1, a: 2 }]]) expect(auditRowJson(v)).toBe(auditJson(v));
  expect(() => canonicalRow({ a: Number.POSITIVE_INFINITY })).toThrow(/non-finite/);
});
