/**
 * Identity aliases (issue 14): where a page carries no shop id but another stable identity of the
 * same shop (Taobao seller user id, JD vender id, a brand/vanity host label), the rules yield it as
 * `{namespace}:{value}`, hashed exactly like a shop id. A real shop id on the page wins; two
 * different values in one space are "not checked"; a value with ":" is never a real id.
 */
import { shopHash } from "@xinbiao/db/model";
import { describe, expect, it } from "vitest";
import { toDocument } from "../fixtures.ts";
import {
  ADAPTERS,
  BUILTIN_RULES,
  classifyPage,
  detectShop,
  parseRules,
  RulesError,
  type RulesJson,
} from "../index.ts";

const clone = (): RulesJson => JSON.parse(JSON.stringify(BUILTIN_RULES)) as RulesJson;

describe("alias shapes: the URL's identity when the page names no shop id", () => {
  const cases: [string, string, string][] = [
    ["https://shop.m.taobao.com/shop/shop_index.htm?user_id=2206123", "seller:2206123", "seller"],
    ["https://store.taobao.com/shop/view_shop.htm?user_number_id=2731750157", "seller:2731750157", "seller"],
    [
      "https://g84gtpygdv6trpvdhcsy0kfr73avcip.taobao.com/shop/view_shop.htm?appUid=RAzN8",
      "host:g84gtpygdv6trpvdhcsy0kfr73avcip",
      "host",
    ],
    ["https://lizhi.world.taobao.com/", "host:lizhi", "host"],
    ["https://nike.m.tmall.com/", "host:nike", "host"],
    ["https://nike.world.tmall.com/search.htm", "host:nike", "host"],
    ["https://nike.tmall.com/", "host:nike", "host"],
    ["https://shop.m.jd.com/?venderId=1000123", "vender:1000123", "vender"],
    ["https://honor.jd.com/", "host:honor", "host"],
    ["https://puchengss.1688.com/page/index.html", "host:puchengss", "host"],
  ];
  it.each(cases)("%s → %s", (u, id, space) => {
    expect(classifyPage(new URL(u), toDocument(""))).toMatchObject({
      status: "found",
      shopId: id,
      space,
      alias: true,
      source: "url",
    });
  });

  it("the extension hashes an alias like a shop id: SHA-256 of platform:namespace:value", async () => {
    const d = detectShop(new URL("https://shop.m.jd.com/?venderId=1000123"), toDocument(""));
    expect(d?.shop).toEqual({ platform: "jd", shopId: "vender:1000123" });
    const { sha256Hex } = await import("@xinbiao/db/model");
    expect(await shopHash("jd", d!.shop!.shopId)).toBe(await sha256Hex("jd:vender:1000123"));
  });

  it("no alias on tmall.hk brand hosts, and none for Pinduoduo", () => {
    expect(classifyPage(new URL("https://nike.tmall.hk/"), toDocument(""))).toMatchObject({
      status: "no_id",
      shopId: null,
    });
    expect(BUILTIN_RULES.platforms.pinduoduo).not.toHaveProperty("aliases");
  });
});

describe("order of trust: a real shop id on the page wins over an alias", () => {
  it.each([
    [
      "https://g84gtpygdv6trpvdhcsy0kfr73avcip.taobao.com/shop/view_shop.htm?appUid=RAzN8",
      '<meta name="microscope-data" content="pageId=1;shopId=100026;userid=2">',
      "100026",
    ],
    [
      "https://shop.m.taobao.com/shop/shop_index.htm?user_id=2206123",
      '<script>var shop_config = {"userId":"2206123","shopId":"100081"};</script>',
      "100081",
    ],
    ["https://nike.m.tmall.com/", '<div id="LineZing" shopid="100012"></div>', "100012"],
    [
      "https://honor.jd.com/",
      "<script>var pageConfig = { product: { venderId:1000123, shopId:'1000777' } };</script>",
      "1000777",
    ],
    [
      "https://puchengss.1688.com/page/index.html",
      '<a href="https://winport.m.1688.com/page/index.html?memberId=b2b-2208123456">店铺</a>',
      "b2b-2208123456",
    ],
  ])("%s with a shop id in the page → %s", (u, html, id) => {
    const v = classifyPage(new URL(u), toDocument(html));
    expect(v).toMatchObject({ status: "found", shopId: id });
    expect(v.alias).toBeUndefined();
  });

  it("two shop ids on a brand host: not checked, the alias does not settle it", () => {
    const doc = toDocument(
      '<div id="LineZing" shopid="100012"></div><meta name="microscope-data" content="shopId=100013">',
    );
    expect(classifyPage(new URL("https://nike.tmall.com/"), doc)).toMatchObject({
      status: "ambiguous",
      shopId: null,
      candidates: ["100013", "100012"],
    });
    expect(detectShop(new URL("https://nike.tmall.com/"), doc)).toBeNull();
  });

  it("two different identities in one alias space: not checked", () => {
    // A rules file that also reads a seller id from the page: URL and page disagree.
    const r = clone();
    (r.platforms.taobao.sources as unknown[]).push({
      kind: "attr",
      selector: "[data-seller-id]",
      attr: "data-seller-id",
      space: "seller",
    });
    const rules = parseRules(r);
    const url = new URL("https://shop.m.taobao.com/shop/shop_index.htm?user_id=2206123");
    expect(classifyPage(url, toDocument('<div data-seller-id="2206999"></div>'), rules)).toMatchObject({
      status: "ambiguous",
      shopId: null,
      space: "seller",
      candidates: ["seller:2206123", "seller:2206999"],
    });
    expect(classifyPage(url, toDocument('<div data-seller-id="2206123"></div>'), rules)).toMatchObject({
      status: "found",
      shopId: "seller:2206123",
    });
  });

  it("a value with ':' is never an id: an alias cannot be smuggled in as a real id", () => {
    const doc = toDocument('<div data-shopid="host:puchengss"></div>');
    expect(classifyPage(new URL("https://detail.1688.com/offer/1.html"), doc)).toMatchObject({
      status: "no_id",
      shopId: null,
    });
  });
});

describe("alias rules format", () => {
  const errorOf = (input: unknown): RulesError => {
    try {
      parseRules(input);
    } catch (e) {
      if (e instanceof RulesError) return e;
      throw e;
    }
    throw new Error("expected a RulesError");
  };

  it("refuses a namespace that is not lower-case letters, or declared twice", () => {
    const a = clone();
    (a.platforms.jd as { aliases: unknown }).aliases = [{ space: "Vender", pattern: "\\d+" }];
    expect(errorOf(a).message).toBe(
      'platforms.jd.aliases[0].space: use 2–16 lower-case letters (got "Vender")',
    );
    const b = clone();
    (b.platforms["1688"] as { aliases: unknown }).aliases = [{ space: "member", pattern: "\\d+" }];
    expect(errorOf(b).message).toBe('platforms.1688.aliases[0].space: id space "member" is declared twice');
  });

  it("refuses a shop URL template of an undeclared namespace", () => {
    const r = clone();
    (r.platforms.tmall.shopUrls as unknown[]).push({
      space: "seller",
      when: "\\d+",
      url: "https://x.tmall.com/{id}",
    });
    expect(errorOf(r).message).toBe(
      'platforms.tmall.shopUrls[2].space: not an alias namespace "seller" (declared: host)',
    );
  });

  it("every alias namespace has a shop URL template, and it classifies back to the same alias", () => {
    for (const a of ADAPTERS) {
      const p = BUILTIN_RULES.platforms[a.id] as RulesJson["platforms"]["jd"];
      for (const { space } of p.aliases ?? []) {
        const id = space === "host" ? `${space}:example-shop1` : `${space}:2206123`;
        const url = a.shopUrl(id);
        expect(url, `${a.id} ${space}`).not.toContain("%3A");
        expect(classifyPage(new URL(url), toDocument("")).shopId, `${a.id} ${url}`).toBe(id);
      }
    }
  });
});
