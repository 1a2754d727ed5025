export const URLS = {
  positive: [
    ["https://shop100001.tmall.com/", "100001"],
    ["https://shop100001.tmall.com/category-1400001.htm", "100001"],
    ["https://hemuxiu.tmall.com/", null],
    ["https://detail.tmall.com/item.htm?id=700000000003", null],
    ["https://detail.tmall.hk/hk/item.htm?id=700000000009", null],
    ["https://shop.m.tmall.com/shop/shop_index.htm?shop_id=100010", "100010"],
  ],
  negative: [
    "https://www.tmall.com/",
    "https://list.tmall.com/search_product.htm?q=%E8%80%B3%E6%9C%BA",
    "https://detail.tmall.com/item.htm",
    "https://chaoshi.tmall.com/",
    "https://pages.tmall.com/wow/a/act/tmall/tmc/1.html",
    "https://hemuxiu.tmall.com/p/rd123.htm",
  ],
} as const satisfies { positive: readonly (readonly [string, string | null])[]; negative: readonly string[] };
