/**
 * URL table: positives with the id the URL alone yields (null: the id is only in the page; `{namespace}:…` an identity alias, see rules/builtin.ts).
 * 1688 ids are strings: member ids `b2b-…` and winport ids (the label after `shop`, not always
 * decimal).
 */
export const URLS = {
  positive: [
    ["https://shop100001.1688.com/", "100001"],
    ["https://shop100001.1688.com/page/creditdetail.htm", "100001"],
    [
      "https://shop1434560114962.1688.com/page/index.html?spm=0.0.wp_pc_common_header_companyName_undefined.0",
      "1434560114962",
    ],
    ["https://shop01219r028x733.1688.com/", "01219r028x733"],
    ["https://shop3e67986509770.1688.com/page/offerlist.htm", "3e67986509770"],
    [
      "https://shop9i2i178378493.1688.com/page/index.htm?spm=a2615.7691456.wp_pc_common_topnav.0",
      "9i2i178378493",
    ],
    ["https://b2b-22165305319342b.1688.com/", "b2b-22165305319342b"],
    ["https://winport.m.1688.com/page/index.html?memberId=b2b-221822542203833240", "b2b-221822542203833240"],
    ["https://winport.m.1688.com/page/offerlist.html?memberId=b2b-1641351767", "b2b-1641351767"],
    ["https://m.1688.com/winport/b2b-22108725372987d9fa.html", "b2b-22108725372987d9fa"],
    ["http://m.1688.com/winport/b2b-2566354365ii9gg.html", "b2b-2566354365ii9gg"],
    [
      "https://puchengss.1688.com/page/index.html?spm=a261y.7663282.wp_pc_common_header_companyName_undefined.0",
      "host:puchengss",
    ],
    ["https://puchengss.1688.com/", "host:puchengss"],
    ["https://shopmp.1688.com", "host:shopmp"],
    ["https://detail.1688.com/offer/600000000003.html", null],
    ["https://detail.m.1688.com/offer/600000000003.html", null],
    ["https://m.1688.com/offer/600000000003.html", null],
    ["https://detail.m.1688.com/page/index.html?offerId=857391907810", null],
  ],
  negative: [
    "https://www.1688.com/",
    "https://s.1688.com/selloffer/offer_search.htm?keywords=%E8%80%B3%E6%9C%BA",
    "https://s.1688.com/company/company_search.htm?keywords=x",
    "https://detail.1688.com/",
    "https://work.1688.com/",
    "https://shop100001.1688.com.evil.example/",
    "https://winport.m.1688.com/page/index.html",
    "https://winport.m.1688.com/winport/asyncView",
    "https://m.1688.com/",
    "https://m.1688.com/winport/.html",
    "https://detail.m.1688.com/page/index.html",
    "https://cui.m.1688.com/weex/page/5477.html",
    "https://puchengss.1688.com/page/offerlist/123.htm",
  ],
} as const satisfies { positive: readonly (readonly [string, string | null])[]; negative: readonly string[] };
