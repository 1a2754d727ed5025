import { adapterSuite } from "../adapter-suite.ts";
import { pinduoduo } from "./pinduoduo.adapter.ts";
import { URLS } from "./pinduoduo.urls.ts";

adapterSuite(pinduoduo, URLS);

import { describe, expect, it } from "vitest";
import { toDocument } from "../fixtures.ts";
import { classifyPage } from "../index.ts";

describe("pinduoduo specifics", () => {
  const goods = new URL("https://mobile.yangkeduo.com/goods.html?goods_id=9100062");

  it("a goods page whose rawData has no goods block (e.g. behind a login) is not checked", () => {
    const doc = toDocument('<script>window.rawData={"store":{"initDataObj":{"needLogin":true}}};</script>');
    expect(classifyPage(goods, doc)).toMatchObject({ status: "no_id", shopId: null, surface: "item" });
    expect(pinduoduo.shopKey(goods, doc)).toBeNull();
  });

  it("goods.mallID and a mall link that disagree → ambiguous", () => {
    const doc = toDocument(
      '<a href="/mall_page.html?mall_id=100071">进店</a><script>window.rawData={"store":{"initDataObj":{"goods":{"mallID":100072}}}};</script>',
    );
    expect(classifyPage(goods, doc).status).toBe("ambiguous");
  });
});
