/**
 * Pinduoduo: the built-in rules (`platforms.pinduoduo`) applied by the rules engine. Shapes:
 * `mall_page.html?mall_id={id}` on mobile.yangkeduo.com (and the mobile.pinduoduo.com alias), and
 * goods pages `goods.html?goods_id=` whose mall id is often only in the inline
 * `window.rawData = {…}` (store.initDataObj.goods.mallID), read as JSON text, never executed.
 */
import { builtinAdapter } from "../index.ts";

export const pinduoduo = builtinAdapter("pinduoduo");
