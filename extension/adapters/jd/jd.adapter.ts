/**
 * JD: the built-in rules (`platforms.jd`) applied by the rules engine. Shapes: shop home pages
 * `mall.jd.com/index-{id}.html`, mobile `shop.m.jd.com/?shopId=` (a `venderId` alone is not a shop
 * id), brand hosts such as `honor.jd.com` (id only in the page), and item pages `item.jd.com`,
 * `item.jd.hk`, `npcitem.jd.hk`, `item.m.jd.com/product/{sku}.html`, where the shop id is read from
 * `pageConfig.product.shopId` (never `venderId`, which differs for third-party sellers), `#shop_id`
 * or the shop box's link.
 */
import { builtinAdapter } from "../index.ts";

export const jd = builtinAdapter("jd");
