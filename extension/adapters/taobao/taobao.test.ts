import { adapterSuite } from "../adapter-suite.ts";
import { taobao } from "./taobao.adapter.ts";
import { URLS } from "./taobao.urls.ts";

adapterSuite(taobao, URLS);

import { describe, expect, it } from "vitest";
import { toDocument } from "../fixtures.ts";

describe("taobao specifics", () => {
  it("reads the shop id from a header link when the page has no microscope meta", () => {
    const doc = toDocument(
      '<div class="ShopHeader--root"><a href="//shop77777.taobao.com/?spm=x">某店</a></div>',
    );
    expect(taobao.shopKey(new URL("https://item.taobao.com/item.htm?id=1"), doc)).toBe("77777");
  });
  it("does not take a non-numeric shop_id", () => {
    const url = new URL("https://shop.m.taobao.com/shop/shop_index.htm?shop_id=12ab");
    expect(taobao.shopKey(url, toDocument(""))).toBeNull();
  });
  it("does not take a shop link of another platform on an item page", () => {
    const doc = toDocument('<div class="shop-name"><a href="//shop55555.tmall.com/">天猫店</a></div>');
    expect(taobao.shopKey(new URL("https://item.taobao.com/item.htm?id=1"), doc)).toBeNull();
  });
});
