/**
 * Public API v1: signed records, shop lookups, search, and the privacy-preserving range and prefix-set
 * endpoints of DESIGN §6. Everything here is public, read-only and cacheable.
 */

import {
  guardPublicText,
  isPlatform,
  normalizeUscc,
  PLATFORMS,
  type PrefixSet,
  scrubPersonalData,
  validateUscc,
} from "@xinbiao/db/model";
import { merchants, shops } from "@xinbiao/db/schema";
import { and, asc, eq, like, or, sql } from "drizzle-orm";
import { Hono } from "hono";
import type { AppEnv } from "../deps.ts";
import { ApiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { sendPublic } from "../middleware/public-body.ts";
import { compactRecord } from "../records/build-records.ts";
import { loadPrefixSet } from "../records/prefix-set.ts";
import { rangeBucket } from "../records/range-buckets.ts";
import { recordService } from "../records/service-registry.ts";
import { signedPrefixSet } from "../records/signed-range.ts";
import { platformShopParam, rangeParam, searchQuery, usccParam } from "./schemas.ts";

/** What c.json() sends. */
const JSON_TYPE = "application/json";

/** Public caching: browsers a minute, shared caches (CDN, Cache API) five. */
export const PUBLIC_CACHE = "public, max-age=60, s-maxage=300, stale-while-revalidate=600";

/**
 * Resolve a USCC from the path, or answer 400 saying what is wrong. A code that fails a check
 * character is still served when that exact code is in the registry as an early pilot code (DESIGN §4).
 */
export async function resolveUscc(c: { var: AppEnv["Variables"] }, raw: string): Promise<string> {
  const r = validateUscc(raw);
  if (r.ok) return r.uscc;
  const p = r.problem;
  if (p.code === "check_digit" || p.code === "org_check") {
    const pilot = await c.var.deps.db
      .select({ uscc: merchants.uscc })
      .from(merchants)
      .where(and(eq(merchants.uscc, r.uscc), eq(merchants.pilotCode, true)))
      .get();
    if (pilot) return pilot.uscc;
  }
  throw new ApiError(400, "invalid_uscc", `${p.zh} / ${p.en}`, "uscc", p);
}

export function assertPlatform(platform: string): void {
  if (!isPlatform(platform)) {
    throw new ApiError(
      400,
      "unknown_platform",
      `不支持的平台「${platform}」，支持：${PLATFORMS.join("、")} / unsupported platform; supported: ${PLATFORMS.join(", ")}`,
      "platform",
      { supported: PLATFORMS },
    );
  }
}

export const apiRoutes = new Hono<AppEnv>()
  .get("/merchants/:uscc", validate("param", usccParam), async (c) => {
    const uscc = await resolveUscc(c, c.req.valid("param").uscc);
    const sent = await recordService(c.var.deps).envelopeBody(uscc, c.var.baseUrl, c.var.deps.now());
    if (!sent) throw new ApiError(404, "not_found", `未收录该主体 / no merchant with code ${uscc}`, "uscc");
    c.header("Cache-Control", PUBLIC_CACHE);
    return sendPublic(c, sent.body, JSON_TYPE, sent.etag);
  })

  .get("/shops/:platform/:shopId", validate("param", platformShopParam), async (c) => {
    const { platform, shopId } = c.req.valid("param");
    assertPlatform(platform);
    const shop = await c.var.deps.db
      .select()
      .from(shops)
      .where(and(eq(shops.platform, platform), eq(shops.shopId, shopId)))
      .get();
    if (!shop) {
      throw new ApiError(404, "not_found", `未收录该店铺 / no shop ${platform}:${shopId}`, "shopId");
    }
    const env = await recordService(c.var.deps).envelope(shop.uscc, c.var.baseUrl, c.var.deps.now());
    if (!env)
      throw new ApiError(404, "not_found", `店铺的经营者未收录 / the shop's merchant is unknown`, "shopId");
    c.header("Cache-Control", PUBLIC_CACHE);
    return c.json({
      // Partner-supplied text: through the public-output guard (pii-guard.ts) like the record.
      shop: {
        platform: shop.platform,
        shopId: shop.shopId,
        name: shop.name === null ? null : guardPublicText(shop.name),
        url: shop.url === null ? null : guardPublicText(shop.url),
        uscc: shop.uscc,
      },
      ...env,
    });
  })

  .get("/search", validate("query", searchQuery), async (c) => {
    const { q, limit, offset } = c.req.valid("query");
    const db = c.var.deps.db;
    const code = normalizeUscc(q);
    const looksLikeCode = /^[0-9A-HJ-NP-RT-UW-Y]{2,18}$/.test(code) && /\d/.test(code);
    // Name substring, or USCC exact/prefix. LIKE wildcards in the query are escaped.
    const escaped = q.replace(/[\\%_]/g, (m) => `\\${m}`);
    // Natural persons are never found by name: a name search must not confirm who sells online
    // (PIPL); they are found by code only.
    const byName = sql`(${merchants.name} LIKE ${`%${escaped}%`} ESCAPE '\\' AND ${merchants.kind} <> 'natural_person')`;
    const where = looksLikeCode ? or(like(merchants.uscc, `${code}%`), byName) : byName;
    const rows = await db
      .select({ uscc: merchants.uscc, total: sql<number>`count(*) over ()` })
      .from(merchants)
      .where(where)
      .orderBy(asc(merchants.name), asc(merchants.uscc))
      .limit(limit)
      .offset(offset);
    const built = await recordService(c.var.deps).records(
      rows.map((r) => r.uscc),
      c.var.baseUrl,
      c.var.deps.now(),
    );
    c.header("Cache-Control", PUBLIC_CACHE);
    return c.json({
      query: scrubPersonalData(q),
      total: rows[0]?.total ?? 0,
      limit,
      offset,
      results: rows
        .map((r) => built.get(r.uscc))
        .filter((b) => b !== undefined)
        .map((b) => ({ ...compactRecord(b.record), region: b.record.region, page: b.record.links.page })),
    });
  })

  .get("/range/:prefix", validate("param", rangeParam), async (c) => {
    const prefix = c.req.valid("param").prefix.toLowerCase();
    // Kept between requests and built again only after a change to the bucket or at midnight in China.
    const { body, etag } = await rangeBucket(c.var.deps, prefix, c.var.baseUrl);
    c.header("Cache-Control", PUBLIC_CACHE);
    return sendPublic(c, body, JSON_TYPE, etag);
  })

  .get("/lists/prefixes", async (c) => {
    const set: PrefixSet = await loadPrefixSet(c.var.deps);
    c.header("Cache-Control", PUBLIC_CACHE);
    // Signed (issue 14): once per version and hour, records/signed-range.ts.
    return c.json(await signedPrefixSet(c.var.deps.signer, set, c.var.deps.now()));
  });
