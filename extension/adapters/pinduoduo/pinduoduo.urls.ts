/** URL table: positives with the id the URL alone yields (null: the id is only in the page; `{namespace}:…` an identity alias, see rules/builtin.ts). */
export const URLS = {
  positive: [
    ["https://mobile.yangkeduo.com/mall_page.html?mall_id=100002", "100002"],
    ["https://mobile.yangkeduo.com/mall_page.html?refer_page_name=index&mall_id=100003", "100003"],
    ["https://mobile.pinduoduo.com/mall_page.html?mall_id=100004", "100004"],
    ["https://mobile.yangkeduo.com/goods.html?goods_id=400000000004", null],
    ["https://mobile.yangkeduo.com/goods2.html?goods_id=400000000004", null],
    ["https://mobile.pinduoduo.com/goods.html?goods_id=400000000004&_x_query=%E8%8C%B6", null],
  ],
  negative: [
    "https://mobile.yangkeduo.com/",
    "https://mobile.yangkeduo.com/mall_page.html",
    "https://mobile.yangkeduo.com/mall_page.html?mall_id=",
    "https://mobile.yangkeduo.com/search_result.html?search_key=%E8%8C%B6",
    "https://www.pinduoduo.com/home/about/",
    "https://mobile.yangkeduo.com/goods.html",
    "https://mms.pinduoduo.com/sycm/goods_effect?msfrom=mms_sidenav",
    "https://mobile.yangkeduo.com/mall_certificates.html?mall_id=100002",
  ],
} as const satisfies { positive: readonly (readonly [string, string | null])[]; negative: readonly string[] };
