/**
 * The rules format and engine: validation with errors that name the field, the built-in rules as
 * data (a JSON round trip detects the same), a rules object that fixes a redesign without code,
 * the trust order and ambiguity rule, inline JSON read as text, and headers re-rendered in place.
 */
import { describe, expect, it } from "vitest";
import { toDocument } from "../fixtures.ts";
import {
  adapterFor,
  BUILTIN_RULES,
  classifyPage,
  DEFAULT_RULES,
  detectShop,
  parseRules,
  RulesError,
  type RulesJson,
} from "../index.ts";
import { jsonAfter } from "./engine.ts";

const clone = (): RulesJson => JSON.parse(JSON.stringify(BUILTIN_RULES)) as RulesJson;

function errorOf(input: unknown): RulesError {
  try {
    parseRules(input);
  } catch (e) {
    if (e instanceof RulesError) return e;
    throw e;
  }
  throw new Error("parseRules accepted the input");
}

describe("parseRules", () => {
  it("accepts the built-in rules, as an object and as JSON text, every selector checked", () => {
    expect(typeof document).toBe("object");
    expect(parseRules(BUILTIN_RULES).version).toBe(BUILTIN_RULES.version);
    const fromText = parseRules(JSON.stringify(BUILTIN_RULES));
    expect(fromText.platforms.map((p) => p.id)).toEqual(["taobao", "tmall", "jd", "pinduoduo", "1688"]);
    expect(fromText.json).toEqual(JSON.parse(JSON.stringify(BUILTIN_RULES)));
  });

  it("refuses text that is not JSON", () => {
    expect(errorOf("{not json").message).toMatch(/^\(root\): not JSON/);
  });

  it("refuses another format version", () => {
    const r = { ...clone(), format: 2 };
    expect(errorOf(r).message).toBe("format: this extension reads rules format 1, got number 2");
  });

  it("refuses a rules file that drops a platform", () => {
    const r = clone() as unknown as { platforms: Record<string, unknown> };
    delete r.platforms.jd;
    expect(errorOf(r).message).toBe("platforms.jd: missing: every platform needs its rules");
  });

  it("names the field of an invalid regular expression", () => {
    const r = clone();
    (r.platforms.jd.sources[0] as { pattern: string }).pattern = "shopId:(\\d+";
    const e = errorOf(r);
    expect(e.path).toBe("platforms.jd.sources[0].pattern");
    expect(e.message).toMatch(/^platforms\.jd\.sources\[0\]\.pattern: invalid regular expression/);
  });

  it("needs the capture group the id is read from", () => {
    const r = clone();
    (r.platforms.taobao.sources[0] as { pattern: string }).pattern = "shopId=\\d+";
    expect(errorOf(r).message).toBe(
      "platforms.taobao.sources[0].pattern: needs capture group 1 (the id); it has 0",
    );
  });

  it("names an invalid CSS selector", () => {
    const r = clone();
    (r.platforms.tmall.anchors as string[])[0] = "div[class*=";
    expect(errorOf(r).message).toBe('platforms.tmall.anchors[0]: invalid CSS selector "div[class*="');
  });

  it("checks selectors again after a parse that skipped them", () => {
    const r = clone();
    (r.platforms.tmall.anchors as string[])[0] = "div[class*=";
    expect(() => parseRules(r, { checkSelectors: false })).not.toThrow();
    expect(errorOf(r).path).toBe("platforms.tmall.anchors[0]");
  });

  it("refuses unknown fields, kinds, id spaces and surfaces", () => {
    const a = clone();
    (a.platforms.pinduoduo as unknown as Record<string, unknown>).selectorz = [];
    expect(errorOf(a).message).toMatch(/^platforms\.pinduoduo\.selectorz: unknown field/);

    const b = clone();
    (b.platforms.jd.sources[1] as unknown as Record<string, unknown>).kind = "eval";
    expect(errorOf(b).message).toBe(
      'platforms.jd.sources[1].kind: expected "meta", "attr", "link", "script" or "json", got string "eval"',
    );

    const c = clone();
    (c.platforms["1688"].sources[0] as { space?: string }).space = "login";
    expect(errorOf(c).message).toBe(
      'platforms.1688.sources[0].space: unknown id space "login" (declared: member, winport, host)',
    );

    const d = clone();
    (d.platforms.taobao.pages[0] as { surface: string }).surface = "home";
    expect(errorOf(d).message).toBe(
      'platforms.taobao.pages[0].surface: expected "shop" or "item", got string "home"',
    );
  });

  it("checks shop URL templates", () => {
    const r = clone();
    (r.platforms.jd.shopUrls[0] as { url: string }).url = "https://mall.jd.com/";
    expect(errorOf(r).message).toBe('platforms.jd.shopUrls[0].url: must contain "{id}"');
  });

  it("refuses an over-long pattern (a corrupt file must not stall the page)", () => {
    const r = clone();
    (r.platforms.jd.sources[0] as { pattern: string }).pattern = `(${"a".repeat(500)})`;
    expect(errorOf(r).message).toMatch(/^platforms\.jd\.sources\[0\]\.pattern: longer than 400 characters/);
  });
});

describe("detection functions take a rules object", () => {
  // A redesign: the shop name moves into `SellerCard--name--…` and the id into `data-seller-shop`.
  const redesigned = toDocument(
    '<div class="SellerCard--root--x"><span class="SellerCard--name--y">新设计店</span><i data-seller-shop="100077"></i></div>',
  );
  const url = new URL("https://item.taobao.com/item.htm?id=9100077");

  it("the built-in rules report the redesigned page as not checked", () => {
    expect(classifyPage(url, redesigned).status).toBe("no_id");
    expect(adapterFor(url)!.anchor(redesigned)).toBeNull();
  });

  it("a rules file with the new selectors finds it, without a code change", () => {
    const r = clone();
    (r.platforms.taobao.sources as unknown[]).push({
      kind: "attr",
      selector: "[data-seller-shop]",
      attr: "data-seller-shop",
    });
    (r.platforms.taobao.anchors as string[]).unshift('[class*="SellerCard--name"]');
    const rules = parseRules(JSON.stringify(r));
    expect(classifyPage(url, redesigned, rules)).toMatchObject({
      status: "found",
      shopId: "100077",
      surface: "item",
    });
    const d = detectShop(url, redesigned, false, rules)!;
    expect(d.shop).toEqual({ platform: "taobao", shopId: "100077" });
    expect(d.anchor?.textContent).toBe("新设计店");
    // The default rules object is untouched.
    expect(detectShop(url, redesigned, false, DEFAULT_RULES)).toBeNull();
  });

  it("a new URL shape is data too", () => {
    const r = clone();
    (r.platforms.jd.pages as unknown[]).unshift({
      name: "shop-new-host",
      surface: "shop",
      host: "^shop\\.jd\\.com$",
      path: "^/(\\d+)$",
      id: { from: "path", group: 1 },
    });
    const rules = parseRules(r);
    const u = new URL("https://shop.jd.com/1000099");
    expect(classifyPage(u, null).status).toBe("not_shop_page");
    expect(classifyPage(u, null, rules)).toMatchObject({
      status: "found",
      shopId: "1000099",
      page: "shop-new-host",
    });
  });
});

describe("trust order and ambiguity", () => {
  it("two sources naming different shops → ambiguous, no shop", () => {
    const doc = toDocument(
      '<meta name="microscope-data" content="shopId=100001;"><div id="LineZing" shopid="100002"></div>',
    );
    const v = classifyPage(new URL("https://hemuxiu.tmall.com/"), doc);
    expect(v).toMatchObject({ status: "ambiguous", shopId: null });
    expect(v.candidates.sort()).toEqual(["100001", "100002"]);
    expect(detectShop(new URL("https://hemuxiu.tmall.com/"), doc)).toBeNull();
  });

  it("the URL's id and a page source that disagree → ambiguous", () => {
    const doc = toDocument('<meta name="microscope-data" content="shopId=100009;">');
    expect(classifyPage(new URL("https://shop100001.taobao.com/"), doc).status).toBe("ambiguous");
  });

  it("sources that agree → found, from the most trusted one", () => {
    const doc = toDocument(
      '<meta name="microscope-data" content="shopId=100001;"><div id="LineZing" shopid="100001"></div>',
    );
    expect(classifyPage(new URL("https://hemuxiu.tmall.com/"), doc)).toMatchObject({
      status: "found",
      shopId: "100001",
      source: "sources[0]:meta",
    });
  });

  it("an embed badge does not settle an ambiguous platform page", () => {
    const doc = toDocument(
      '<meta name="microscope-data" content="shopId=100001;"><div id="LineZing" shopid="100002"></div>' +
        '<script src="https://x.example/embed.js" data-platform="tmall" data-shop="100001"></script>',
    );
    const d = detectShop(new URL("https://hemuxiu.tmall.com/"), doc);
    expect(d?.via).toBe("generic");
    expect(d?.shop).toBeNull();
  });

  it("1688: a member id beats the desktop winport id; two member ids → ambiguous", () => {
    const url = new URL("https://shop1434560114962.1688.com/page/index.html");
    const one = toDocument(
      '<script>window.context={"offerBaseInfo":{"sellerMemberId":"b2b-2546450021uezz8"}};</script>',
    );
    expect(classifyPage(url, one)).toMatchObject({
      status: "found",
      shopId: "b2b-2546450021uezz8",
      space: "member",
    });
    expect(classifyPage(url, toDocument(""))).toMatchObject({ shopId: "1434560114962", space: "winport" });
    const two = toDocument(
      '<script>window.context={"offerBaseInfo":{"sellerMemberId":"b2b-2546450021uezz8"}};</script><a href="https://m.1688.com/winport/b2b-99999999x.html">x</a>',
    );
    expect(classifyPage(url, two).status).toBe("ambiguous");
  });

  it("1688: the logged-in visitor's own member id (buyerModel) is never taken for the seller", () => {
    const url = new URL("https://detail.1688.com/offer/1.html");
    const buyerOnly = toDocument(
      '<script>window.context=(0,{"global":{"globalData":{"model":{"buyerModel":{"loginId":"me","memberId":"b2b-1000000000001a"}}}}});</script>',
    );
    expect(classifyPage(url, buyerOnly)).toMatchObject({ status: "no_id", shopId: null });
    const buyerFirst = toDocument(
      '<script>window.context=(0,{"buyerModel":{"memberId":"b2b-1000000000001a"},"sellerModel":{"loginId":"x","memberId":"b2b-2218225422038"}});</script>',
    );
    expect(classifyPage(url, buyerFirst).shopId).toBe("b2b-2218225422038");
  });

  it("1688: a vanity host that starts with shop is not a winport id (only the host: alias)", () => {
    expect(classifyPage(new URL("https://shopmp.1688.com/"), toDocument(""))).toMatchObject({
      status: "found",
      shopId: "host:shopmp",
      space: "host",
      alias: true,
      page: "shop-vanity-host",
    });
  });

  it("JD never takes venderId for the shop id", () => {
    const doc = toDocument(
      "<script>var pageConfig = { product: { skuid: 1, venderId:1000355, shopId:'1000777' } };</script>",
    );
    expect(classifyPage(new URL("https://item.jd.com/1.html"), doc).shopId).toBe("1000777");
    const venderOnly = toDocument(
      "<script>var pageConfig = { product: { skuid: 1, venderId:1000355 } };</script>",
    );
    expect(classifyPage(new URL("https://item.jd.com/1.html"), venderOnly).status).toBe("no_id");
  });

  it("a Taobao user_id URL is a seller id, not a shop id: only the seller: alias", () => {
    const v = classifyPage(
      new URL("https://shop.m.taobao.com/shop/shop_index.htm?user_id=880734502"),
      toDocument(""),
    );
    expect(v).toMatchObject({ status: "found", shopId: "seller:880734502", alias: true, surface: "shop" });
  });

  it("page statuses: not a platform, not a shop page, no id", () => {
    expect(classifyPage(new URL("https://example.com/"), null).status).toBe("not_platform");
    expect(classifyPage(new URL("https://www.taobao.com/"), null)).toMatchObject({
      status: "not_shop_page",
      platform: "taobao",
    });
    expect(classifyPage(new URL("https://item.taobao.com/item.htm?id=1"), toDocument(""))).toMatchObject({
      status: "no_id",
      surface: "item",
      page: "item-desktop",
    });
  });
});

describe("inline JSON is read as text, never executed", () => {
  it("cuts the balanced JSON after the marker, strings with braces included", () => {
    const t = 'window.rawData = {"a":{"b":"x}{y","c":[1,2]}};window.other=1;';
    expect(jsonAfter(t, "window.rawData")).toEqual({ a: { b: "x}{y", c: [1, 2] } });
  });

  it("yields nothing for code that is not strict JSON", () => {
    expect(
      jsonAfter("window.rawData = (function(){ return {mallID: 1}; })();", "window.rawData"),
    ).toBeUndefined();
    expect(jsonAfter("window.rawData = {mallID: 1};", "window.rawData")).toBeUndefined();
  });

  it("a script that would have side effects is only read", () => {
    const doc = toDocument(
      '<script>window.rawData={"store":{"initDataObj":{"goods":{"mallID":100061}}}};window.__xbRan=true;</script>',
    );
    const v = classifyPage(new URL("https://mobile.yangkeduo.com/goods.html?goods_id=1"), doc);
    expect(v).toMatchObject({ status: "found", shopId: "100061" });
    expect((globalThis as { __xbRan?: boolean }).__xbRan).toBeUndefined();
  });

  it("Pinduoduo: when rawData is not strict JSON the regular-expression fallback reads mallID", () => {
    const doc = toDocument(
      '<script>window.rawData={"store":{"goods":{"mallID":100062}}, f: function(){}};</script>',
    );
    expect(classifyPage(new URL("https://mobile.yangkeduo.com/goods.html?goods_id=1"), doc)).toMatchObject({
      status: "found",
      shopId: "100062",
      source: "sources[4]:script",
    });
  });
});

describe("headers re-rendered in place", () => {
  const url = new URL("https://item.taobao.com/item.htm?id=1");

  it("the anchor function finds the current header after React replaces it", () => {
    const doc = toDocument(
      '<div id="root"><div class="ShopHeader--root--a"><span class="ShopHeader--shopName--b">旧店名</span></div></div>',
    );
    const a = adapterFor(url)!;
    const first = a.anchor(doc)!;
    expect(first.textContent).toBe("旧店名");
    const fresh = doc.createElement("div");
    fresh.className = "ShopHeaderNew--root--c";
    fresh.innerHTML = '<span class="ShopHeaderNew--shopName--d">新店名</span>';
    doc.querySelector('[class^="ShopHeader--"]')!.replaceWith(fresh);
    expect(first.isConnected).toBe(false);
    expect(a.anchor(doc)?.textContent).toBe("新店名");
    expect(a.header(doc)).toBe(fresh);
  });

  it("an empty placeholder is skipped for the next selector's element with text", () => {
    const doc = toDocument(
      '<span class="ShopHeaderNew--shopName--x"></span><div class="ShopHeader--title--y">有字的店名</div>',
    );
    expect(adapterFor(url)!.anchor(doc)?.textContent).toBe("有字的店名");
  });
});
