import { adapterSuite } from "../adapter-suite.ts";
import { alibaba1688 } from "./1688.adapter.ts";
import { URLS } from "./1688.urls.ts";

adapterSuite(alibaba1688, URLS);

import { describe, expect, it } from "vitest";
import { toDocument } from "../fixtures.ts";
import { classifyPage } from "../index.ts";

describe("1688 specifics", () => {
  it("shop ids are strings: member ids and non-decimal winport ids", () => {
    const empty = toDocument("");
    expect(alibaba1688.shopKey(new URL("https://shop01219r028x733.1688.com/"), empty)).toBe("01219r028x733");
    expect(
      alibaba1688.shopKey(new URL("https://m.1688.com/winport/b2b-22108725372987d9fa.html"), empty),
    ).toBe("b2b-22108725372987d9fa");
    expect(
      alibaba1688.shopKey(
        new URL("https://winport.m.1688.com/page/index.html?memberId=b2b-1641351767"),
        empty,
      ),
    ).toBe("b2b-1641351767");
  });
  it("builds the mobile winport URL for a member id and the desktop winport for a winport id", () => {
    expect(alibaba1688.shopUrl("b2b-22108725372987d9fa")).toBe(
      "https://m.1688.com/winport/b2b-22108725372987d9fa.html",
    );
    expect(alibaba1688.shopUrl("01219r028x733")).toBe("https://shop01219r028x733.1688.com/");
  });
  it("an offer page linking both the mobile winport (member id) and the desktop winport prefers the member id", () => {
    const doc = toDocument(
      '<a href="https://shop1u3s8k5p2.1688.com/">旺铺</a><a href="https://winport.m.1688.com/page/index.html?memberId=b2b-2218225422">手机旺铺</a>',
    );
    expect(classifyPage(new URL("https://detail.1688.com/offer/1.html"), doc)).toMatchObject({
      status: "found",
      shopId: "b2b-2218225422",
      space: "member",
    });
  });
  it("a malformed memberId in the URL is not an id", () => {
    expect(
      alibaba1688.shopKey(
        new URL("https://winport.m.1688.com/page/index.html?memberId=test"),
        toDocument(""),
      ),
    ).toBeNull();
  });
});
