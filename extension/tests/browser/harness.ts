/**
 * Browser-test harness: builds the extension, starts the real service (`npm start`, embedded libSQL in
 * a temp file), serves the saved fixture pages on loopback under the platforms' host names, and
 * launches Debian's Chromium with the extension loaded. No mock stands in for the service.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium, type Page, type Worker } from "playwright-core";
import { type Fixture, readFixtures } from "../../adapters/fixtures.ts";
import { CONTENT_MATCHES } from "../../utils/hosts.ts";

export const EXT_DIR = resolve(fileURLToPath(import.meta.url), "../../..");
export const ROOT_DIR = resolve(EXT_DIR, "..");
export const BUILD_DIR = join(EXT_DIR, ".output/chrome-mv3");
export const RESULTS_DIR = join(EXT_DIR, "test-results");
const ADAPTERS = join(EXT_DIR, "adapters");

export function buildExtension(): void {
  execFileSync("npx", ["wxt", "build"], { cwd: EXT_DIR, stdio: "pipe" });
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

export interface Service {
  url: string;
  /** The service's libSQL database, for tests that plant data of their own. */
  dbUrl: string;
  /** Request lines the service logged (`GET /path status ms`): paths only, as the service logs them. */
  log: () => { method: string; path: string; status: number }[];
  stop: () => Promise<void>;
}

/** `npm start` at the repo root: the service as a person runs it, on a fresh temp database. */
export async function startService(): Promise<Service> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "xinbiao-ext-"));
  const child: ChildProcess = spawn("npm", ["start"], {
    cwd: ROOT_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      XINBIAO_DB: `file:${join(dir, "xinbiao.db")}`,
      // A configured database gets demo data only when asked (worker/src/node/start-policy.ts).
      XINBIAO_SEED_DEMO: "1",
      XINBIAO_QUIET: "0",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // own process group: npm → tsx → node are stopped together
  });
  let out = "";
  child.stdout!.on("data", (d) => {
    out += String(d);
  });
  child.stderr!.on("data", (d) => {
    out += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited early:\n${out}`);
    try {
      const r = await fetch(`${url}/.well-known/xinbiao-keys.json`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`service did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const mark = out.length; // requests before this were the harness's readiness probes
  return {
    url,
    dbUrl: `file:${join(dir, "xinbiao.db")}`,
    log: () =>
      out
        .slice(mark)
        .split("\n")
        .map((l) => /^(GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH) (\S+) (\d{3}) /.exec(l.trim()))
        .filter((m): m is RegExpExecArray => !!m)
        .map((m) => ({ method: m[1]!, path: m[2]!, status: Number(m[3]) })),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise<void>((r) => {
        if (child.exitCode !== null || child.signalCode !== null) r();
        else child.once("exit", () => r());
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function fixture(platform: string, file: string): { html: string; shopId: string } {
  const html = readFileSync(join(ADAPTERS, platform, "fixtures", file), "utf8");
  const meta = JSON.parse(/^<!-- xinbiao-fixture (\{.*\}) -->/.exec(html)![1]!) as { shopId: string };
  return { html, shopId: meta.shopId };
}

/** The saved page, re-targeted at another shop: every mention of the fixture's shop id is replaced. */
function forShop(platform: string, file: string, shopId: string): string {
  const f = fixture(platform, file);
  return f.html.split(f.shopId).join(shopId);
}

/** Test item ids encode their shop: item `9{shopId}` belongs to shop `{shopId}`. */
export const itemOf = (shopId: string) => `9${shopId}`;
const shopOfItem = (itemId: string) => itemId.replace(/^9/, "");

export const FIXTURE_PLATFORMS = ["taobao", "tmall", "jd", "pinduoduo", "1688"] as const;

/** Every saved page of every platform, by the address in its metadata (issue 14: one per shape). */
export function allFixtures(): (Fixture & { platform: (typeof FIXTURE_PLATFORMS)[number] })[] {
  return FIXTURE_PLATFORMS.flatMap((platform) => readFixtures(platform).map((f) => ({ ...f, platform })));
}

/** The address a fixture is served at here: its own, over http (the loopback server has no TLS). */
export const servedUrl = (metaUrl: string) => metaUrl.replace(/^https:/, "http:");

let byAddress: Map<string, string> | null = null;
/** The saved page whose metadata names exactly this host, path and query (fragment aside). */
function fixtureAt(host: string, pathname: string, search: string): string | null {
  if (!byAddress) {
    byAddress = new Map();
    for (const f of allFixtures()) {
      const u = new URL(f.meta.url);
      const q = u.searchParams.toString();
      byAddress.set(`${u.hostname}${u.pathname}${q ? `?${q}` : ""}`, f.html);
    }
  }
  return byAddress.get(`${host}${pathname}${search}`) ?? null;
}

/** Which saved page answers a URL: the same shapes the adapters recognise. */
export function route(host: string, pathname: string, q: URLSearchParams): string | null {
  const exact = fixtureAt(host, pathname, q.size ? `?${q.toString()}` : "");
  if (exact !== null) return exact;
  if (q.get("fixture") === "embed-badge") return forShop("generic", "embed-badge.html", "100002");
  // [host pattern, path pattern, platform, fixture, shop id from (host match, path match)]
  const table: [RegExp, RegExp, string, string, (h: RegExpExecArray, p: RegExpExecArray) => string][] = [
    [/^shop(\d+)\.taobao\.com$/, /^\//, "taobao", "shop-home.html", (h) => h[1]!],
    [/^item\.taobao\.com$/, /^\/item\.htm$/, "taobao", "item.html", () => shopOfItem(q.get("id") ?? "")],
    [/^lizhi\.taobao\.com$/, /^\/$/, "taobao", "vanity-no-header.html", () => "100004"],
    [/^shop(\d+)\.tmall\.com$/, /^\//, "tmall", "shop-home.html", (h) => h[1]!],
    [/^detail\.tmall\.com$/, /^\/item\.htm$/, "tmall", "item.html", () => shopOfItem(q.get("id") ?? "")],
    [/^mall\.jd\.com$/, /^\/index-(\d+)\.html$/, "jd", "mall-home.html", (_, p) => p[1]!],
    [/^item\.jd\.com$/, /^\/(\d+)\.html$/, "jd", "item.html", (_, p) => shopOfItem(p[1]!)],
    [
      /^mobile\.yangkeduo\.com$/,
      /^\/mall_page\.html$/,
      "pinduoduo",
      "mall-page.html",
      () => q.get("mall_id") ?? "",
    ],
    [
      /^mobile\.yangkeduo\.com$/,
      /^\/goods\.html$/,
      "pinduoduo",
      "goods.html",
      () => shopOfItem(q.get("goods_id") ?? ""),
    ],
    [/^shop(\d+)\.1688\.com$/, /^\//, "1688", "winport.html", (h) => h[1]!],
    [
      /^detail\.1688\.com$/,
      /^\/offer\/(\d+)\.html$/,
      "1688",
      "offer-no-header.html",
      (_, p) => shopOfItem(p[1]!),
    ],
  ];
  for (const [hostRe, pathRe, platform, file, id] of table) {
    const h = hostRe.exec(host);
    const p = h && pathRe.exec(pathname);
    if (h && p) return forShop(platform, file, id(h, p));
  }
  if (host === "www.taobao.com")
    return "<!doctype html><html lang=zh-CN><body><h1>淘宝网首页</h1></body></html>";
  return null;
}

export interface FixtureServer {
  port: number;
  /** Every request the pages made, to tell page traffic from extension traffic. */
  hits: string[];
  close: () => Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    const host = (req.headers.host ?? "").replace(/:\d+$/, "");
    const u = new URL(req.url ?? "/", `http://${host}`);
    hits.push(`${host}${u.pathname}${u.search}`);
    const html = route(host, u.pathname, u.searchParams);
    if (html === null) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Every platform host the content script runs on (utils/hosts.ts), mapped to the fixture server. */
export const PLATFORM_HOSTS = CONTENT_MATCHES.map((m) => m.replace(/^\*:\/\//, "").replace(/\/\*$/, ""));

export interface Browser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Chromium's own network log of this run (--log-net-log): complete once the browser closed. */
  netLogPath: string;
  close: () => Promise<void>;
}

/**
 * Every URL Chromium requested during the run, from its NetLog: service-worker fetches included,
 * query strings included. Read after the browser closed (the file is finished on exit); a truncated
 * tail is tolerated because URLs are pulled out by pattern, not by parsing the whole JSON.
 */
export function netLogUrls(path: string): string[] {
  const text = readFileSync(path, "utf8");
  const urls = new Set<string>();
  for (const m of text.matchAll(/"url":"(https?:\/\/[^"]+)"/g)) urls.add(JSON.parse(`"${m[1]}"`) as string);
  return [...urls];
}

/** A phone: small viewport, touch, mobile user agent (the platforms' m./h5. pages are made for it). */
export const MOBILE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 3,
  userAgent:
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36",
};

export async function launch(fixturePort: number, opts: { mobile?: boolean } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "xinbiao-chromium-"));
  mkdirSync(RESULTS_DIR, { recursive: true });
  const netLogPath = join(RESULTS_DIR, `netlog-${process.pid}-${Date.now()}.json`);
  const rules = [
    ...PLATFORM_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${fixturePort}`),
    // The placeholder production host and everything else: never reach the network from a test.
    "MAP xinbiao.example ~NOTFOUND",
  ].join(", ");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: false, // --headless=new below: the mode in which extensions load
    ...(opts.mobile ? MOBILE : { viewport: { width: 1280, height: 800 } }),
    locale: "zh-CN",
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--disable-extensions-except=${BUILD_DIR}`,
      `--load-extension=${BUILD_DIR}`,
      `--host-resolver-rules=${rules}`,
      "--lang=zh-CN",
      `--log-net-log=${netLogPath}`,
      "--net-log-capture-mode=Default",
    ],
  });
  const worker =
    context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 60_000 }));
  const extensionId = new URL(worker.url()).host;
  let closed = false;
  return {
    context,
    worker,
    extensionId,
    netLogPath,
    close: async () => {
      if (closed) return;
      closed = true;
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface BadgeState {
  count: number;
  tone: string | null;
  text: string;
  floating: boolean;
  banner: { tone: string | null; text: string }[];
}

/** Read the extension's UI from the page (open shadow roots). */
export async function readUi(page: Page): Promise<BadgeState> {
  return page.evaluate(() => {
    const hosts = [...document.querySelectorAll("xinbiao-shop-badge")];
    const badge = hosts[0]?.shadowRoot?.querySelector<HTMLElement>(".xb-badge") ?? null;
    const root = hosts[0]?.shadowRoot?.querySelector(".xb-root");
    const banners = [...document.querySelectorAll("xinbiao-shop-banner")].flatMap((h) =>
      [...(h.shadowRoot?.querySelectorAll<HTMLElement>(".xb-banner") ?? [])].map((b) => ({
        tone: b.dataset.tone ?? null,
        text: b.textContent ?? "",
      })),
    );
    return {
      count: hosts.length,
      tone: badge?.dataset.tone ?? null,
      text: badge?.textContent ?? "",
      floating: !!root?.classList.contains("xb-floating"),
      banner: banners,
    };
  });
}

/** Wait until the badge shows a settled state (not loading), then read it. */
export async function settledUi(page: Page, timeoutMs = 20_000): Promise<BadgeState> {
  const deadline = Date.now() + timeoutMs;
  let last: BadgeState | null = null;
  while (Date.now() < deadline) {
    last = await readUi(page);
    if (last.count > 0 && last.tone && last.tone !== "loading") return last;
    await page.waitForTimeout(150);
  }
  throw new Error(`badge did not settle: ${JSON.stringify(last)}`);
}
