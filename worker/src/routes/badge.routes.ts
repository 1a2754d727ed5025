/**
 * SVG badges: `GET /badge/{uscc}.svg` and `GET /badge/{platform}/{shopId}.svg` (?style=flat|large,
 * ?lang=zh|en). The link badge of 电子商务法 §15 for pages that cannot run the embed script.
 * A merchant or shop we do not have gets a grey "信标未收录 / not in Xinbiao" badge — never a "safe" one.
 *
 * Every answer is an SVG (issue 19; shields' error badges): a page embeds the URL as <img>, so a JSON
 * error would show a broken image. Bad input — a malformed code, an unknown platform, a bad shop id,
 * style or lang — answers 400 with a grey badge that says what is wrong (代码无效 / 不支持的平台 /
 * 标识地址有误) in the language asked for when that was valid, and names the field and the reason in
 * `X-Xinbiao-Error` (the one error shape's code and field, for clients that read headers).
 *
 * Bound like the script badge (DESIGN §6, issue 19): when the browser says which page shows the
 * image (the `Referer`'s origin; Chromium and Firefox send at least the origin cross-site by default)
 * and that origin is not one the platform registered for the shop (for a `{uscc}` badge: for any of
 * the merchant's shops; our own site always counts), the badge says 未在本站登记 / not registered here,
 * its title names the merchant, and the view is counted in `badge_misuse`. Without a Referer the
 * badge cannot tell and shows the record (a page can always withhold it; the record page and the
 * extension remain the checks). Answers vary on Referer; a not-registered answer is never cached.
 */
import { isPlatform } from "@xinbiao/db/model";
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { Lang } from "../badge/labels.ts";
import { recordFor, shopFor } from "../badge/lookup.ts";
import type { BadgeContent } from "../badge/render-badge.ts";
import {
  BADGE_STYLES,
  type BadgeStyle,
  badgeContent,
  renderBadge,
  stateContent,
} from "../badge/render-badge.ts";
import type { AppEnv } from "../deps.ts";
import { isRegistered, merchantOrigins, recordMisuse } from "../embed/origin-binding.ts";
import { ApiError } from "../lib/errors.ts";
import { sendPublic } from "../middleware/public-body.ts";
import { recordService } from "../records/service-registry.ts";
import { resolveUscc } from "./api.routes.ts";
import { platformShopParam } from "./schemas.ts";

/** Badges: browsers a minute, shared caches five (list changes must show within minutes). */
export const BADGE_CACHE = "public, max-age=60, s-maxage=300, stale-while-revalidate=600";
/** An SVG opened on its own must not run anything, even if a future bug let markup in. */
const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'";

const styleParam = z
  .enum(BADGE_STYLES, {
    error: `样式应为 ${BADGE_STYLES.join("、")} / style must be one of ${BADGE_STYLES.join(", ")}`,
  })
  .default("flat");
const langParam = z.enum(["zh", "en"], { error: "语言应为 zh 或 en / lang must be zh or en" }).default("zh");

function svg(
  c: Context<AppEnv>,
  body: string | Uint8Array,
  state: string,
  etag?: string,
  cache = BADGE_CACHE,
): Response {
  c.header("Cache-Control", cache);
  // The answer depends on the page showing the image (origin binding below).
  c.header("Vary", "Referer");
  c.header("Content-Security-Policy", SVG_CSP);
  // Platforms embed badges as <img> on their own origins.
  c.header("Cross-Origin-Resource-Policy", "cross-origin");
  c.header("Access-Control-Allow-Origin", "*");
  c.header("X-Xinbiao-State", state);
  return sendPublic(c, body, "image/svg+xml; charset=utf-8", etag);
}

/** The badge for bad input: status 400, grey, the state in words, the field in a header. */
function errorBadge(
  c: Context<AppEnv>,
  state: "invalid_code" | "unsupported_platform" | "bad_request",
  err: { code: string; field: string; message: string },
  style: BadgeStyle,
  lang: Lang,
): Response {
  const content = stateContent(state, lang);
  c.status(400);
  // Header values must be ByteStrings: the message's Chinese half goes percent-encoded.
  c.header("X-Xinbiao-Error", `${err.code}; field=${err.field}; message=${encodeURIComponent(err.message)}`);
  return svg(c, renderBadge(content, style, lang), state);
}

/** The origin of the page showing the image, when the browser said; null when it did not. */
function refererOrigin(c: Context<AppEnv>): string | null {
  const raw = c.req.header("Referer");
  if (!raw) return null;
  try {
    const u = new URL(raw);
    return u.protocol === "https:" || u.protocol === "http:" ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * When the image is shown on a page whose origin is not registered for it: count the view and
 * answer the not-registered badge (naming the merchant in its title); else null (show the record).
 */
async function unboundBadge(
  c: Context<AppEnv>,
  bound: () => Promise<{ origins: string[]; subject: string } | null>,
  misuse: [platform: string, shopId: string],
  style: BadgeStyle,
  lang: Lang,
): Promise<Response | null> {
  const origin = refererOrigin(c);
  if (!origin) return null;
  const own = [new URL(c.var.baseUrl).origin, new URL(c.req.url).origin];
  if (isRegistered(origin, own)) return null;
  // Only a merchant we hold can be misused; an unknown one gets its 信标未收录 badge.
  const b = await bound();
  if (!b || isRegistered(origin, b.origins)) return null;
  await recordMisuse(c.var.deps, misuse[0], misuse[1], origin);
  const content: BadgeContent = { ...stateContent("unregistered", lang), subject: b.subject };
  // Never cached: every view on a foreign site is counted, and the registered site must not get it.
  return svg(c, renderBadge(content, style, lang), "unregistered", undefined, "no-store");
}

/** style and lang: each falls back to its default when wrong, so the error badge itself still draws. */
function badgeOptions(c: Context<AppEnv>) {
  const style = styleParam.safeParse(c.req.query("style"));
  const lang = langParam.safeParse(c.req.query("lang"));
  const opts = { style: style.data ?? "flat", lang: (lang.data ?? "zh") as Lang };
  const bad = !style.success
    ? { field: "style", r: style }
    : !lang.success
      ? { field: "lang", r: lang }
      : null;
  const problem = bad
    ? { code: "invalid_parameter", field: bad.field, message: bad.r.error!.issues[0]!.message }
    : null;
  return { ...opts, problem };
}

export const badgeRoutes = new Hono<AppEnv>()
  .get("/:file{[^/]+\\.svg}", async (c) => {
    const { style, lang, problem } = badgeOptions(c);
    if (problem) return errorBadge(c, "bad_request", problem, style, lang);
    let uscc: string;
    try {
      uscc = await resolveUscc(c, c.req.param("file").slice(0, -4));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return errorBadge(c, "invalid_code", { code: e.code, field: "uscc", message: e.message }, style, lang);
    }
    const deps = c.var.deps;
    const bound = await unboundBadge(
      c,
      async () => {
        const record = await recordFor(deps, c.var.baseUrl, uscc);
        return record ? { origins: await merchantOrigins(deps, uscc), subject: record.name } : null;
      },
      ["uscc", uscc],
      style,
      lang,
    );
    if (bound) return bound;
    // Rendered once per record build and variant, then served from beside the cached record.
    const made = await recordService(c.var.deps).derivedBody(
      uscc,
      c.var.baseUrl,
      c.var.deps.now(),
      `badge|${style}|${lang}`,
      (built) => {
        const content = badgeContent(built?.record ?? null, lang);
        return { body: renderBadge(content, style, lang), note: content.tone };
      },
    );
    return svg(c, made.body, made.note, made.etag);
  })
  .get("/:platform/:file{[^/]+\\.svg}", async (c) => {
    const { style, lang, problem } = badgeOptions(c);
    if (problem) return errorBadge(c, "bad_request", problem, style, lang);
    const platform = c.req.param("platform");
    if (!isPlatform(platform)) {
      const message = `不支持的平台「${platform.slice(0, 32)}」 / unsupported platform`;
      return errorBadge(
        c,
        "unsupported_platform",
        { code: "unknown_platform", field: "platform", message },
        style,
        lang,
      );
    }
    const parsed = platformShopParam.safeParse({ platform, shopId: c.req.param("file").slice(0, -4) });
    if (!parsed.success) {
      const message = parsed.error.issues[0]!.message;
      return errorBadge(
        c,
        "bad_request",
        { code: "invalid_parameter", field: "shopId", message },
        style,
        lang,
      );
    }
    const shop = await shopFor(c.var.deps, platform, parsed.data.shopId);
    const record = shop ? await recordFor(c.var.deps, c.var.baseUrl, shop.uscc) : null;
    if (shop && record) {
      const binding = async () => ({ origins: shop.origins, subject: record.name });
      const bound = await unboundBadge(c, binding, [platform, shop.shopId], style, lang);
      if (bound) return bound;
    }
    const content = badgeContent(record, lang);
    return svg(c, renderBadge(content, style, lang), content.tone);
  });
