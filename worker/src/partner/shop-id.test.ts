import { describe, expect, it } from "vitest";
import { shopIdProblem } from "./shop-id.ts";

describe("shop id model (issue 14)", () => {
  it("accepts the platforms' own strings: 1688 member ids and non-decimal winport ids", () => {
    for (const id of ["b2b-22089563145738b3d0", "01219r028x733", "3e67986509770", "100001"])
      expect(shopIdProblem("1688", id)).toBeNull();
    expect(shopIdProblem("taobao", "62572383")).toBeNull();
    expect(shopIdProblem("jd", "1000001")).toBeNull();
  });
  it("refuses 1688 spellings no page lookup would hash to, saying how to write them", () => {
    expect(shopIdProblem("1688", "B2B-22089563145738b3d0")).toMatch(/character 1 "B" should be "b"/);
    expect(shopIdProblem("1688", "shop01219r028x733")).toMatch(/write "01219r028x733"/);
    expect(shopIdProblem("1688", "b2b-x1")).toMatch(/member id/);
  });
  it("names the bad character of any id", () => {
    expect(shopIdProblem("jd", "bad id!")).toMatch(/character 4: " "/);
    expect(shopIdProblem("jd", "")).toMatch(/1–64/);
  });
});
