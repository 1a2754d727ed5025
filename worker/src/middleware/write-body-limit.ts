/**
 * One body limit for every write, whatever the route does itself (issue 8 item 3: "bodies over the
 * limit → 413"). Some routes checked only the Content-Length header, which a chunked upload does not
 * send; hono's bodyLimit counts the bytes as they stream in and stops at the limit, so an oversized
 * body is never read whole into memory. The limits match what each area documents.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../deps.ts";
import { ApiError } from "../lib/errors.ts";

const MB = 1024 * 1024;
/** Longest prefix first. */
export const WRITE_LIMITS: readonly [prefix: string, bytes: number][] = [
  ["/api/v1/regulator/imports/", 64 * MB],
  ["/api/v1/partner/", 16 * MB],
  ["/api/v1/audit/results", 4 * MB],
  ["/api/v1/objections", 64 * 1024],
  ["/objections", 64 * 1024],
];
export const DEFAULT_WRITE_LIMIT = 1 * MB;

function human(bytes: number): string {
  return bytes >= MB ? `${bytes / MB} MB` : `${bytes / 1024} KB`;
}

const limiters = new Map<number, MiddlewareHandler>();
function limiterFor(bytes: number): MiddlewareHandler {
  let l = limiters.get(bytes);
  if (!l) {
    l = bodyLimit({
      maxSize: bytes,
      onError: () => {
        throw new ApiError(
          413,
          "payload_too_large",
          `请求体过大（上限 ${human(bytes)}），未写入任何数据 / body too large (${human(bytes)} max); nothing was written`,
          "body",
        );
      },
    });
    limiters.set(bytes, l);
  }
  return l;
}

export function writeBodyLimit(): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
    const path = c.req.path;
    const limit = WRITE_LIMITS.find(([p]) => path.startsWith(p))?.[1] ?? DEFAULT_WRITE_LIMIT;
    return limiterFor(limit)(c, next);
  };
}
