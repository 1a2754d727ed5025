/**
 * Taobao: the built-in rules (rules/builtin.ts, `platforms.taobao`) applied by the rules engine.
 * Shapes: `shop{id}.taobao.com`, `shop{id}.world.taobao.com`, `shop{id}.m.taobao.com`,
 * `shop.m.taobao.com/shop/shop_index.htm?shop_id=` / `?shopId=` (and `?user_id=`, a seller id: page
 * only), the 2023+ random-hash shop hosts (`{hash}.taobao.com/shop/view_shop.htm?appUid=…`, with
 * `&shop_id=` when present), `store.taobao.com/shop/view_shop.htm`, vanity hosts, and item pages on
 * item.taobao.com, h5.m.taobao.com and main.m.taobao.com (where m.tb.cn share links land).
 */
import { builtinAdapter } from "../index.ts";

export const taobao = builtinAdapter("taobao");
