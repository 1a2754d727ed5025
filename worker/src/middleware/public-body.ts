/**
 * Public GET routes that know their body hand it to the ETag and last-good middlewares here, so
 * neither has to read the Response back. Reading it back (`res.clone()`, `res.body`) turns
 * @hono/node-server's lightweight response into a full web Response and tees its stream — on the hot
 * record and badge paths that was a fifth of the server's time (bench/history.md).
 *
 * The ETag is SHA-1 of the body, as Hono's etag() computes it, but synchronously (node:crypto; on
 * Workers through the nodejs_compat flag in wrangler.toml): no trip through the thread pool per request.
 */
import { createHash } from "node:crypto";
import type { Context } from "hono";
import type { AppEnv } from "../deps.ts";

const known = new WeakMap<object, string | Uint8Array>();

/** Strong ETag of a body (quoted, as the header carries it). */
export function bodyEtag(body: string | Uint8Array): string {
  return `"${createHash("sha1").update(body).digest("hex")}"`;
}

/** The digest function for Hono's etag() when a route did not say its body: same hash, no pool. */
export function sha1Digest(body: Uint8Array): ArrayBuffer {
  const d = createHash("sha1").update(body).digest();
  return d.buffer.slice(d.byteOffset, d.byteOffset + d.byteLength) as ArrayBuffer;
}

/**
 * Answer with `body` and tell the middlewares what it is. `etag`: a precomputed ETag (e.g. cached
 * beside the body); otherwise it is computed here.
 */
export function sendPublic(
  c: Context<AppEnv>,
  body: string | Uint8Array,
  contentType: string,
  etag: string = bodyEtag(body),
): Response {
  known.set(c, body);
  c.header("Content-Type", contentType);
  c.header("ETag", etag);
  return typeof body === "string" ? c.body(body) : c.body(body as Uint8Array<ArrayBuffer>);
}

/** The body a route handed over with sendPublic(), if it did. */
export function knownBody(c: Context<AppEnv>): string | Uint8Array | undefined {
  return known.get(c);
}
