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
 */
import { isPlatform } from "@xinbiao/db/model";
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { Lang } from "../badge/labels.ts";
import { recordFor, shopFor } from "../badge/lookup.ts";
import {
  BADGE_STYLES,
  type BadgeStyle,
  badgeContent,
  renderBadge,
  stateContent,
} from "../badge/render-badge.ts";
import type { AppEnv } from "../deps.ts";
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

function svg(c: Context<AppEnv>, body: string | Uint8Array, state: string, etag?: string): Response {
  c.header("Cache-Control", BADGE_CACHE);
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
    const content = badgeContent(record, lang);
    return svg(c, renderBadge(content, style, lang), content.tone);
  });
