/**
 * Last known good responses for public reads. When the database fails, a GET that succeeded before is
 * answered from memory, marked stale (`stale: true` in JSON, `X-Xinbiao-Stale: 1` and a `Warning`
 * header everywhere) so no consumer mistakes old data for fresh; a GET never seen before answers 503.
 * Bounded LRU: the hot records, badges and buckets are exactly what it keeps.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../deps.ts";
import { isDatabaseFailure } from "../lib/db-failure.ts";
import { knownBody } from "./public-body.ts";
import { markHtmlStale, markSvgStale } from "./stale-markers.ts";

interface Kept {
  /** UTF-8 bytes: a JS string holding Chinese text takes twice the memory. */
  body: Uint8Array;
  /** The ETag of the kept body: an answer with the same ETag is not copied again. */
  etag: string | null;
  contentType: string;
  status: number;
  /** Security and negotiation headers of the original answer: a stale copy keeps its CSP and CORS. */
  headers: [string, string][];
}

/** Headers a stale copy must keep (the cache headers are replaced: a stale answer is never cached). */
const KEPT_HEADERS = [
  "content-security-policy",
  "x-frame-options",
  "access-control-allow-origin",
  "cross-origin-resource-policy",
  "content-language",
  "vary",
  "x-xinbiao-state",
];

export const STALE_HEADER = "X-Xinbiao-Stale";
const MAX_ENTRIES = 5_000;
const MAX_BODY = 256 * 1024;
/** All kept bodies together: a fallback for outages must not crowd out the record cache (issue 7: 256 MB). */
const MAX_TOTAL_BYTES = 16 * 1024 * 1024;
const UTF8 = new TextEncoder();

/** Per content type, how to say "stale" inside the body itself (JSON gets a field; others may add theirs). */
export type StaleMarker = (body: string) => string;
const markers = new Map<string, StaleMarker>([
  [
    "application/json",
    (body) => {
      const value = JSON.parse(body) as unknown;
      return JSON.stringify(
        value && typeof value === "object" && !Array.isArray(value)
          ? { ...value, stale: true }
          : { data: value, stale: true },
      );
    },
  ],
  // Badges and pages say it in what people see (stale-markers.ts), not only in a header.
  ["image/svg+xml", markSvgStale],
  ["text/html", markHtmlStale],
]);

export function registerStaleMarker(contentType: string, marker: StaleMarker): void {
  markers.set(contentType, marker);
}

/** The middleware, plus the kept copy for a request, stale-marked (db-gate.ts asks before any read). */
export type LastGood = MiddlewareHandler<AppEnv> & { staleFor(c: Context<AppEnv>): Response | null };

/** Only anonymous, public reads are ever kept or replayed. */
function keyOf(c: Context<AppEnv>): string | null {
  if (c.req.method !== "GET" && c.req.method !== "HEAD") return null;
  // A keyed or signed-in request, or an answer marked private/no-store, must never be replayed to
  // someone else when the database fails.
  if (c.req.header("authorization") || c.req.header("cookie")) return null;
  return `${c.req.path}?${new URL(c.req.url).search}|${c.req.header("accept-language") ?? ""}`;
}

function staleResponse(c: Context<AppEnv>, hit: Kept): Response {
  const type = hit.contentType.split(";")[0]!.trim();
  const marker = markers.get(type);
  const body = marker ? marker(new TextDecoder().decode(hit.body)) : (hit.body as Uint8Array<ArrayBuffer>);
  return new Response(c.req.method === "HEAD" ? null : body, {
    status: hit.status,
    headers: {
      ...Object.fromEntries(hit.headers),
      "Content-Type": hit.contentType,
      "Cache-Control": "no-store",
      [STALE_HEADER]: "1",
      Warning: '110 - "Response is Stale"',
    },
  });
}

export function lastGood(): LastGood {
  const kept = new Map<string, Kept>();
  let keptBytes = 0;
  const drop = (key: string) => {
    const k = kept.get(key);
    if (!k) return;
    keptBytes -= k.body.byteLength;
    kept.delete(key);
  };
  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    const key = keyOf(c);
    if (key === null) return next();
    await next();

    if (c.error && isDatabaseFailure(c.error)) {
      const hit = kept.get(key);
      if (!hit) return; // onError already answered 503 database_unavailable
      c.res = staleResponse(c, hit);
      return;
    }
    const cacheControl = c.res.headers.get("cache-control") ?? "";
    if (c.res.status === 200 && c.req.method === "GET" && !/no-store|private/.test(cacheControl)) {
      const etag = c.res.headers.get("etag");
      const prev = kept.get(key);
      if (prev && etag !== null && prev.etag === etag) {
        // Same answer as the one kept: refresh its place in the LRU, copy nothing.
        kept.delete(key);
        kept.set(key, prev);
        return;
      }
      const type = c.res.headers.get("content-type") ?? "";
      // A body the route handed over (public-body.ts) is kept as is; others are read from a copy.
      const known = knownBody(c);
      const copy =
        known === undefined
          ? new Uint8Array(await c.res.clone().arrayBuffer())
          : typeof known === "string"
            ? UTF8.encode(known)
            : known;
      if (copy.byteLength <= MAX_BODY) {
        drop(key);
        const headers = KEPT_HEADERS.flatMap((h): [string, string][] => {
          const v = c.res.headers.get(h);
          return v === null ? [] : [[h, v]];
        });
        kept.set(key, { body: copy, etag, contentType: type, status: 200, headers });
        keptBytes += copy.byteLength;
        while (kept.size > MAX_ENTRIES || keptBytes > MAX_TOTAL_BYTES) drop(kept.keys().next().value!);
      }
    }
  };
  return Object.assign(middleware, {
    staleFor(c: Context<AppEnv>): Response | null {
      const key = keyOf(c);
      const hit = key === null ? undefined : kept.get(key);
      return hit ? staleResponse(c, hit) : null;
    },
  });
}
