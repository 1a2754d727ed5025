/**
 * zod schemas of the public API's parameters; the OpenAPI document is generated from them.
 */
import { PLATFORMS, validateUscc } from "@xinbiao/db/model";
import { z } from "zod";
import { SHOP_KEY_RE } from "../partner/shop-id.ts";

export const usccParam = z.object({
  uscc: z
    .string()
    .max(64, "统一社会信用代码过长 / code too long")
    .describe("统一社会信用代码 (GB 32100-2015), 18 characters"),
});

export const platformShopParam = z.object({
  platform: z
    .string()
    .max(32)
    .describe(`one of ${PLATFORMS.join(", ")}`),
  shopId: z
    .string()
    .min(1)
    .max(81, "店铺编号过长 / shop id too long")
    .regex(
      SHOP_KEY_RE,
      "店铺编号只能包含字母、数字、_ . -（别名前缀如 seller: 除外） / shop id may only contain letters, digits, _ . - (after an alias prefix such as seller:)",
    ),
});

export const searchQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, "请输入名称或统一社会信用代码 / enter a name or a unified social credit code")
    .max(100, "查询词过长（最多 100 字） / query too long (100 characters at most)"),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export const rangeParam = z.object({
  prefix: z
    .string()
    .regex(
      /^[0-9a-fA-F]{4}$/,
      "前缀应为 4 位十六进制 / prefix must be 4 hex characters (first 4 of SHA-256)",
    ),
});

export { validateUscc };
