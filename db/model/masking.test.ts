import { describe, expect, it } from "vitest";
import { maskHomeAddress, maskIdNumber, maskPersonName, maskPhone, scrubPersonalData } from "./masking.ts";

describe("masking natural persons (PIPL; SAMR Order 45 §6)", () => {
  it.each([
    ["张三", "张*"],
    ["欧阳娜娜", "欧阳**"],
    ["司马志强", "司马**"],
    ["王芳", "王*"],
    ["李", "李*"],
    ["John Smith", "J*** S****"],
  ])("masks %s as %s", (name, masked) => {
    expect(maskPersonName(name)).toBe(masked);
  });

  it("masks ID numbers and phones", () => {
    expect(maskIdNumber("320583199001011234")).toBe("3205**********1234");
    expect(maskPhone("13700001111")).toBe("137****1111");
    expect(maskPhone("+86 13700001111")).toBe("137****1111");
  });

  it("scrubs ID numbers and phones out of free text", () => {
    // 320583199001011232: check character 2 per GB 11643 MOD 11-2 (…1234 would fail the check).
    const text = "联系人身份证 320583199001011232，电话 13700001111，地址人民路";
    const out = scrubPersonalData(text);
    expect(out).not.toContain("320583199001011232");
    expect(out).not.toContain("13700001111");
    expect(out).toContain("人民路");
  });

  it("keeps only the region of a home address", () => {
    const out = maskHomeAddress("江苏省苏州市昆山市和平路 9 号 2 幢 301 室");
    expect(out).toBe("江苏省苏州市昆山市（住所已隐去）");
    expect(out).not.toContain("和平路");
  });
});
