export const URLS = {
  positive: [
    ["https://mall.jd.com/index-1000001.html", "1000001"],
    ["https://mall.jd.com/index-1000001.html?from=pc", "1000001"],
    ["https://shop.m.jd.com/?shopId=1000002", "1000002"],
    ["https://shop.m.jd.com/shop/home?shopId=1000003&venderId=1100003", "1000003"],
    ["https://item.jd.com/100012345678.html", null],
    ["https://item.m.jd.com/product/100012345678.html", null],
  ],
  negative: [
    "https://www.jd.com/",
    "https://search.jd.com/Search?keyword=%E8%80%B3%E6%9C%BA",
    "https://mall.jd.com/showLicence-1000001.html",
    "https://item.jd.com/",
    "https://shop.m.jd.com/",
    "https://cart.jd.com/cart_index",
    "https://jd.com.evil.example/index-1000001.html",
  ],
} as const satisfies { positive: readonly (readonly [string, string | null])[]; negative: readonly string[] };
