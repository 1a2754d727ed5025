/**
 * URL table: positives with the id the URL alone yields (null: the id is only in the page; `{namespace}:…` an identity alias, see rules/builtin.ts), one
 * or more per shape of the built-in rules; negatives are Taobao service pages and look-alikes.
 * The registry test feeds every other platform's positives to this adapter as negatives.
 */
export const URLS = {
  positive: [
    // shop-subdomain
    ["https://shop100001.taobao.com/", "100001"],
    ["https://shop100001.taobao.com/search.htm?search=y", "100001"],
    ["http://shop57301234.taobao.com/category-1234567.htm", "57301234"],
    [
      "https://shop249029897.taobao.com/?spm=pc_detail.27183998.shop_block.dshopinfo.7fab7dd6JG7E0d",
      "249029897",
    ],
    // shop-world-subdomain
    [
      "https://shop393352926.world.taobao.com/shop/view_shop.htm?appUid=RAzN8HWTJAdGjT6G8Tx&spm=a21n57.1.hoverItem.3",
      "393352926",
    ],
    // shop-mobile-subdomain
    ["https://shop100031.m.taobao.com/", "100031"],
    ["https://shop34271480.m.taobao.com/?shop_id=34271480&user_id=53705938#list", "34271480"],
    // shop-mobile-shop-id / -shopid-camel / -user-id (a seller user id: the seller: alias)
    ["https://shop.m.taobao.com/shop/shop_index.htm?shop_id=100002", "100002"],
    ["https://shop.m.taobao.com/shop/shop_index.htm?shopId=117297345#list?catId=1320425474", "117297345"],
    ["https://shop.m.taobao.com/shop/shop_index.htm?user_id=880734502", "seller:880734502"],
    [
      "https://shop.m.taobao.com/shop/shop_index.htm?user_id=489668278&item_id=586774343772",
      "seller:489668278",
    ],
    // shop-store-view (seller user id: the seller: alias; encrypted appUid: page only)
    ["https://store.taobao.com/shop/view_shop.htm?user_number_id=2731750157", "seller:2731750157"],
    [
      "https://store.taobao.com/shop/view_shop.htm?appUid=RAzN8HWRnXWPnimotyXfYrc4qA3UqZ53rW87xuqQccnsTJu5ryk",
      null,
    ],
    // shop-hash-host-shop-id / shop-vanity-or-hash-host
    [
      "https://4vhhasmxqjt25cg7za43qs6podckjow.taobao.com/shop/view_shop.htm?appUid=RAzN8HWT&shop_id=100026",
      "100026",
    ],
    [
      "https://g84gtpygdv6trpvdhcsy0kfr73avcip.taobao.com/shop/view_shop.htm?appUid=RAzN8HWKU5B7&spm=a21n57.1.hoverItem.2",
      "host:g84gtpygdv6trpvdhcsy0kfr73avcip",
    ],
    ["https://792758921.world.taobao.com/shop/view_shop.htm?user_number_id=155126737", "host:792758921"],
    ["https://lizhi.taobao.com/", "host:lizhi"],
    ["https://lizhi.taobao.com/shop/view_shop.htm?tracelog=x", "host:lizhi"],
    ["https://petrichor.taobao.com", "host:petrichor"],
    // item pages
    ["https://item.taobao.com/item.htm?id=650000000001", null],
    ["https://item.taobao.com/item.htm?spm=a1z10&id=650000000001&ns=1", null],
    ["https://h5.m.taobao.com/awp/core/detail.htm?id=605605102337&rmdChannelCode=goodShop", null],
    ["https://main.m.taobao.com/security-h5-detail/home?id=650000000001", null],
    ["https://main.m.taobao.com/detail/index.html?id=650000000001&bizCode=ali.china.lease", null],
  ],
  negative: [
    "https://www.taobao.com/",
    "https://s.taobao.com/search?q=%E8%8C%B6%E5%8F%B6",
    "https://login.taobao.com/member/login.jhtml",
    "https://cart.taobao.com/cart.htm",
    "https://item.taobao.com/item.htm",
    "https://lizhi.taobao.com/p/rule.htm",
    "https://taobao.com/",
    "https://shop100001.taobao.com.evil.example/",
    "https://nottaobao.com/",
    "https://shop.m.taobao.com/shop/shop_index.htm",
    "https://shop.m.taobao.com/shop/shop_index.htm?shop_id=",
    "https://h5.m.taobao.com/awp/core/detail.htm",
    "https://h5.m.taobao.com/",
    "https://main.m.taobao.com/",
    "https://main.m.taobao.com/cart/index.html?cartFrom=taobao_client",
    "https://main.m.taobao.com/order/index.html?itemId=1",
    "https://main.m.taobao.com/security-h5-detail/home",
    "https://market.m.taobao.com/apps/market/content/index.html?contentId=231849274911",
    "https://world.taobao.com/",
    "https://store.taobao.com/shop/noshop.htm",
    "https://uland.taobao.com/quan/detail?e=1",
    "https://m.tb.cn/h.5ZxYz",
    "https://sycm.taobao.com/",
    "https://myseller.taobao.com/",
    "https://buyertrade.taobao.com/",
  ],
} as const satisfies { positive: readonly (readonly [string, string | null])[]; negative: readonly string[] };
