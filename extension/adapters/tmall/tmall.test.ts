import { adapterSuite } from "../adapter-suite.ts";
import { tmall } from "./tmall.adapter.ts";
import { URLS } from "./tmall.urls.ts";

adapterSuite(tmall, URLS);

import { describe, expect, it } from "vitest";
import { toDocument } from "../fixtures.ts";
import { detectShop } from "../index.ts";

describe("tmall specifics", () => {
  it("the 2025 unified item page's //shop{id}.taobao.com link names a Tmall shop", () => {
    const doc = toDocument(
      '<div class="ShopHeaderNew--root--a"><a class="ShopHeaderNew--detailWrap--b" href="//shop100042.taobao.com/"><span class="ShopHeaderNew--shopName--c">荷木秀</span></a></div>',
    );
    expect(detectShop(new URL("https://detail.tmall.com/item.htm?id=1"), doc)?.shop).toEqual({
      platform: "tmall",
      shopId: "100042",
    });
  });
  it("reads TShop.Setup's rstShopId in object-literal and JSON quoting", () => {
    const url = new URL("https://detail.tmall.com/item.htm?id=1");
    expect(
      tmall.shopKey(url, toDocument("<script>TShop.Setup({ rstShopId: 100041, valMode: 128 });</script>")),
    ).toBe("100041");
    expect(tmall.shopKey(url, toDocument('<script>TShop.Setup({"rstShopId":"100047"});</script>'))).toBe(
      "100047",
    );
  });
  it("a brand host without an id in the page yields the host: alias (tmall.com only)", () => {
    const doc = () => toDocument("<div class=slogo-shopname>荷木秀</div>");
    expect(tmall.shopKey(new URL("https://hemuxiu.tmall.com/"), doc())).toBe("host:hemuxiu");
    // A tmall.hk label may be another shop's than the same label on tmall.com: no alias there.
    expect(tmall.shopKey(new URL("https://hemuxiu.tmall.hk/"), doc())).toBeNull();
  });
});
