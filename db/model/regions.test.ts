import { describe, expect, it } from "vitest";
import { brandOf, regionOf } from "./regions.ts";

describe("regionOf / brandOf", () => {
  it.each([
    ["320214", "信用江苏", "江苏省"],
    ["360481", "信用江西", "江西省"],
    ["341202", "信用安徽", "安徽省"],
    ["110108", "信用中国", "北京市"],
    ["440305", "信用中国", "广东省"],
  ])("%s → %s (%s)", (code, brand, province) => {
    expect(brandOf(code).zh).toBe(brand);
    expect(regionOf(code).province).toBe(province);
  });
  it("names known divisions and falls back for unknown ones", () => {
    expect(regionOf("360481").division).toBe("九江市瑞昌市");
    expect(regionOf("329999").division).toBeNull();
    expect(regionOf("990000").province).toBe("未知地区");
    expect(regionOf("990000").brand.zh).toBe("信用中国");
  });
});
