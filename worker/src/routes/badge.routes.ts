/**
 * SVG badges: `GET /badge/{uscc}.svg` and `GET /badge/{platform}/{shopId}.svg` (?style=flat|large,
 * ?lang=zh|en). The link badge of 电子商务法 §15 for pages that cannot run the embed script.
 * A merchant or shop we do not have gets a grey "未收录 / not listed" badge — never a "safe" one.
 * Bad input (a malformed code, an unknown platform or style) answers 400 in the JSON error shape.
 */
import { brandOf } from "@xinbiao/db/model";
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { Lang } from "../badge/labels.ts";
import { recordFor, shopFor } from "../badge/lookup.ts";
import { BADGE_STYLES, badgeContent, renderBadge } from "../badge/render-badge.ts";
import type { AppEnv } from "../deps.ts";
import { ApiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { sendPublic } from "../middleware/public-body.ts";
import { recordService } from "../records/service-registry.ts";
import { assertPlatform, resolveUscc } from "./api.routes.ts";
import { platformShopParam } from "./schemas.ts";

/** Badges: browsers a minute, shared caches five (list changes must show within minutes). */
export const BADGE_CACHE = "public, max-age=60, s-maxage=300, stale-while-revalidate=600";
/** An SVG opened on its own must not run anything, even if a future bug let markup in. */
const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'";

const badgeQuery = z.object({
  style: z
    .enum(BADGE_STYLES, {
      error: `样式应为 ${BADGE_STYLES.join("、")} / style must be one of ${BADGE_STYLES.join(", ")}`,
    })
    .default("flat"),
  lang: z.enum(["zh", "en"], { error: "语言应为 zh 或 en / lang must be zh or en" }).default("zh"),
});

function svg(c: Context<AppEnv>, body: string | Uint8Array, state: string, etag?: string): Response {
  c.header("Cache-Control", BADGE_CACHE);
  c.header("Content-Security-Policy", SVG_CSP);
  // Platforms embed badges as <img> on their own origins.
  c.header("Cross-Origin-Resource-Policy", "cross-origin");
  c.header("Access-Control-Allow-Origin", "*");
  c.header("X-Xinbiao-State", state);
  return sendPublic(c, body, "image/svg+xml; charset=utf-8", etag);
}

export const badgeRoutes = new Hono<AppEnv>()
  .get("/:file{[^/]+\\.svg}", validate("query", badgeQuery), async (c) => {
    const { style, lang } = c.req.valid("query");
    const uscc = await resolveUscc(c, c.req.param("file").slice(0, -4));
    // Rendered once per record build and variant, then served from beside the cached record.
    const made = await recordService(c.var.deps).derivedBody(
      uscc,
      c.var.baseUrl,
      c.var.deps.now(),
      `badge|${style}|${lang}`,
      (built) => {
        const brand = brandOf(uscc.slice(2, 8));
        const content = badgeContent(
          built?.record ?? null,
          lang as Lang,
          lang === "en" ? brand.en : brand.zh,
        );
        return { body: renderBadge(content, style, lang), note: content.tone };
      },
    );
    return svg(c, made.body, made.note, made.etag);
  })
  .get("/:platform/:file{[^/]+\\.svg}", validate("query", badgeQuery), async (c) => {
    const { style, lang } = c.req.valid("query");
    const platform = c.req.param("platform");
    assertPlatform(platform);
    const parsed = platformShopParam.safeParse({ platform, shopId: c.req.param("file").slice(0, -4) });
    if (!parsed.success) {
      throw new ApiError(400, "invalid_parameter", parsed.error.issues[0]!.message, "shopId");
    }
    const shop = await shopFor(c.var.deps, platform, parsed.data.shopId);
    const record = shop ? await recordFor(c.var.deps, c.var.baseUrl, shop.uscc) : null;
    const content = badgeContent(record, lang);
    return svg(c, renderBadge(content, style, lang), content.tone);
  });
