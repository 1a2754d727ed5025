import { describe, expect, it } from "vitest";
import { kindOfRegistryType, kindOfUsccCode, merchantKind } from "./merchant-kind.ts";
import { buildUscc } from "./uscc.ts";

const ENTERPRISE = buildUscc("91", "320583", "MA7QX2C4");
const INDIVIDUAL = buildUscc("92", "360481", "MA7QX3D5");
const COOP = buildUscc("93", "320583", "MA1CP0P7");
const EXEMPT = "99320583MA8QR4A74M"; // the natural_person anchor (db/seed/anchors.ts)
const INSTITUTION = buildUscc("12", "320100", "46600000");

describe("kindOfRegistryType: the 市场主体类型 vocabulary", () => {
  it.each([
    ["有限责任公司(自然人投资或控股)", "enterprise"],
    ["有限责任公司（自然人投资或控股）", "enterprise"],
    ["有限责任公司(自然人独资)", "enterprise"],
    ["有限责任公司(自然人投资或控股的法人独资)", "enterprise"],
    ["股份有限公司(上市、自然人投资或控股)", "enterprise"],
    ["个人独资企业", "enterprise"],
    ["普通合伙企业", "enterprise"],
    ["有限合伙企业", "enterprise"],
    ["有限责任公司分公司(自然人投资或控股)", "enterprise"],
    ["个体工商户", "individual_business"],
    ["个体", "individual_business"],
    ["农民专业合作社", "farmer_cooperative"],
    ["农民专业合作社联合社", "farmer_cooperative"],
    ["自然人", "natural_person"],
    ["自然人（免于登记）", "natural_person"],
    ["个人", "natural_person"],
    ["enterprise", "enterprise"],
  ])("%s → %s", (text, kind) => {
    expect(kindOfRegistryType(text)).toBe(kind);
  });

  it("does not guess at values it does not know", () => {
    expect(kindOfRegistryType("")).toBeNull();
    expect(kindOfRegistryType("其它")).toBeNull();
  });
});

describe("kindOfUsccCode (GB 32100-2015 表 1/表 2)", () => {
  it("reads the first two characters", () => {
    expect(kindOfUsccCode(ENTERPRISE)).toBe("enterprise");
    expect(kindOfUsccCode(INDIVIDUAL)).toBe("individual_business");
    expect(kindOfUsccCode(COOP)).toBe("farmer_cooperative");
    expect(kindOfUsccCode(INSTITUTION)).toBe("public_institution");
    expect(kindOfUsccCode(EXEMPT)).toBe("natural_person");
  });
});

describe("merchantKind", () => {
  it("a company whose type names natural-person investors is an enterprise (issue 13 item 2)", () => {
    const r = merchantKind({ uscc: ENTERPRISE, typeText: "有限责任公司(自然人投资或控股)" });
    expect(r).toMatchObject({ kind: "enterprise", registration: "enterprise", basis: "both" });
    expect(r.conflict).toBeUndefined();
  });

  it("the code decides when the type column disagrees, and says so", () => {
    const r = merchantKind({ uscc: ENTERPRISE, typeText: "自然人" });
    expect(r.kind).toBe("enterprise");
    expect(r.conflict?.zh).toContain("GB 32100");
    expect(merchantKind({ uscc: INDIVIDUAL, typeText: "有限责任公司" }).kind).toBe("individual_business");
  });

  it("without a type column the code decides; a cooperative is stored as other", () => {
    expect(merchantKind({ uscc: INDIVIDUAL }).kind).toBe("individual_business");
    expect(merchantKind({ uscc: COOP })).toMatchObject({ kind: "other", registration: "farmer_cooperative" });
    expect(merchantKind({ uscc: INSTITUTION })).toMatchObject({
      kind: "other",
      registration: "public_institution",
    });
  });

  it("only a genuine exempt natural person (电子商务法 §10) is natural_person", () => {
    expect(merchantKind({ uscc: EXEMPT }).kind).toBe("natural_person");
    expect(merchantKind({ uscc: EXEMPT, typeText: "自然人（免于登记）" }).kind).toBe("natural_person");
    expect(merchantKind({ uscc: INSTITUTION, typeText: "自然人" }).kind).toBe("other");
  });
});
