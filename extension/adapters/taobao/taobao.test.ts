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

describe("taobao: two shops on one item page", () => {
  it("the seller block and the header link disagree → not checked, no detection", async () => {
    const { classifyPage, detectShop } = await import("../index.ts");
    const url = new URL("https://item.taobao.com/item.htm?id=9100024");
    const doc = toDocument(
      '<div class="ShopHeader--root--a"><a class="ShopHeader--board--b" href="//shop100024.taobao.com/"><span class="ShopHeader--shopName--c">一号店</span></a></div>' +
        '<script>window.__ICE_APP_CONTEXT__={"loaderData":{"home":{"data":{"res":{"seller":{"shopName":"二号店","shopId":"100025"}}}}}};</script>',
    );
    expect(classifyPage(url, doc)).toMatchObject({ status: "ambiguous", shopId: null });
    expect(taobao.shopKey(url, doc)).toBeNull();
    expect(detectShop(url, doc)).toBeNull();
  });
  it("the shop-page-only source is not read on item pages (recommendations carry other shops' ids)", () => {
    const doc = toDocument('<script>var recs = [{"shopId":"100091"}];</script>');
    expect(taobao.shopKey(new URL("https://item.taobao.com/item.htm?id=1"), doc)).toBeNull();
    expect(taobao.shopKey(new URL("https://store.taobao.com/shop/view_shop.htm?user_number_id=1"), doc)).toBe(
      "100091",
    );
  });
});

describe("taobao: window.shop_config", () => {
  it("reads shop_config.shopId in JSON and object-literal quoting", () => {
    const url = new URL("https://lizhi.taobao.com/");
    expect(
      taobao.shopKey(url, toDocument('<script>var shop_config = {"userId":"1","shopId":"100081"};</script>')),
    ).toBe("100081");
    expect(
      taobao.shopKey(
        url,
        toDocument("<script>window.shop_config={shopCategoryId:'5',shopId:'100082'};</script>"),
      ),
    ).toBe("100082");
  });
});
