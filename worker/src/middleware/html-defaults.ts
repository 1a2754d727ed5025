/**
 * Security headers for every HTML answer that did not set its own (issue 8 item 4: "CSP exact"). The
 * public pages set a strict policy themselves (routes/pages.routes.ts); the regulator dashboard, its
 * login form (which takes an API key) and the objection form did not, so a framing page could
 * clickjack the login and any markup bug there could run script. Their inline <style> is all they
 * need: no script, no framing, forms post to this origin only.
 */
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../deps.ts";

export const DEFAULT_HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function htmlDefaults(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (!(c.res.headers.get("content-type") ?? "").startsWith("text/html")) return;
    const headers = c.res.headers;
    if (!headers.has("content-security-policy")) headers.set("Content-Security-Policy", DEFAULT_HTML_CSP);
    if (!headers.has("x-frame-options")) headers.set("X-Frame-Options", "DENY");
  };
}
