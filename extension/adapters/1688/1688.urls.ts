export const URLS = {
  positive: [
    ["https://shop100001.1688.com/", "100001"],
    ["https://shop100001.1688.com/page/creditdetail.htm", "100001"],
    ["https://detail.1688.com/offer/600000000003.html", null],
    ["https://detail.m.1688.com/offer/600000000003.html", null],
  ],
  negative: [
    "https://www.1688.com/",
    "https://s.1688.com/selloffer/offer_search.htm?keywords=%E8%80%B3%E6%9C%BA",
    "https://detail.1688.com/",
    "https://work.1688.com/",
    "https://shop100001.1688.com.evil.example/",
  ],
} as const satisfies { positive: readonly (readonly [string, string | null])[]; negative: readonly string[] };
