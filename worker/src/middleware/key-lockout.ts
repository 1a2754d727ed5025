/**
 * Lock-out after repeated bad API keys (issue 8 item 4). A key is `xbk_<id>_<32 chars>`, far too long
 * to guess, but a client that keeps presenting wrong keys is either broken or probing: after
 * MAX_FAILURES rejected keys (401) within WINDOW_MS, the client's address is refused with 429
 * `locked_out` for LOCK_MS — without checking the key it presents, so a lucky guess during the lock
 * is not even confirmed. Counted per client address, not per key id: counting per id would let anyone
 * lock a partner out by sending its id with a wrong secret.
 *
 * Runs on the keyed areas only and only when a credential was presented (Authorization, X-Api-Key,
 * the dashboard cookie or the login form); public reads never see it. State is per app instance
 * (one Node process, one Worker isolate), like the rate limiter.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../deps.ts";
import { errorBody } from "../lib/errors.ts";

export const MAX_FAILURES = 10;
export const WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;
const MAX_CLIENTS = 50_000;

interface Failures {
  /** Times of recent failures (ms), oldest first; at most MAX_FAILURES kept. */
  at: number[];
  lockedUntil: number;
}

/**
 * The client's address: Cloudflare's `CF-Connecting-IP` on Workers (set by the edge, not the
 * client), the socket's remote address on Node. Never `X-Forwarded-For`, which anyone can write.
 * Null for a request handed to the app in-process (`app.request` in tests, internal calls): every
 * request from the network has one, on both runtimes.
 */
export function clientAddress(c: Context): string | null {
  const cf = c.req.raw.headers.get("cf-connecting-ip");
  if (cf && (c.req.raw as { cf?: unknown }).cf) return cf;
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}

function presentsCredential(c: Context): boolean {
  if (c.req.header("authorization") || c.req.header("x-api-key")) return true;
  if ((c.req.header("cookie") ?? "").includes("xb_session=")) return true;
  return c.req.method === "POST" && c.req.path === "/regulator/login";
}

export function keyLockout(): MiddlewareHandler<AppEnv> {
  const clients = new Map<string, Failures>();
  return async (c, next) => {
    const who = clientAddress(c);
    if (who === null || !presentsCredential(c)) return next();
    const now = c.var.deps.now().getTime();
    const f = clients.get(who);
    if (f && f.lockedUntil > now) {
      const retryAfter = Math.max(1, Math.ceil((f.lockedUntil - now) / 1000));
      c.header("Retry-After", String(retryAfter));
      return c.json(
        errorBody(
          "locked_out",
          `密钥错误次数过多，已暂时锁定，请 ${Math.ceil(retryAfter / 60)} 分钟后再试 / too many invalid keys from this client; locked for ${Math.ceil(retryAfter / 60)} min`,
        ),
        429,
      );
    }
    await next();
    if (c.res.status !== 401) return;
    const entry = f ?? { at: [], lockedUntil: 0 };
    entry.at = entry.at.filter((t) => now - t < WINDOW_MS);
    entry.at.push(now);
    if (entry.at.length >= MAX_FAILURES) {
      entry.lockedUntil = now + LOCK_MS;
      entry.at = [];
    }
    clients.delete(who);
    clients.set(who, entry);
    // Bounded: the oldest addresses go first (an address flood cannot grow memory without limit).
    if (clients.size > MAX_CLIENTS) clients.delete(clients.keys().next().value!);
  };
}
