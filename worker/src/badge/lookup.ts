/**
 * Record and shop lookups shared by the badge, embed and page routes. Records come from the same
 * builder as `GET /api/v1/merchants/{uscc}`, so every surface shows what the signed record says.
 */
import type { PublicRecord } from "@xinbiao/db/model";
import { shops } from "@xinbiao/db/schema";
import { and, eq } from "drizzle-orm";
import type { AppDeps } from "../deps.ts";
import { recordService } from "../records/service-registry.ts";

export async function recordFor(deps: AppDeps, baseUrl: string, uscc: string): Promise<PublicRecord | null> {
  const built = await recordService(deps).records([uscc], baseUrl, deps.now());
  return built.get(uscc)?.record ?? null;
}

export interface ShopRow {
  platform: string;
  shopId: string;
  uscc: string;
  name: string | null;
  origins: string[];
}

export async function shopFor(deps: AppDeps, platform: string, shopId: string): Promise<ShopRow | null> {
  const row = await deps.db
    .select({
      platform: shops.platform,
      shopId: shops.shopId,
      uscc: shops.uscc,
      name: shops.name,
      origins: shops.origins,
    })
    .from(shops)
    .where(and(eq(shops.platform, platform), eq(shops.shopId, shopId)))
    .get();
  return row ?? null;
}
