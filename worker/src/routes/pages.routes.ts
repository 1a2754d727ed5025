/**
 * Server-rendered pages (hono/jsx), usable without client JavaScript: `/` search window, `/m/{uscc}`
 * public record, `/s/{platform}/{shopId}` (a shop's badge link → its record), `/method`, `/platforms`,
 * and the stylesheet. zh-CN by default; `?lang=en` or Accept-Language for English (hence `Vary`).
 * Pages run under a CSP with no inline script or style.
 */
import { guardPublicText, scrubPersonalData } from "@xinbiao/db/model";
import { shops } from "@xinbiao/db/schema";
import { and, eq, inArray } from "drizzle-orm";
import { type Context, Hono } from "hono";
import type { HtmlEscapedString } from "hono/utils/html";
import { lastAuditSummary } from "../audit-results/audit-results.service.ts";
import { recordFor, shopFor } from "../badge/lookup.ts";
import type { AppEnv } from "../deps.ts";
import { ApiError } from "../lib/errors.ts";
import { negotiateLang, type PageLang, tr } from "../pages/i18n.ts";
import { MerchantPage } from "../pages/merchant.page.tsx";
import { MethodPage } from "../pages/method.page.tsx";
import { NotFoundPage } from "../pages/not-found.page.tsx";
import { PlatformsPage, type PreviewShop } from "../pages/platforms.page.tsx";
import { SearchPage } from "../pages/search.page.tsx";
import { searchMerchants } from "../pages/search-merchants.ts";
import { SITE_CSS } from "../pages/site.css.ts";
import { SHOP_KEY_RE } from "../partner/shop-id.ts";
import { assertPlatform, resolveUscc } from "./api.routes.ts";

export const PAGE_CACHE = "public, max-age=60, s-maxage=300, stale-while-revalidate=600";

/** No inline script or style anywhere; /platforms alone loads our own embed.js for its preview. */
export function pageCsp(allowScript: boolean): string {
  return [
    "default-src 'none'",
    "style-src 'self'",
    "img-src 'self' data:",
    `script-src ${allowScript ? "'self'" : "'none'"}`,
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

function langOf(c: Context<AppEnv>): PageLang {
  return negotiateLang(c.req.query("lang"), c.req.header("Accept-Language"));
}

type Jsx = HtmlEscapedString | Promise<HtmlEscapedString>;

async function page(
  c: Context<AppEnv>,
  pl: PageLang,
  body: Jsx,
  opts: { status?: 200 | 400 | 404; script?: boolean; cache?: string } = {},
): Promise<Response> {
  c.header("Content-Security-Policy", pageCsp(opts.script ?? false));
  c.header("Cache-Control", opts.cache ?? PAGE_CACHE);
  c.header("Vary", "Accept-Language");
  c.header("Content-Language", pl.lang === "en" ? "en" : "zh-CN");
  c.header("X-Frame-Options", "DENY");
  // Last pass of the public-output guard over the page (records are guarded when built; this catches
  // text a page adds from elsewhere, e.g. audit summaries). pii-guard.ts, issue 13 item 1.
  return c.html(guardPublicText(`<!doctype html>${await body}`), opts.status ?? 200);
}

export const pagesRoutes = new Hono<AppEnv>()
  .get("/assets/site.css", (c) => {
    c.header("Content-Type", "text/css; charset=utf-8");
    c.header("Cache-Control", "public, max-age=3600, s-maxage=86400");
    return c.body(SITE_CSS);
  })

  .get("/", async (c) => {
    const pl = langOf(c);
    const demo = c.var.deps.demo;
    // The query is echoed on the page; ID and phone numbers in it are masked like everywhere else.
    const q = scrubPersonalData((c.req.query("q") ?? "").trim());
    const rawOffset = c.req.query("offset") ?? "0";
    if (!q) return page(c, pl, SearchPage({ pl, demo, offset: 0 }));
    if ([...q].length > 100) {
      const error = tr(
        pl.lang,
        "查询词过长（最多 100 字）。",
        "The query is too long (100 characters at most).",
      );
      return page(c, pl, SearchPage({ pl, demo, q: q.slice(0, 100), error, offset: 0 }), { status: 400 });
    }
    const offset = Number(rawOffset);
    if (!/^\d{1,5}$/.test(rawOffset) || offset > 10_000) {
      const error = tr(
        pl.lang,
        `翻页参数 offset 应为 0 到 10000 的整数，收到「${rawOffset.slice(0, 20)}」。`,
        `offset must be a whole number from 0 to 10000, got "${rawOffset.slice(0, 20)}".`,
      );
      return page(c, pl, SearchPage({ pl, demo, q, error, offset: 0 }), { status: 400 });
    }
    const result = await searchMerchants(c.var.deps, c.var.baseUrl, q, offset);
    return page(c, pl, SearchPage({ pl, demo, q, offset, result }));
  })

  .get("/m/:uscc", async (c) => {
    const pl = langOf(c);
    const demo = c.var.deps.demo;
    const raw = c.req.param("uscc");
    let uscc: string;
    try {
      uscc = await resolveUscc(c, raw.slice(0, 64));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const p = err.details as { zh?: string; en?: string } | undefined;
      const message = tr(
        pl.lang,
        `统一社会信用代码「${raw.slice(0, 64)}」有误：${p?.zh ?? err.message}`,
        `The unified social credit code "${raw.slice(0, 64)}" is malformed: ${p?.en ?? err.message}`,
      );
      const heading = tr(pl.lang, "代码有误", "Invalid code");
      return page(c, pl, NotFoundPage({ pl, demo, heading, message, q: raw.slice(0, 64) }), { status: 400 });
    }
    const record = await recordFor(c.var.deps, c.var.baseUrl, uscc);
    if (!record) {
      const message = tr(
        pl.lang,
        `信标未收录代码为 ${uscc} 的经营者。`,
        `Not in Xinbiao: no seller with code ${uscc}.`,
      );
      return page(c, pl, NotFoundPage({ pl, demo, message, q: uscc }), { status: 404 });
    }
    // Public summary only: when, where, and the outcome (电子商务法 §15 display check).
    const audit = await lastAuditSummary(c.var.deps.db, uscc);
    return page(c, pl, MerchantPage({ pl, demo, r: record, audit }));
  })

  .get("/s/:platform/:shopId", async (c) => {
    const pl = langOf(c);
    const { platform, shopId } = c.req.param();
    try {
      assertPlatform(platform);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      return page(c, pl, NotFoundPage({ pl, demo: c.var.deps.demo, message: err.message }), { status: 400 });
    }
    const shop = SHOP_KEY_RE.test(shopId) ? await shopFor(c.var.deps, platform, shopId) : null;
    if (!shop) {
      const message = tr(
        pl.lang,
        `信标未收录店铺 ${platform}:${shopId.slice(0, 64)}。`,
        `Not in Xinbiao: no shop ${platform}:${shopId.slice(0, 64)}.`,
      );
      return page(c, pl, NotFoundPage({ pl, demo: c.var.deps.demo, message }), { status: 404 });
    }
    c.header("Cache-Control", PAGE_CACHE);
    return c.redirect(`/m/${shop.uscc}${pl.explicit ? `?lang=${pl.lang}` : ""}`, 302);
  })

  .get("/method", (c) => {
    const pl = langOf(c);
    return page(c, pl, MethodPage({ pl, demo: c.var.deps.demo }), {
      cache: "public, max-age=300, s-maxage=3600",
    });
  })

  .get("/platforms", async (c) => {
    const pl = langOf(c);
    // Preview with the demo anchors when present (trusted jd:1000001, blacklisted jd:1000003), else any shop.
    let preview: PreviewShop[] = await c.var.deps.db
      .select({ platform: shops.platform, shopId: shops.shopId, uscc: shops.uscc })
      .from(shops)
      .where(and(eq(shops.platform, "jd"), inArray(shops.shopId, ["1000001", "1000003"])))
      .orderBy(shops.shopId);
    if (preview.length === 0) {
      preview = await c.var.deps.db
        .select({ platform: shops.platform, shopId: shops.shopId, uscc: shops.uscc })
        .from(shops)
        .limit(1);
    }
    return page(c, pl, PlatformsPage({ pl, demo: c.var.deps.demo, baseUrl: c.var.baseUrl, shops: preview }), {
      script: true,
    });
  });

/** The HTML 404 for a person's browser on an unknown path (API clients keep the JSON shape). */
export async function htmlNotFound(c: Context<AppEnv>): Promise<Response> {
  const pl = langOf(c);
  const message = tr(pl.lang, `没有这个页面：${c.req.path}`, `No such page: ${c.req.path}`);
  return page(c, pl, NotFoundPage({ pl, demo: c.var.deps.demo, message }), { status: 404 });
}
