/**
 * Tmall (and Tmall Global on tmall.hk): the built-in rules (`platforms.tmall`) applied by the rules
 * engine. Shapes: `shop{id}.tmall.com`, brand hosts `{brand}.tmall.com`, `{brand}.m.tmall.com`,
 * `{brand}.world.tmall.com` (id only in the page: TShop.Setup `rstShopId`, `#LineZing[shopid]`,
 * `_DATA_Detail.seller.shopId`, microscope-data), `shop.m.tmall.com/shop/shop_index.htm?shop_id=`,
 * and item pages on detail.tmall.com / detail.m.tmall.com / detail.tmall.hk whose shop header links
 * to `//shop{id}.tmall.com` or, on the 2025 unified page, `//shop{id}.taobao.com`.
 */
import { builtinAdapter } from "../index.ts";

export const tmall = builtinAdapter("tmall");
