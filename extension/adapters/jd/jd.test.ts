import { adapterSuite } from "../adapter-suite.ts";
import { jd } from "./jd.adapter.ts";
import { URLS } from "./jd.urls.ts";

adapterSuite(jd, URLS);

import { describe, expect, it } from "vitest";
import { toDocument } from "../fixtures.ts";

describe("jd specifics", () => {
  it("prefers the hidden #shop_id on item pages", () => {
    const doc = toDocument(
      '<input type="hidden" id="shop_id" value="1000004"><a href="//mall.jd.com/index-1.html">x</a>',
    );
    expect(jd.shopKey(new URL("https://item.jd.com/1.html"), doc)).toBe("1000004");
  });
  it("reads a mobile shop link", () => {
    const doc = toDocument('<a href="https://shop.m.jd.com/shop/home?venderId=9&shopId=1000006">进店</a>');
    expect(jd.shopKey(new URL("https://item.m.jd.com/product/1.html"), doc)).toBe("1000006");
  });
});

describe("jd: shop template ids", () => {
  it("reads #shop_id, never #vender_id, on a jshop page", () => {
    const doc = toDocument(
      '<input type="hidden" id="vender_id" value="29849" /><input type="hidden" id="shop_id" value="28985" />',
    );
    expect(jd.shopKey(new URL("https://diisea.jd.com/"), doc)).toBe("28985");
    // #vender_id is never read as the shop id: only the brand host's alias is left.
    const venderOnly = toDocument('<input type="hidden" id="vender_id" value="29849" />');
    expect(jd.shopKey(new URL("https://diisea.jd.com/"), venderOnly)).toBe("host:diisea");
  });
  it("a venderId-only mobile shop URL yields the vender: alias, never a shop id", () => {
    expect(jd.detect(new URL("https://shop.m.jd.com/?venderId=1100055"))).toBe(true);
    expect(jd.shopKey(new URL("https://shop.m.jd.com/?venderId=1100055"), toDocument(""))).toBe(
      "vender:1100055",
    );
  });
});
