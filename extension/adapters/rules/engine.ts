/**
 * The rules engine: applies a compiled rules object (format.ts) to a URL and a Document.
 *
 * Order of trust, per platform: the id the URL carries (the platform's own routing: the page cannot
 * be another shop's) first, then the page sources in their declared order (meta tags, element
 * attributes, inline JSON read as text with a regular expression or JSON.parse, never executed, then
 * links). Every non-fallback source is read, and two different ids in the same id space make the
 * page ambiguous: "not checked", never a badge that may belong to another shop. Fallback sources
 * (broad link scans) are read only when nothing else named an id.
 *
 * Identity aliases (format.ts `aliases`): id spaces for another stable identity of the same shop
 * (Taobao seller user id, JD vender id, a brand/vanity host label), decided only after every real
 * id space found nothing, so a real shop id on the page wins over an alias; two different values in
 * one alias space are ambiguous like any other. The id reported is `{space}:{value}`, hashed like a
 * shop id. A real id never contains ":" (refused here and by the partner API), so an alias can
 * never hash to a real shop's key. Different alias spaces are not compared (a seller id and a host
 * label cannot be told apart as conflicting): the first in the declared order decides.
 *
 * Pure: no network, storage or extension APIs. The anchor and header functions query the document
 * each time they are called, so a header React re-rendered in place is found afresh.
 */
import type { Platform } from "@xinbiao/db/model";
import type { CompiledPageRule, CompiledPlatform, CompiledRules, CompiledSource, Surface } from "./format.ts";

export type PageStatus =
  /** A shop id was found. */
  | "found"
  /** A shop or item page of a supported platform, but no id could be read: "not checked". */
  | "no_id"
  /** Two sources named different shops: "not checked". */
  | "ambiguous"
  /** The platform's host, but not a shop or item page (home, search, cart…). */
  | "not_shop_page"
  /** Not a supported platform at all. */
  | "not_platform";

export interface PageVerdict {
  status: PageStatus;
  platform: Platform | null;
  surface: Surface | null;
  /** The page rule (URL shape) that matched. */
  page: string | null;
  shopId: string | null;
  /** The id space of shopId (1688: "member" or "winport"; an alias namespace such as "seller"). */
  space: string | null;
  /** True when shopId is an identity alias (`{space}:{value}`), not the platform's shop id. */
  alias?: boolean;
  /** Where the id came from: "url" or "sources[i]:kind". */
  source: string | null;
  /** The distinct ids seen in the deciding space (two or more when ambiguous). */
  candidates: string[];
}

/** Inline scripts larger than this are read only up to it: the CPU budget of a shop page. */
const MAX_SCRIPT_CHARS = 1_500_000;

export function onDomain(hostname: string, domain: string): boolean {
  const h = hostname.toLowerCase();
  return h === domain || h.endsWith(`.${domain}`);
}

export function platformOf(rules: CompiledRules, url: URL): CompiledPlatform | null {
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return rules.platforms.find((p) => p.domains.some((d) => onDomain(url.hostname, d))) ?? null;
}

/** The URL shape a page is, or null. URL only: cheap enough for every navigation. */
export function pageRuleOf(p: CompiledPlatform, url: URL): CompiledPageRule | null {
  const host = url.hostname.toLowerCase();
  const label = host.split(".")[0] ?? "";
  for (const r of p.pages) {
    if (!r.host.test(host)) continue;
    if (r.notHosts.has(label)) continue;
    if (r.path && !r.path.test(url.pathname)) continue;
    if (r.query.some((q) => !url.searchParams.get(q))) continue;
    return r;
  }
  return null;
}

interface Candidate {
  value: string;
  space: string;
  source: string;
  fallback: boolean;
}

/**
 * The id, trimmed, if it is one of the platform (and, given a space, of that id space). In an alias
 * space the value (without its prefix) must match the alias pattern; a value with ":" is never an id.
 */
export function validId(p: CompiledPlatform, raw: string | null | undefined, space?: string): string | null {
  if (raw === null || raw === undefined) return null;
  const v = String(raw).trim();
  if (v.includes(":")) return null;
  const alias = space ? p.aliases.get(space) : undefined;
  if (alias) return alias.test(v) ? v : null;
  if (!p.idPattern.test(v)) return null;
  const sp = space ? p.spacePatterns.get(space) : undefined;
  return !sp || sp.test(v) ? v : null;
}

function urlCandidate(p: CompiledPlatform, r: CompiledPageRule, url: URL): Candidate | null {
  const id = r.id;
  if (!id) return null;
  let raw: string | null | undefined = null;
  if (id.from === "query") raw = url.searchParams.get(id.param);
  else if (id.from === "host") raw = r.host.exec(url.hostname.toLowerCase())?.[id.group];
  else raw = r.path?.exec(url.pathname)?.[id.group];
  const value = validId(p, raw, id.space);
  return value ? { value, space: id.space, source: "url", fallback: false } : null;
}

/** The text of the page's inline scripts, read once per detection. */
function inlineScripts(doc: Document): string[] {
  const out: string[] = [];
  for (const s of doc.querySelectorAll("script:not([src])")) {
    const t = s.textContent ?? "";
    if (t) out.push(t.length > MAX_SCRIPT_CHARS ? t.slice(0, MAX_SCRIPT_CHARS) : t);
  }
  return out;
}

/**
 * The JSON value that starts right after `marker` (e.g. `window.rawData=`): the balanced `{…}` or
 * `[…]` is cut out as text and JSON.parse'd — never evaluated. Null when it is not strict JSON.
 */
export function jsonAfter(text: string, marker: string): unknown {
  let i = text.indexOf(marker);
  while (i >= 0) {
    let j = i + marker.length;
    while (j < text.length && /[\s=:(]/.test(text[j]!)) j++;
    const open = text[j];
    if (open === "{" || open === "[") {
      const end = balancedEnd(text, j);
      if (end > 0) {
        try {
          return JSON.parse(text.slice(j, end));
        } catch {
          /* not strict JSON: try the next occurrence */
        }
      }
    }
    i = text.indexOf(marker, i + marker.length);
  }
  return undefined;
}

function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inStr = false;
  for (let k = start; k < text.length; k++) {
    const c = text[k]!;
    if (inStr) {
      if (c === "\\") k++;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return k + 1;
    }
  }
  return -1;
}

function atPath(v: unknown, path: readonly string[]): unknown {
  let cur = v;
  for (const seg of path) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return typeof cur === "string" || typeof cur === "number" ? String(cur) : undefined;
}

function readSource(s: CompiledSource, doc: Document, scripts: () => string[]): string[] {
  const out: string[] = [];
  switch (s.kind) {
    case "meta": {
      for (const m of doc.querySelectorAll(`meta[name="${s.name}"]`)) {
        const g = s.pattern.exec(m.getAttribute("content") ?? "")?.[1];
        if (g) out.push(g);
      }
      break;
    }
    case "attr": {
      for (const el of doc.querySelectorAll(s.selector)) {
        const v = el.getAttribute(s.attr);
        if (v === null) continue;
        const g = s.pattern ? s.pattern.exec(v)?.[1] : v;
        if (g) out.push(g);
      }
      break;
    }
    case "link": {
      for (const a of doc.querySelectorAll(s.selector)) {
        const g = s.pattern.exec(a.getAttribute("href") ?? "")?.[1];
        if (g) out.push(g);
      }
      break;
    }
    case "script": {
      for (const t of scripts()) {
        if (!t.includes(s.contains)) continue;
        for (const m of t.matchAll(s.pattern)) if (m[1]) out.push(m[1]);
      }
      break;
    }
    case "json": {
      for (const t of scripts()) {
        if (!t.includes(s.marker)) continue;
        const v = atPath(jsonAfter(t, s.marker), s.path);
        if (typeof v === "string") out.push(v);
      }
      break;
    }
  }
  return out;
}

function pageCandidates(
  p: CompiledPlatform,
  doc: Document,
  surface: Surface,
  fallback: boolean,
): Candidate[] {
  let cached: string[] | null = null;
  const scripts = () => {
    cached ??= inlineScripts(doc);
    return cached;
  };
  const out: Candidate[] = [];
  for (const s of p.sources) {
    if (s.fallback !== fallback || (s.on && s.on !== surface)) continue;
    for (const raw of readSource(s, doc, scripts)) {
      const value = validId(p, raw, s.space);
      if (value) out.push({ value, space: s.space, source: `sources[${s.index}]:${s.kind}`, fallback });
    }
  }
  return out;
}

/** The first of `spaces` with an id decides; two different ids in it → ambiguous. */
function decide(
  p: CompiledPlatform,
  cands: Candidate[],
  spaces: readonly string[],
): Pick<PageVerdict, "status" | "shopId" | "space" | "source" | "candidates" | "alias"> | null {
  for (const sp of spaces) {
    const inSpace = cands.filter((c) => c.space === sp);
    if (inSpace.length === 0) continue;
    const alias = p.aliases.has(sp);
    const distinct = [...new Set(inSpace.map((c) => (alias ? `${sp}:${c.value}` : c.value)))];
    if (distinct.length > 1)
      return { status: "ambiguous", shopId: null, space: sp, source: null, candidates: distinct };
    return {
      status: "found",
      shopId: distinct[0]!,
      space: sp,
      source: inSpace[0]!.source,
      candidates: distinct,
      ...(alias ? { alias: true } : {}),
    };
  }
  return null;
}

/**
 * What a page is and which shop it belongs to. `doc` null: URL only (what the URL alone promises).
 */
export function classify(rules: CompiledRules, url: URL, doc: Document | null): PageVerdict {
  const none = { shopId: null, space: null, source: null, candidates: [] as string[] };
  const p = platformOf(rules, url);
  if (!p) return { status: "not_platform", platform: null, surface: null, page: null, ...none };
  const r = pageRuleOf(p, url);
  if (!r) return { status: "not_shop_page", platform: p.id, surface: null, page: null, ...none };
  const base = { platform: p.id, surface: r.surface, page: r.name };
  const fromUrl = urlCandidate(p, r, url);
  const cands = fromUrl ? [fromUrl] : [];
  if (doc) cands.push(...pageCandidates(p, doc, r.surface, false));
  let fallbacks: Candidate[] | null = null;
  const fallback = () => {
    fallbacks ??= doc ? pageCandidates(p, doc, r.surface, true) : [];
    return fallbacks;
  };
  // Order of trust: a real shop id (sources, then fallback sources) before any alias.
  const real = p.spaces.filter((sp) => !p.aliases.has(sp));
  const aliases = [...p.aliases.keys()];
  const d =
    decide(p, cands, real) ??
    decide(p, fallback(), real) ??
    (aliases.length ? (decide(p, cands, aliases) ?? decide(p, fallback(), aliases)) : null);
  return d ? { ...base, ...d } : { status: "no_id", ...base, ...none };
}

function visible(el: Element): boolean {
  return el.isConnected && (el.textContent ?? "").trim().length > 0;
}

/** The shop name in the current header: first selector with a connected element that has text. */
export function anchorIn(p: CompiledPlatform, doc: Document): Element | null {
  for (const s of p.anchors) {
    for (const el of doc.querySelectorAll(s)) if (visible(el)) return el;
  }
  return null;
}

/** The header container to watch for in-place re-renders; the anchor's parent when none is declared. */
export function headerIn(p: CompiledPlatform, doc: Document): Element | null {
  for (const s of p.headers) {
    const el = doc.querySelector(s);
    if (el?.isConnected) return el;
  }
  return anchorIn(p, doc)?.parentElement ?? null;
}
