/**
 * CORS for the public read API: every origin may read (the extension and partner pages call it).
 * Preflights go to Hono's cors(). A plain GET only needs `Access-Control-Allow-Origin: *`, set on the
 * response after the route ran: cors() sets it on `c.res` before the route, which makes Hono copy the
 * route's response into a new one — on @hono/node-server that turns every lightweight response into
 * a full web Response (a tenth of a record request's time, bench/history.md).
 */
import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../deps.ts";

export function publicCors(allowMethods: string[], maxAge?: number): MiddlewareHandler<AppEnv> {
  const preflight = cors({ origin: "*", allowMethods, ...(maxAge === undefined ? {} : { maxAge }) });
  return async (c, next) => {
    if (c.req.method === "OPTIONS") return preflight(c, next);
    await next();
    c.res.headers.set("Access-Control-Allow-Origin", "*");
  };
}
