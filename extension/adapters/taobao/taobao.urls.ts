/** URL table: positives with the id the URL alone yields (null: the id is only in the page). */
export const URLS = {
  positive: [
    ["https://shop100001.taobao.com/", "100001"],
    ["https://shop100001.taobao.com/search.htm?search=y", "100001"],
    ["http://shop57301234.taobao.com/category-1234567.htm", "57301234"],
    ["https://item.taobao.com/item.htm?id=650000000001", null],
    ["https://item.taobao.com/item.htm?spm=a1z10&id=650000000001&ns=1", null],
    ["https://shop.m.taobao.com/shop/shop_index.htm?shop_id=100002", "100002"],
    ["https://lizhi.taobao.com/", null],
    ["https://lizhi.taobao.com/shop/view_shop.htm?tracelog=x", null],
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
  ],
} as const satisfies { positive: readonly (readonly [string, string | null])[]; negative: readonly string[] };
