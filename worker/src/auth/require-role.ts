/**
 * Authentication and authorisation for protected routes. 401 = no key, or a key we do not accept
 * (unknown, revoked, malformed); 403 = a valid key whose role may not do this; 429 = over its rate
 * limit, with `Retry-After`. Keys come as `Authorization: Bearer xbk_…` (or `X-Api-Key`); the regulator
 * dashboard also takes them from its HttpOnly session cookie.
 */
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { ApiError } from "../lib/errors.ts";
import { authenticate } from "./api-keys.ts";
import type { OpsEnv } from "./ops-env.ts";
import { limiterFor } from "./rate-limit.ts";
import { type RoleKind, roleKind } from "./roles.ts";

export const SESSION_COOKIE = "xb_session";

export function presentedKey(c: { req: { header(name: string): string | undefined } }): string | null {
  const auth = c.req.header("authorization");
  if (auth) {
    const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
    return m ? m[1]!.trim() : auth.trim();
  }
  return c.req.header("x-api-key")?.trim() || null;
}

export interface RequireRoleOptions {
  /** Also accept the dashboard session cookie. */
  cookie?: boolean;
}

export function requireRole(allowed: readonly RoleKind[], opts: RequireRoleOptions = {}) {
  return createMiddleware<OpsEnv>(async (c, next) => {
    const deps = c.var.deps;
    const key = presentedKey(c) ?? (opts.cookie ? (getCookie(c, SESSION_COOKIE) ?? null) : null);
    if (!key) {
      c.header("WWW-Authenticate", 'Bearer realm="xinbiao"');
      throw new ApiError(
        401,
        "unauthorized",
        "需要 API 密钥 / an API key is required (Authorization: Bearer xbk_…)",
      );
    }
    const now = deps.now();
    const auth = await authenticate(deps.db, key, now);
    if (!auth.ok) {
      c.header("WWW-Authenticate", 'Bearer realm="xinbiao", error="invalid_token"');
      const why =
        auth.code === "revoked"
          ? "密钥已吊销 / the key was revoked"
          : auth.code === "malformed"
            ? "密钥格式不对（应为 xbk_…） / malformed key (expected xbk_…)"
            : "密钥无效 / unknown key";
      throw new ApiError(401, "invalid_key", why);
    }
    const p = auth.principal;
    const rate = limiterFor(deps).hit(p.keyId, p.rateLimitPerMinute, now.getTime());
    c.header("X-RateLimit-Limit", String(rate.limit));
    c.header("X-RateLimit-Remaining", String(rate.remaining));
    if (!rate.allowed) {
      c.header("Retry-After", String(rate.retryAfter));
      throw new ApiError(
        429,
        "rate_limited",
        `请求过于频繁，请 ${rate.retryAfter} 秒后再试 / rate limit of ${rate.limit} requests per minute exceeded; retry after ${rate.retryAfter} s`,
      );
    }
    if (!allowed.includes(roleKind(p.role))) {
      throw new ApiError(
        403,
        "forbidden",
        `角色 ${p.role} 无权访问此接口（需要：${allowed.join(" / ")}） / role ${p.role} may not use this endpoint (needs ${allowed.join(" or ")})`,
      );
    }
    c.set("principal", p);
    await next();
  });
}
