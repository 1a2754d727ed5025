/**
 * The detection-rules format: everything an adapter needs to find a shop, as JSON-serialisable data
 * (uBlock Origin ships its filters as lists, refined-github its selectors with fallbacks), so the
 * service can publish a signed rules file that fixes a platform redesign without a store release.
 *
 * `parseRules` is the one way in: it validates a rules object (or its JSON text) field by field and
 * compiles its regular expressions once. Any error names the field path, e.g.
 * `platforms.jd.sources[3].pattern: invalid regular expression: …`. The built-in rules
 * (builtin.ts) go through the same parser, so a file the service signs is held to the same checks.
 */
import { PLATFORMS, type Platform } from "@xinbiao/db/model";

/** The format this code reads. A rules file of another format is refused, never half-applied. */
export const RULES_FORMAT = 1;

export type Surface = "shop" | "item";

/** Where a page rule takes the shop id from when the URL carries it. */
export type UrlIdJson =
  | { from: "host" | "path"; group: number; space?: string }
  | { from: "query"; param: string; space?: string };

/** One URL shape of a platform: a shop or item page, and the id its URL carries (if any). */
export interface PageRuleJson {
  /** Short name used in the coverage table and in `PageVerdict.page`. */
  name: string;
  surface: Surface;
  /** Regular expression on the lower-cased hostname (anchor it: `^…$`). */
  host: string;
  /** Regular expression on the pathname; any path when absent. */
  path?: string;
  /** Query parameters that must be present and non-empty for the URL to be this shape. */
  query?: readonly string[];
  /** Host labels (the first label) that are platform services, not shops: the rule does not apply. */
  notHosts?: readonly string[];
  /** The id in the URL. Absent: the id is only in the page. */
  id?: UrlIdJson;
}

interface SourceBase {
  /** The id space (see PlatformRulesJson.spaces); the platform's first space when absent. */
  space?: string;
  /**
   * A fallback source is read only when no other source named an id, and it takes no part in the
   * ambiguity check (broad link scans would otherwise see recommended shops of other sellers).
   */
  fallback?: boolean;
  /** Read only on pages of this surface (a shop page's own data may be broader than an item's). */
  on?: Surface;
}

/** Page sources of a shop id, read as text (never executed). */
export type SourceJson =
  | (SourceBase & { kind: "meta"; name: string; pattern: string })
  | (SourceBase & { kind: "attr"; selector: string; attr: string; pattern?: string })
  | (SourceBase & { kind: "link"; selector: string; pattern: string })
  | (SourceBase & { kind: "script"; contains: string; pattern: string })
  | (SourceBase & { kind: "json"; marker: string; path: string });

export interface PlatformRulesJson {
  /** Registrable domains of the platform: a URL is the platform's when its host is or is under one. */
  domains: readonly string[];
  /** Every id must match this whole (string ids: 1688 member ids are `b2b-…`). */
  idPattern: string;
  /**
   * Id spaces in order of preference. 1688 has two: the member id (`b2b-…`, the same on desktop and
   * mobile) and the desktop winport id; the first space that yields an id wins. Default ["shop"].
   */
  spaces?: readonly string[];
  /** Per id space, a stricter whole-id pattern (1688 member ids must be `b2b-…`). */
  spacePatterns?: Readonly<Record<string, string>>;
  /**
   * Identity aliases: further id spaces for another stable platform identity of the same shop (a
   * seller's user id, a JD vender id, a brand/vanity host label), tried only after every space of
   * `spaces` found nothing, so a real shop id on the page always wins. An alias is reported as
   * `{space}:{value}` (e.g. `seller:2206123`) and hashed like any shop id; the partner API accepts
   * the same namespaces (worker/src/partner/shop-id.ts). `pattern` is the whole-value pattern
   * (the platform's `idPattern` does not apply); a value never contains ":".
   */
  aliases?: readonly { space: string; pattern: string }[];
  pages: readonly PageRuleJson[];
  /** Page sources in declared order of trust (first = most trusted). */
  sources: readonly SourceJson[];
  /** Selectors of the shop name in the header, in order (the badge goes after it). */
  anchors: readonly string[];
  /** Selectors of the header container the content script watches for in-place re-renders. */
  headers?: readonly string[];
  /**
   * Shop URL templates for an id (`{id}` replaced), the first whose `when` pattern matches the id
   * whole: the URL table test and the browser tests open them.
   */
  shopUrls: readonly { when: string; url: string; space?: string }[];
}

export interface RulesJson {
  format: typeof RULES_FORMAT;
  /** The rules revision, e.g. "2026-12-02.1": shown in the popup, compared when caching. */
  version: string;
  platforms: Record<Platform, PlatformRulesJson>;
}

// ---- compiled form ----

export interface CompiledPageRule {
  name: string;
  surface: Surface;
  host: RegExp;
  path: RegExp | null;
  query: readonly string[];
  notHosts: ReadonlySet<string>;
  id: (UrlIdJson & { space: string }) | null;
}

export type CompiledSource = { space: string; fallback: boolean; on: Surface | null; index: number } & (
  | { kind: "meta"; name: string; pattern: RegExp }
  | { kind: "attr"; selector: string; attr: string; pattern: RegExp | null }
  | { kind: "link"; selector: string; pattern: RegExp }
  | { kind: "script"; contains: string; pattern: RegExp }
  | { kind: "json"; marker: string; path: readonly string[] }
);

export interface CompiledPlatform {
  id: Platform;
  domains: readonly string[];
  idPattern: RegExp;
  /** Every id space in order of trust: the real ones, then the alias namespaces. */
  spaces: readonly string[];
  spacePatterns: ReadonlyMap<string, RegExp>;
  /** Alias namespaces and their whole-value patterns (a subset of `spaces`, after the real ones). */
  aliases: ReadonlyMap<string, RegExp>;
  pages: readonly CompiledPageRule[];
  sources: readonly CompiledSource[];
  anchors: readonly string[];
  headers: readonly string[];
  /** `space` set: the template of that alias namespace, `{id}` is the value after the prefix. */
  shopUrls: readonly { when: RegExp; url: string; space: string | null }[];
}

export interface CompiledRules {
  version: string;
  /** In the registry's match order (PLATFORMS order). */
  platforms: readonly CompiledPlatform[];
  /** The validated JSON, as parsed (what a cache stores). */
  json: RulesJson;
}

/** A rules file that does not validate; `path` names the field. */
export class RulesError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path}: ${detail}`);
    this.name = "RulesError";
  }
}

// Limits keep a hostile or corrupt rules file from costing the page much: a signed file is trusted
// to be ours, but a bug in it must still not stall every shop page.
const MAX_PATTERN = 400;
const MAX_SELECTOR = 600;
const MAX_LIST = 128;
const NAME = /^[a-z0-9][a-z0-9-]{0,47}$/;
/** An alias namespace: the prefix before ":" in the reported id, so lower-case letters only. */
const ALIAS_SPACE = /^[a-z]{2,16}$/;
const DOMAIN = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) throw new RulesError(path, `expected an object, got ${kindOf(v)}`);
  return v;
}

function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `${typeof v} ${JSON.stringify(v)}`;
}

function str(v: unknown, path: string, max = 200): string {
  if (typeof v !== "string" || v.length === 0)
    throw new RulesError(path, `expected a non-empty string, got ${kindOf(v)}`);
  if (v.length > max) throw new RulesError(path, `longer than ${max} characters (${v.length})`);
  return v;
}

function list<T>(v: unknown, path: string, item: (x: unknown, p: string, i: number) => T, min = 0): T[] {
  if (!Array.isArray(v)) throw new RulesError(path, `expected an array, got ${kindOf(v)}`);
  if (v.length < min) throw new RulesError(path, `needs at least ${min} entr${min === 1 ? "y" : "ies"}`);
  if (v.length > MAX_LIST) throw new RulesError(path, `more than ${MAX_LIST} entries (${v.length})`);
  return v.map((x, i) => item(x, `${path}[${i}]`, i));
}

function regex(v: unknown, path: string, flags = ""): RegExp {
  const s = str(v, path, MAX_PATTERN);
  try {
    return new RegExp(s, flags);
  } catch (e) {
    throw new RulesError(path, `invalid regular expression: ${(e as Error).message}`);
  }
}

/** A capture group the code reads must exist: `pattern` needs at least `groups` groups. */
function withGroup(re: RegExp, path: string, group = 1): RegExp {
  const groups = new RegExp(`${re.source}|`).exec("")!.length - 1;
  if (groups < group) throw new RulesError(path, `needs capture group ${group} (the id); it has ${groups}`);
  return re;
}

/** Set for one parseRules call: check selectors against the DOM (see ParseOptions). */
let checkSelectors = true;

function selector(v: unknown, path: string): string {
  const s = str(v, path, MAX_SELECTOR);
  // Where a DOM exists (content script, tests), a selector the engine would throw on is refused here.
  if (checkSelectors && typeof document !== "undefined") {
    try {
      document.createDocumentFragment().querySelector(s);
    } catch {
      throw new RulesError(path, `invalid CSS selector ${JSON.stringify(s)}`);
    }
  }
  return s;
}

function known(o: Obj, path: string, keys: readonly string[]): void {
  for (const k of Object.keys(o)) {
    if (!keys.includes(k))
      throw new RulesError(`${path}.${k}`, `unknown field (expected one of: ${keys.join(", ")})`);
  }
}

function space(v: unknown, path: string, spaces: readonly string[]): string {
  if (v === undefined) return spaces[0]!;
  const s = str(v, path, 48);
  if (!spaces.includes(s))
    throw new RulesError(path, `unknown id space ${JSON.stringify(s)} (declared: ${spaces.join(", ")})`);
  return s;
}

function badSurface(v: unknown, path: string): never {
  throw new RulesError(path, `expected "shop" or "item", got ${kindOf(v)}`);
}

function pageRule(v: unknown, path: string, spaces: readonly string[]): CompiledPageRule {
  const o = obj(v, path);
  known(o, path, ["name", "surface", "host", "path", "query", "notHosts", "id"]);
  const name = str(o.name, `${path}.name`, 48);
  if (!NAME.test(name))
    throw new RulesError(
      `${path}.name`,
      `use lower-case letters, digits and "-" (got ${JSON.stringify(name)})`,
    );
  if (o.surface !== "shop" && o.surface !== "item") {
    throw new RulesError(`${path}.surface`, `expected "shop" or "item", got ${kindOf(o.surface)}`);
  }
  const host = regex(o.host, `${path}.host`);
  const p = o.path === undefined ? null : regex(o.path, `${path}.path`);
  const query = o.query === undefined ? [] : list(o.query, `${path}.query`, (x, q) => str(x, q, 48));
  const notHosts =
    o.notHosts === undefined ? [] : list(o.notHosts, `${path}.notHosts`, (x, q) => str(x, q, 48));
  let id: CompiledPageRule["id"] = null;
  if (o.id !== undefined) {
    const io = obj(o.id, `${path}.id`);
    const sp = space(io.space, `${path}.id.space`, spaces);
    if (io.from === "query") {
      known(io, `${path}.id`, ["from", "param", "space"]);
      id = { from: "query", param: str(io.param, `${path}.id.param`, 48), space: sp };
    } else if (io.from === "host" || io.from === "path") {
      known(io, `${path}.id`, ["from", "group", "space"]);
      const g = io.group;
      if (typeof g !== "number" || !Number.isInteger(g) || g < 1 || g > 9) {
        throw new RulesError(`${path}.id.group`, `expected a capture group number 1–9, got ${kindOf(g)}`);
      }
      const re = io.from === "host" ? host : p;
      if (!re)
        throw new RulesError(`${path}.id`, `takes the id from the path but the rule has no "path" pattern`);
      withGroup(re, `${path}.${io.from}`, g);
      id = { from: io.from, group: g, space: sp };
    } else {
      throw new RulesError(`${path}.id.from`, `expected "host", "path" or "query", got ${kindOf(io.from)}`);
    }
  }
  return { name, surface: o.surface, host, path: p, query, notHosts: new Set(notHosts), id };
}

function source(v: unknown, path: string, index: number, spaces: readonly string[]): CompiledSource {
  const o = obj(v, path);
  const common: { space: string; fallback: boolean; on: Surface | null; index: number } = {
    space: space(o.space, `${path}.space`, spaces),
    fallback: o.fallback === undefined ? false : o.fallback === true,
    on:
      o.on === undefined ? null : o.on === "shop" || o.on === "item" ? o.on : badSurface(o.on, `${path}.on`),
    index,
  };
  if (o.fallback !== undefined && typeof o.fallback !== "boolean") {
    throw new RulesError(`${path}.fallback`, `expected true or false, got ${kindOf(o.fallback)}`);
  }
  const base = ["kind", "space", "fallback", "on"];
  switch (o.kind) {
    case "meta":
      known(o, path, [...base, "name", "pattern"]);
      return {
        ...common,
        kind: "meta",
        name: str(o.name, `${path}.name`, 64),
        pattern: withGroup(regex(o.pattern, `${path}.pattern`), `${path}.pattern`),
      };
    case "attr": {
      known(o, path, [...base, "selector", "attr", "pattern"]);
      const pattern =
        o.pattern === undefined ? null : withGroup(regex(o.pattern, `${path}.pattern`), `${path}.pattern`);
      return {
        ...common,
        kind: "attr",
        selector: selector(o.selector, `${path}.selector`),
        attr: str(o.attr, `${path}.attr`, 64),
        pattern,
      };
    }
    case "link":
      known(o, path, [...base, "selector", "pattern"]);
      return {
        ...common,
        kind: "link",
        selector: selector(o.selector, `${path}.selector`),
        pattern: withGroup(regex(o.pattern, `${path}.pattern`, "i"), `${path}.pattern`),
      };
    case "script":
      known(o, path, [...base, "contains", "pattern"]);
      return {
        ...common,
        kind: "script",
        contains: str(o.contains, `${path}.contains`, 64),
        // Global: every match in the script counts, so two different ids are seen as ambiguous.
        pattern: withGroup(regex(o.pattern, `${path}.pattern`, "g"), `${path}.pattern`),
      };
    case "json": {
      known(o, path, [...base, "marker", "path"]);
      const p = str(o.path, `${path}.path`, 200).split(".");
      if (p.some((seg) => seg.length === 0))
        throw new RulesError(`${path}.path`, `empty segment in ${JSON.stringify(o.path)}`);
      return { ...common, kind: "json", marker: str(o.marker, `${path}.marker`, 64), path: p };
    }
    default:
      throw new RulesError(
        `${path}.kind`,
        `expected "meta", "attr", "link", "script" or "json", got ${kindOf(o.kind)}`,
      );
  }
}

function platformRules(id: Platform, v: unknown, path: string): CompiledPlatform {
  const o = obj(v, path);
  known(o, path, [
    "domains",
    "idPattern",
    "spaces",
    "spacePatterns",
    "aliases",
    "pages",
    "sources",
    "anchors",
    "headers",
    "shopUrls",
  ]);
  const domains = list(
    o.domains,
    `${path}.domains`,
    (x, p) => {
      const d = str(x, p, 64);
      if (!DOMAIN.test(d)) throw new RulesError(p, `not a lower-case domain name: ${JSON.stringify(d)}`);
      return d;
    },
    1,
  );
  const realSpaces =
    o.spaces === undefined ? ["shop"] : list(o.spaces, `${path}.spaces`, (x, p) => str(x, p, 48), 1);
  const aliases = new Map<string, RegExp>();
  if (o.aliases !== undefined) {
    list(o.aliases, `${path}.aliases`, (x, p) => {
      const a = obj(x, p);
      known(a, p, ["space", "pattern"]);
      const name = str(a.space, `${p}.space`, 16);
      if (!ALIAS_SPACE.test(name))
        throw new RulesError(`${p}.space`, `use 2–16 lower-case letters (got ${JSON.stringify(name)})`);
      if (realSpaces.includes(name) || aliases.has(name))
        throw new RulesError(`${p}.space`, `id space ${JSON.stringify(name)} is declared twice`);
      aliases.set(name, regex(`^(?:${str(a.pattern, `${p}.pattern`, MAX_PATTERN)})$`, `${p}.pattern`));
    });
  }
  // Real spaces first: an alias is tried only when no real shop id was found (order of trust).
  const spaces = [...realSpaces, ...aliases.keys()];
  const idSrc = str(o.idPattern, `${path}.idPattern`, MAX_PATTERN);
  const idPattern = regex(`^(?:${idSrc})$`, `${path}.idPattern`);
  const spacePatterns = new Map<string, RegExp>();
  if (o.spacePatterns !== undefined) {
    const sp = obj(o.spacePatterns, `${path}.spacePatterns`);
    for (const [k, v2] of Object.entries(sp)) {
      if (!realSpaces.includes(k)) {
        throw new RulesError(
          `${path}.spacePatterns.${k}`,
          `unknown id space (declared: ${realSpaces.join(", ")}; aliases carry their own pattern)`,
        );
      }
      const src = str(v2, `${path}.spacePatterns.${k}`, MAX_PATTERN);
      spacePatterns.set(k, regex(`^(?:${src})$`, `${path}.spacePatterns.${k}`));
    }
  }
  const shopUrls = list(
    o.shopUrls,
    `${path}.shopUrls`,
    (x, p) => {
      const u = obj(x, p);
      known(u, p, ["when", "url", "space"]);
      const url = str(u.url, `${p}.url`, 200);
      if (!url.includes("{id}")) throw new RulesError(`${p}.url`, `must contain "{id}"`);
      if (!/^https:\/\//.test(url)) throw new RulesError(`${p}.url`, "must start with https://");
      let sp: string | null = null;
      if (u.space !== undefined) {
        sp = str(u.space, `${p}.space`, 16);
        if (!aliases.has(sp))
          throw new RulesError(
            `${p}.space`,
            `not an alias namespace ${JSON.stringify(sp)} (declared: ${[...aliases.keys()].join(", ") || "none"})`,
          );
      }
      return { when: regex(`^(?:${str(u.when, `${p}.when`, MAX_PATTERN)})$`, `${p}.when`), url, space: sp };
    },
    1,
  );
  return {
    id,
    domains,
    idPattern,
    spaces,
    spacePatterns,
    aliases,
    pages: list(o.pages, `${path}.pages`, (x, p) => pageRule(x, p, spaces), 1),
    sources: list(o.sources, `${path}.sources`, (x, p, i) => source(x, p, i, spaces)),
    anchors: list(o.anchors, `${path}.anchors`, (x, p) => selector(x, p), 1),
    headers: o.headers === undefined ? [] : list(o.headers, `${path}.headers`, (x, p) => selector(x, p)),
    shopUrls,
  };
}

export interface ParseOptions {
  /**
   * Check every CSS selector against the DOM (default true). The built-in rules skip it at content
   * script start (two thirds of the parse time); their selectors are checked by the unit tests.
   */
  checkSelectors?: boolean;
}

/**
 * Validate and compile a rules object or its JSON text. Throws RulesError naming the field.
 * Every platform of the model must be present: a rules file that drops one would silently stop
 * checking that platform's pages.
 */
export function parseRules(input: unknown, options: ParseOptions = {}): CompiledRules {
  checkSelectors = options.checkSelectors ?? true;
  try {
    return parse(input);
  } finally {
    checkSelectors = true;
  }
}

function parse(input: unknown): CompiledRules {
  let v = input;
  if (typeof input === "string") {
    try {
      v = JSON.parse(input);
    } catch (e) {
      throw new RulesError("(root)", `not JSON: ${(e as Error).message}`);
    }
  }
  const o = obj(v, "(root)");
  known(o, "(root)", ["format", "version", "platforms"]);
  if (o.format !== RULES_FORMAT) {
    throw new RulesError(
      "format",
      `this extension reads rules format ${RULES_FORMAT}, got ${kindOf(o.format)}`,
    );
  }
  const version = str(o.version, "version", 64);
  const ps = obj(o.platforms, "platforms");
  for (const k of Object.keys(ps)) {
    if (!(PLATFORMS as readonly string[]).includes(k)) {
      throw new RulesError(`platforms.${k}`, `unknown platform (expected one of: ${PLATFORMS.join(", ")})`);
    }
  }
  const platforms = PLATFORMS.map((p) => {
    if (!(p in ps)) throw new RulesError(`platforms.${p}`, "missing: every platform needs its rules");
    return platformRules(p, ps[p], `platforms.${p}`);
  });
  return { version, platforms, json: JSON.parse(JSON.stringify(o)) as RulesJson };
}
