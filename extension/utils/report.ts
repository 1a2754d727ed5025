/**
 * Links built on the device. The 12315 link carries the shop (platform, shop id, shop page) so a
 * report starts prefilled; it is opened only when the person clicks, and goes to 12315, not to us.
 */
import { PLATFORM_LABELS, type Platform } from "@xinbiao/db/model";

export function report12315Link(opts: {
  merchantName: string | null;
  platform: Platform | null;
  shopId: string | null;
  pageUrl: string;
}): string {
  const shop = opts.platform && opts.shopId ? `${PLATFORM_LABELS[opts.platform].zh}店铺 ${opts.shopId}` : "";
  const keyword = [opts.merchantName, shop].filter(Boolean).join(" ");
  const q = new URLSearchParams({ keyword, url: opts.pageUrl });
  return `https://www.12315.cn/?${q.toString()}`;
}

export function creditChinaLink(uscc: string): string {
  return `https://www.creditchina.gov.cn/xinyongxinxi/index.html?keyword=${encodeURIComponent(uscc)}`;
}

export function publicPageLink(serviceUrl: string, uscc: string): string {
  return `${serviceUrl}/m/${encodeURIComponent(uscc)}`;
}
