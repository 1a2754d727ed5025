/**
 * The built-in detection rules: the fallback when no signed rules file from the service is cached
 * (or it fails verification or validation). Plain JSON-serialisable data in the rules format
 * (format.ts); the README's coverage table lists the shapes and the public source of each fixture.
 *
 * Decisions recorded here because the rules cannot carry comments:
 *  - Identity aliases (format.ts `aliases`): where a page carries no shop id but another stable
 *    identity of the same shop that the platform itself knows, the rules yield it in a declared
 *    namespace, `{namespace}:{value}`, hashed like a shop id; the platform registers the alias for
 *    its shop through the partner API (worker/src/partner/shop-id.ts checks the same namespaces).
 *    A real shop id on the page always wins over an alias. The namespaces:
 *      taobao `seller:` the seller's numeric user id (`user_id=`, `user_number_id=`),
 *             `host:`   the shop's own host label (`{label}.taobao.com`, `{label}.world.taobao.com`:
 *                       random-hash hosts of 2023+ and vanity hosts);
 *      tmall  `host:`   the brand host label (`{brand}.tmall.com` and its `.m.` / `.world.` mirrors;
 *                       `.tmall.hk` hosts yield no alias: another domain may reuse the label);
 *      jd     `vender:` the vender id (`shop.m.jd.com/?venderId=`),
 *             `host:`   the brand host label (`honor.jd.com`);
 *      1688   `host:`   the vanity winport host label (`puchengss.1688.com`).
 *    Pinduoduo pages always name the mall id, so it has no alias.
 *  - Taobao `shop.m.taobao.com/…?user_id=` and `store.taobao.com/…?user_number_id=` carry the
 *    seller's user id, which is not the shop id (the mobile detail API's seller block has both:
 *    `"userId":"489668278","shopId":"62572383"`): it is read only as the `seller:` alias.
 *  - JD `venderId` is never read as a shop id: for third-party sellers it differs from the shop id;
 *    it is read only as the `vender:` alias.
 *  - 1688 has two id spaces: the member id (`b2b-…`, the same on desktop and mobile, in offer pages'
 *    inline data) is preferred; the desktop winport id (`shop{id}.1688.com`, not always decimal:
 *    `shop01219r028x733`) is used only when the page names no member id. Vanity hosts without
 *    either yield the `host:` alias.
 *  - Brand hosts (`{brand}.tmall.com`, `{brand}.m.tmall.com`, `{brand}.world.tmall.com`,
 *    `honor.jd.com`) carry no shop id in the URL: the page's own data names it when it can (and
 *    wins), else the host label is the `host:` alias.
 */
import type { RulesJson } from "./format.ts";

// Sub-domains that are platform services, never shops (checked against the first host label).
const TAOBAO_SERVICES = [
  "www",
  "s",
  "login",
  "cart",
  "buy",
  "i",
  "trade",
  "h5",
  "world",
  "market",
  "ai",
  "uland",
  "pages",
  "rate",
  "favorite",
  "member1",
  "consumerservice",
  "jianghu",
  "guang",
  "ju",
  "ershou",
  "item",
  "m",
  "main",
  "open",
  "help",
  "service",
  "refund2",
  "bbs",
  "tb",
  "star",
  "store",
  "shop",
  "shopsearch",
  "huodong",
  "fuwu",
  "tmc",
  "g",
  "err",
  "passport",
  "h5api",
  "detail",
  "wuliu",
  "sycm",
  "myseller",
  "qianniu",
  "zhaoshang",
  "buyertrade",
  "tu",
  "ald",
  "taojinbi",
  "chaoshi",
  "jiyoujia",
  "tejia",
  "mm",
  "pub",
  "sell",
  "seller",
  "rule",
  "tce",
  "im",
  "ww",
  "alimama",
  "ad",
  "cun",
  "trip",
  "maiche",
  "tmall",
];
const TMALL_SERVICES = [
  "www",
  "list",
  "login",
  "pages",
  "chaoshi",
  "brand",
  "vip",
  "jx",
  "mei",
  "3c",
  "miao",
  "ju",
  "m",
  "detail",
  "shop",
  "cart",
  "buy",
  "help",
  "service",
  "consumer",
  "feedback",
  "rate",
  "world",
  "inside",
  "fuwu",
  "err",
  "h5",
  "tmc",
  "mdetail",
];
const JD_SERVICES = [
  "www",
  "search",
  "item",
  "cart",
  "mall",
  "shop",
  "order",
  "passport",
  "home",
  "help",
  "jr",
  "pro",
  "list",
  "channel",
  "jiadian",
  "m",
  "so",
  "re",
  "club",
  "sale",
  "coupon",
  "vip",
  "plus",
  "trade",
  "easybuy",
  "union",
  "jdcs",
  "jshop",
  "ai",
  "ir",
  "about",
  "corporate",
  "global",
  "en",
  "fresh",
  "miaosha",
  "paipai",
  "bbs",
  "media",
  "logistics",
  "wq",
  "h5",
  "st",
  "storage",
  "img",
  "misc",
  "api",
  "sns",
  "b",
  "dc",
  "gia",
  "hk",
  "u",
  "t",
  "f",
  "p",
  "q",
  "z",
];
const A1688_SERVICES = [
  "www",
  "s",
  "detail",
  "work",
  "m",
  "winport",
  "login",
  "cart",
  "trade",
  "offer",
  "page",
  "air",
  "sale",
  "show",
  "view",
  "member",
  "exodus",
  "widget",
  "cui",
  "yunying",
  "search",
  "shop",
  "p4p",
  "club",
  "info",
  "go",
  "re",
  "ju",
  "dj",
  "mall",
  "cps",
  "data",
  "top",
  "b2b",
  "style",
  "home",
  "sf",
];

// Shop-home paths of a shop sub-domain: home, search, category, the classic view_shop page.
// A DNS host label, the value of every `host:` alias (lower case: hostnames are compared lower-cased).
const HOST_LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const NUMERIC_ID = "\\d{3,20}";

const SHOP_PATH = "^/(?:|index\\.htm|(?:shop/)?view_shop\\.html?|search\\.htm|category(?:-\\d+)?\\.htm)$";

// The shop header of the Taobao/Tmall React item designs: the class names are hashed per build
// (ShopHeader--shopName--zZ3913d, ShopHeaderNew--shopName--2J0piSC, shopName--mTDZGIPO) and their
// case differs between versions, so the selectors use the stable prefixes.
const ALI_HEADER_LINKS = [
  '[class*="ShopHeader--"] a[href]',
  'a[class*="ShopHeader--"][href]',
  '[class*="ShopHeaderNew--"][href]',
  '[class*="ShopHeaderNew--"] a[href]',
  '[class*="shopHeader--"] a[href]',
  'a[class*="shopHeader--"][href]',
  'a[class*="shopName--"][href]',
].join(", ");

const ALI_SHOP_NAMES = [
  '[class*="ShopHeaderNew--shopName"]',
  '[class*="ShopHeader--shopName"]',
  '[class*="shopHeader--shopName"]',
  '[class*="ShopHeader--title"]',
  '[class*="shopName--"]',
];

const ALI_HEADERS = [
  '[class^="ShopHeaderNew--"]',
  '[class^="ShopHeader--"]',
  '[class^="shopHeader--"]',
  ".shop-header",
  "#J_ShopInfo",
  "#shopExtra",
];

// The seller block of Alibaba's inline item data (2025 SSR `window.__ICE_APP_CONTEXT__`
// loaderData.home.data.res.seller, the h5 `_DATA_Detail.seller`, the mtop detail JSON): the shop id
// inside `seller:{…}` before any nested object, in JSON or object-literal quoting.
const SELLER_SHOP_ID = "[\"']?seller[\"']?\\s*:\\s*\\{[^{}]*?[\"']?shopId[\"']?\\s*:\\s*[\"']?(\\d{3,20})";

// `shop_config = {…, shopId: "…"}` of a Taobao/Tmall shop page, in JSON or object-literal quoting,
// read up to the end of the script element's statement (no "<" inside it).
const SHOP_CONFIG_ID = "shop_config\\s*=\\s*\\{[^<]*?[\"']?shopId[\"']?\\s*:\\s*[\"']?(\\d{3,20})";

export const BUILTIN_RULES = {
  format: 1,
  version: "builtin-2026-12-02.1",
  platforms: {
    taobao: {
      domains: ["taobao.com"],
      idPattern: "\\d{3,20}",
      aliases: [
        { space: "seller", pattern: NUMERIC_ID },
        { space: "host", pattern: HOST_LABEL },
      ],
      pages: [
        {
          name: "shop-subdomain",
          surface: "shop",
          host: "^shop(\\d+)\\.taobao\\.com$",
          id: { from: "host", group: 1 },
        },
        {
          name: "shop-world-subdomain",
          surface: "shop",
          host: "^shop(\\d+)\\.world\\.taobao\\.com$",
          id: { from: "host", group: 1 },
        },
        {
          name: "shop-mobile-subdomain",
          surface: "shop",
          host: "^shop(\\d+)\\.m\\.taobao\\.com$",
          id: { from: "host", group: 1 },
        },
        {
          name: "shop-mobile-shop-id",
          surface: "shop",
          host: "^shop\\.m\\.taobao\\.com$",
          path: "^/shop/shop_index\\.htm$",
          query: ["shop_id"],
          id: { from: "query", param: "shop_id" },
        },
        {
          name: "shop-mobile-shopid-camel",
          surface: "shop",
          host: "^shop\\.m\\.taobao\\.com$",
          path: "^/shop/shop_index\\.htm$",
          query: ["shopId"],
          id: { from: "query", param: "shopId" },
        },
        {
          name: "shop-mobile-user-id",
          surface: "shop",
          host: "^shop\\.m\\.taobao\\.com$",
          path: "^/shop/shop_index\\.htm$",
          query: ["user_id"],
          id: { from: "query", param: "user_id", space: "seller" },
        },
        {
          name: "shop-store-view",
          surface: "shop",
          host: "^store\\.taobao\\.com$",
          path: "^/shop/view_shop\\.htm$",
          id: { from: "query", param: "user_number_id", space: "seller" },
        },
        {
          name: "shop-hash-host-shop-id",
          surface: "shop",
          host: "^[a-z0-9-]+\\.(?:world\\.)?taobao\\.com$",
          path: "^/shop/view_shop\\.htm$",
          query: ["shop_id"],
          notHosts: TAOBAO_SERVICES,
          id: { from: "query", param: "shop_id" },
        },
        {
          name: "shop-vanity-or-hash-host",
          surface: "shop",
          host: "^([a-z0-9-]+)\\.(?:world\\.)?taobao\\.com$",
          path: SHOP_PATH,
          notHosts: TAOBAO_SERVICES,
          id: { from: "host", group: 1, space: "host" },
        },
        {
          name: "item-desktop",
          surface: "item",
          host: "^item\\.taobao\\.com$",
          path: "^/item\\.htm$",
          query: ["id"],
        },
        {
          name: "item-mobile-h5",
          surface: "item",
          host: "^h5\\.m\\.taobao\\.com$",
          path: "^/awp/core/detail\\.htm$",
          query: ["id"],
        },
        {
          name: "item-mobile-main",
          surface: "item",
          host: "^main\\.m\\.taobao\\.com$",
          path: "^/(?:security-h5-detail/home|detail/index\\.html)$",
          query: ["id"],
        },
      ],
      sources: [
        { kind: "meta", name: "microscope-data", pattern: "(?:^|;)\\s*shopId=(\\d+)" },
        { kind: "attr", selector: "#LineZing", attr: "shopid" },
        // Taobao's shop system (wangpu) defines window.shop_config with the shop id; its own monitor
        // module reads window.shop_config.shopId next to #LineZing.
        { kind: "script", contains: "shop_config", pattern: SHOP_CONFIG_ID },
        { kind: "script", contains: "shopId", pattern: SELLER_SHOP_ID },
        // A shop page's own inline data names its shop id (`"shopId":…`): only on shop pages, where
        // no other shop's data is embedded (item pages carry recommendations).
        { kind: "script", contains: '"shopId"', pattern: '"shopId"\\s*:\\s*"?(\\d{3,20})', on: "shop" },
        { kind: "attr", selector: "[data-shopid]", attr: "data-shopid" },
        {
          kind: "link",
          selector: `${ALI_HEADER_LINKS}, .tb-shop-name a[href], .shop-name a[href], #J_ShopInfo a[href], .shop-header a[href], .shop-info a[href]`,
          pattern: "//shop(\\d+)\\.(?:m\\.|world\\.)?taobao\\.com",
        },
        {
          kind: "link",
          selector: `${ALI_HEADER_LINKS}, .shop-name a[href], .shop-info a[href]`,
          pattern: 'taobao\\.com/[^"#]*[?&](?:shop_id|shopId)=(\\d+)',
        },
      ],
      anchors: [
        ".shop-header .shop-name",
        ...ALI_SHOP_NAMES,
        ".tb-shop-name",
        ".shop-name",
        "#J_ShopInfo .shop-name",
        ".shop-summary .shop-title",
      ],
      headers: ALI_HEADERS,
      shopUrls: [
        { when: "\\d+", url: "https://shop{id}.taobao.com/" },
        { space: "seller", when: "\\d+", url: "https://shop.m.taobao.com/shop/shop_index.htm?user_id={id}" },
        { space: "host", when: "[a-z0-9-]+", url: "https://{id}.taobao.com/" },
      ],
    },
    tmall: {
      domains: ["tmall.com", "tmall.hk"],
      idPattern: "\\d{3,20}",
      aliases: [{ space: "host", pattern: HOST_LABEL }],
      pages: [
        {
          name: "shop-subdomain",
          surface: "shop",
          host: "^shop(\\d+)\\.tmall\\.(?:com|hk)$",
          id: { from: "host", group: 1 },
        },
        {
          name: "shop-mobile-shop-id",
          surface: "shop",
          host: "^shop\\.m\\.tmall\\.com$",
          path: "^/shop/shop_index\\.htm$",
          query: ["shop_id"],
          id: { from: "query", param: "shop_id" },
        },
        {
          name: "shop-brand-mobile",
          surface: "shop",
          host: "^([a-z0-9-]+)\\.m\\.tmall\\.com$",
          path: "^/(?:|index\\.htm|shop/shop_index\\.htm|shop/shop_auction_search\\.htm)$",
          notHosts: TMALL_SERVICES,
          id: { from: "host", group: 1, space: "host" },
        },
        {
          name: "shop-brand-world",
          surface: "shop",
          host: "^([a-z0-9-]+)\\.world\\.tmall\\.com$",
          path: SHOP_PATH,
          notHosts: TMALL_SERVICES,
          id: { from: "host", group: 1, space: "host" },
        },
        {
          name: "shop-brand",
          surface: "shop",
          // The label is the alias on tmall.com only (group 1 stays empty on tmall.hk).
          host: "^(?:([a-z0-9-]+)\\.tmall\\.com|[a-z0-9-]+\\.tmall\\.hk)$",
          path: SHOP_PATH,
          notHosts: TMALL_SERVICES,
          id: { from: "host", group: 1, space: "host" },
        },
        {
          name: "item-desktop",
          surface: "item",
          host: "^detail\\.tmall\\.(?:com|hk)$",
          path: "^/(?:hk/)?item(?:_o)?\\.htm$",
          query: ["id"],
        },
        {
          name: "item-mobile",
          surface: "item",
          host: "^detail\\.m\\.tmall\\.com$",
          path: "^/item\\.htm$",
          query: ["id"],
        },
        { name: "item-world", surface: "item", host: "^world\\.tmall\\.com$", path: "^/item/\\d+\\.htm$" },
      ],
      sources: [
        { kind: "meta", name: "microscope-data", pattern: "(?:^|;)\\s*shopId=(\\d+)" },
        { kind: "attr", selector: "#LineZing", attr: "shopid" },
        // Taobao's shop system (wangpu) defines window.shop_config with the shop id; its own monitor
        // module reads window.shop_config.shopId next to #LineZing.
        { kind: "script", contains: "shop_config", pattern: SHOP_CONFIG_ID },
        {
          kind: "script",
          contains: "TShop.Setup",
          pattern: "[\"']?rstShopId[\"']?\\s*:\\s*[\"']?(\\d{3,20})",
        },
        { kind: "script", contains: "shopId", pattern: SELLER_SHOP_ID },
        { kind: "attr", selector: 'input[name="shopId"]', attr: "value" },
        { kind: "attr", selector: "[data-shopid]", attr: "data-shopid" },
        {
          // The 2025 unified item page links the shop header to //shop{id}.taobao.com.
          kind: "link",
          selector: `${ALI_HEADER_LINKS}, .slogo a[href], a.slogo-shopname[href], .shopLink[href], #shopExtra a[href], .shop-name a[href]`,
          pattern: "//shop(\\d+)\\.(?:m\\.)?(?:tmall|taobao)\\.(?:com|hk)",
        },
      ],
      anchors: [".slogo-shopname", ...ALI_SHOP_NAMES, ".shopLink", "#shopExtra .slogo", ".shop-name"],
      headers: ALI_HEADERS,
      shopUrls: [
        { when: "\\d+", url: "https://shop{id}.tmall.com/" },
        { space: "host", when: "[a-z0-9-]+", url: "https://{id}.tmall.com/" },
      ],
    },
    jd: {
      domains: ["jd.com", "jd.hk", "yiyaojd.com"],
      idPattern: "\\d{3,20}",
      aliases: [
        { space: "vender", pattern: NUMERIC_ID },
        { space: "host", pattern: HOST_LABEL },
      ],
      pages: [
        {
          name: "shop-mall-index",
          surface: "shop",
          host: "^mall\\.jd\\.com$",
          path: "^/index-(\\d+)\\.html$",
          id: { from: "path", group: 1 },
        },
        {
          name: "shop-mobile-shopid",
          surface: "shop",
          host: "^shop\\.m\\.jd\\.com$",
          query: ["shopId"],
          id: { from: "query", param: "shopId" },
        },
        {
          name: "shop-mobile-venderid",
          surface: "shop",
          host: "^shop\\.m\\.jd\\.com$",
          query: ["venderId"],
          id: { from: "query", param: "venderId", space: "vender" },
        },
        {
          name: "shop-brand-host",
          surface: "shop",
          host: "^([a-z0-9-]+)\\.jd\\.com$",
          path: "^/(?:|index\\.html)$",
          notHosts: JD_SERVICES,
          id: { from: "host", group: 1, space: "host" },
        },
        { name: "item-desktop", surface: "item", host: "^item\\.jd\\.(?:com|hk)$", path: "^/\\d+\\.html$" },
        { name: "item-worldwide", surface: "item", host: "^npcitem\\.jd\\.hk$", path: "^/\\d+\\.html$" },
        { name: "item-pharmacy", surface: "item", host: "^item\\.yiyaojd\\.com$", path: "^/\\d+\\.html$" },
        {
          name: "item-mobile",
          surface: "item",
          host: "^item\\.m\\.jd\\.com$",
          path: "^/product/\\d+\\.html$",
        },
      ],
      sources: [
        // `var pageConfig = { product: { …, venderId:…, shopId:'…' } }` of the item page.
        { kind: "script", contains: "pageConfig", pattern: "(?<![A-Za-z])shopId\\s*:\\s*[\"']?(\\d{3,20})" },
        { kind: "attr", selector: "#shop_id", attr: "value" },
        { kind: "attr", selector: "[data-shopid]", attr: "data-shopid" },
        {
          kind: "link",
          selector:
            '.J-hove-wrap .name a[href], .shopName a[href], #popbox .mt a[href], .shop-name a[href], .jdm-shop-info a[href], .shop-info a[href], a[href*="mall.jd.com/index-"]',
          pattern: "mall\\.jd\\.com/index-(\\d+)\\.html",
        },
        {
          kind: "link",
          selector: 'a[href*="shop.m.jd.com"]',
          pattern: 'shop\\.m\\.jd\\.com/[^"#]*?[?&]shopId=(\\d+)',
        },
      ],
      anchors: [".J-hove-wrap .name", ".shopName", "#popbox .mt h3", ".jSign .shop-name", ".shop-name"],
      headers: [".J-hove-wrap", ".popbox", "#popbox", ".jSign", ".shop-info", ".jdm-shop-info"],
      shopUrls: [
        { when: "\\d+", url: "https://mall.jd.com/index-{id}.html" },
        { space: "vender", when: "\\d+", url: "https://shop.m.jd.com/?venderId={id}" },
        { space: "host", when: "[a-z0-9-]+", url: "https://{id}.jd.com/" },
      ],
    },
    pinduoduo: {
      domains: ["yangkeduo.com", "pinduoduo.com"],
      idPattern: "\\d{3,20}",
      pages: [
        {
          name: "shop-mall-page",
          surface: "shop",
          host: "^mobile\\.(?:yangkeduo|pinduoduo)\\.com$",
          path: "^/mall_page\\.html$",
          query: ["mall_id"],
          id: { from: "query", param: "mall_id" },
        },
        {
          name: "item-goods",
          surface: "item",
          host: "^mobile\\.(?:yangkeduo|pinduoduo)\\.com$",
          path: "^/goods\\d?\\.html$",
          query: ["goods_id"],
        },
      ],
      sources: [
        { kind: "json", marker: "window.rawData", path: "store.initDataObj.goods.mallID" },
        { kind: "json", marker: "window.rawData", path: "store.initDataObj.mall.mallID" },
        { kind: "attr", selector: "[data-mall-id]", attr: "data-mall-id" },
        {
          kind: "link",
          selector: 'a[href*="mall_page.html"]',
          pattern: 'mall_page\\.html\\?(?:[^"#]*&)?mall_id=(\\d+)',
        },
        // Only when the rawData is not strict JSON: the same field, by regular expression.
        { kind: "script", contains: "rawData", pattern: '"mallID"\\s*:\\s*"?(\\d{3,20})', fallback: true },
      ],
      anchors: [
        ".mall-header .mall-name",
        '[class*="mall-name"]',
        ".mall-name",
        ".goods-mall-info .name",
        '[class*="mallName"]',
      ],
      headers: [".mall-header", ".goods-mall-info", '[class*="mall-info"]'],
      shopUrls: [{ when: "\\d+", url: "https://mobile.yangkeduo.com/mall_page.html?mall_id={id}" }],
    },
    "1688": {
      domains: ["1688.com"],
      idPattern: "b2b-[0-9a-z]{4,40}|[0-9a-z]{3,40}",
      spaces: ["member", "winport"],
      spacePatterns: { member: "b2b-[0-9a-z]{4,40}", winport: "[0-9a-z]{6,40}" },
      aliases: [{ space: "host", pattern: HOST_LABEL }],
      pages: [
        {
          name: "shop-winport",
          surface: "shop",
          // A winport id has a digit (shop1434560114962, shop01219r028x733); `shopmp` is a vanity name.
          host: "^shop((?=[0-9a-z]*\\d)[0-9a-z]{6,40})\\.1688\\.com$",
          id: { from: "host", group: 1, space: "winport" },
        },
        {
          name: "shop-b2b-host",
          surface: "shop",
          host: "^(b2b-[0-9a-z]+)\\.1688\\.com$",
          id: { from: "host", group: 1, space: "member" },
        },
        {
          name: "shop-mobile-winport",
          surface: "shop",
          host: "^winport\\.m\\.1688\\.com$",
          path: "^/page/(?:index|offerlist)\\.html$",
          query: ["memberId"],
          id: { from: "query", param: "memberId", space: "member" },
        },
        {
          name: "shop-mobile-m-winport",
          surface: "shop",
          host: "^m\\.1688\\.com$",
          path: "^/winport/(b2b-[0-9a-z]+)\\.html$",
          id: { from: "path", group: 1, space: "member" },
        },
        {
          name: "shop-vanity-host",
          surface: "shop",
          host: "^([a-z0-9-]+)\\.1688\\.com$",
          path: "^/(?:|page/[a-z_]+\\.html?)$",
          notHosts: A1688_SERVICES,
          id: { from: "host", group: 1, space: "host" },
        },
        {
          name: "item-offer-desktop",
          surface: "item",
          host: "^detail\\.1688\\.com$",
          path: "^/offer/\\d+\\.html$",
        },
        {
          name: "item-offer-mobile",
          surface: "item",
          host: "^(?:m|detail\\.m)\\.1688\\.com$",
          path: "^/offer/\\d+\\.html$",
        },
        {
          name: "item-offer-mobile-page",
          surface: "item",
          host: "^detail\\.m\\.1688\\.com$",
          path: "^/page/index\\.html$",
          query: ["offerId"],
        },
      ],
      sources: [
        // The offer page's window.context data names the seller as offerBaseInfo.sellerMemberId and
        // sellerModel.memberId. A bare "memberId" is never read: buyerModel.memberId, earlier in the
        // same data, is the logged-in visitor's own account.
        {
          kind: "script",
          contains: "sellerMemberId",
          pattern: '"sellerMemberId"\\s*:\\s*"(b2b-[0-9a-z]+)"',
          space: "member",
        },
        {
          kind: "script",
          contains: "sellerModel",
          pattern: '"sellerModel"\\s*:\\s*\\{[^{}]*?"memberId"\\s*:\\s*"(b2b-[0-9a-z]+)"',
          space: "member",
        },
        {
          kind: "link",
          selector: 'a[href*="winport"]',
          pattern: "(?:memberId=|/winport/)(b2b-[0-9a-z]+)",
          space: "member",
        },
        {
          kind: "link",
          selector: 'a[href*="b2b-"]',
          pattern: "//(b2b-[0-9a-z]+)\\.1688\\.com",
          space: "member",
        },
        {
          kind: "script",
          contains: "sellerWinportUrl",
          pattern:
            '"sellerWinportUrl"\\s*:\\s*"https?:(?:\\\\?/){2}shop((?=[0-9a-z]*\\d)[0-9a-z]{6,40})\\.1688\\.com',
          space: "winport",
        },
        { kind: "attr", selector: "[data-shopid]", attr: "data-shopid", space: "winport" },
        {
          kind: "link",
          selector:
            '.company-name a[href], [class*="companyName"] a[href], .shop-company-name a[href], a[href*=".1688.com"]',
          pattern: "//shop((?=[0-9a-z]*\\d)[0-9a-z]{6,40})\\.1688\\.com",
          space: "winport",
        },
      ],
      anchors: [
        ".winport-title .company-name",
        ".company-name",
        '[class*="companyName"]',
        ".shop-company-name",
        ".shop-name",
      ],
      headers: [".winport-title", ".company-info", '[class*="companyInfo"]', ".shop-header"],
      shopUrls: [
        { when: "b2b-[0-9a-z]+", url: "https://m.1688.com/winport/{id}.html" },
        { when: "[0-9a-z]+", url: "https://shop{id}.1688.com/" },
        { space: "host", when: "[a-z0-9-]+", url: "https://{id}.1688.com/" },
      ],
    },
  },
} as const satisfies RulesJson;
