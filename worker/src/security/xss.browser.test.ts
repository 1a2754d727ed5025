/**
 * XSS corpus in real Chromium (issue 8 item 3). Hostile merchant names, addresses, authorities,
 * business scopes, list categories and shop names enter the way real data does — the regulator import
 * API and the partner shop API — and are then rendered by every public surface: the record page (zh and
 * en), the search window, the shop page, SVG badges opened as documents and as <img>, the embed script
 * on a partner page (mapped host, strict CSP), a badge served stale from last-good, and the regulator
 * dashboard. No script may run (no dialog, no beacon request, no page error) and no payload may
 * become markup: no element carries an event-handler attribute, no link a javascript: URL, and the
 * payload text appears as literal text. Screenshots go to worker/test-results/security-*.png.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { buildUscc } from "@xinbiao/db/model";
import { shops } from "@xinbiao/db/schema";
import { eq } from "drizzle-orm";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../app.ts";
import { bearer, jsonInit, keysForRoles } from "../auth/test-keys.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";

const SHOTS = join(import.meta.dirname, "../../test-results");
const FIXTURES = join(import.meta.dirname, "../embed/fixtures");
const PARTNER = "http://mall.jd.com";

let t: TestApp;
let svc: string;
let beaconBase: string;
let service: ReturnType<typeof serve>;
let staleService: ReturnType<typeof serve>;
let staleSvc: string;
let fixtures: Server;
let beacon: Server;
let browser: Browser;
let keys: Awaited<ReturnType<typeof keysForRoles>>;
const beaconHits: string[] = [];
const executed: string[] = [];

/** Each payload, if it ever ran, would show a dialog, hit the beacon, or both. */
function corpus(b: string): string[] {
  return [
    `<script>alert("x1");fetch("${b}/1")</script>`,
    `<img src=x onerror="alert('x2');fetch('${b}/2')">`,
    `"><svg onload=alert("x3")>`,
    `javascript:alert("x4")`,
    `<a href="javascript:fetch('${b}/5')">点我</a>`,
    `<svg><script>alert("x6")</script></svg>`,
    `\u202E<iframe src="javascript:alert('x7')"></iframe>\u202C`,
    `'onmouseover='alert("x8")' autofocus onfocus='fetch("${b}/8")`,
    `</title><script>alert("x9")</script>`,
    `]]><script>alert("x10")</script><![CDATA[`,
    `<style>@import "${b}/11.css";</style><link rel=stylesheet href="${b}/11b.css">`,
    `<math><mtext><table><mglyph><style><img src=x onerror=alert("x12")>`,
    `\u2066<details open ontoggle=alert("x13")>\u2069`,
    `{{constructor.constructor('alert("x14")')()}}\${alert("x14b")}`,
  ];
}

interface Hostile {
  uscc: string;
  payload: string;
}
let hostile: Hostile[] = [];

function csvCell(v: string): string {
  return `"${v.replace(/"/g, '""')}"`;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  beacon = createServer((req, res) => {
    beaconHits.push(req.url ?? "");
    res.writeHead(204).end();
  });
  await new Promise<void>((r) => beacon.listen(0, "127.0.0.1", r));
  beaconBase = `http://127.0.0.1:${(beacon.address() as AddressInfo).port}`;

  t = await openTestApp({ demoMerchants: 20, publicBaseUrl: undefined });
  keys = await keysForRoles(t.db, TEST_NOW);
  const payloads = corpus(beaconBase);
  hostile = payloads.map((payload, i) => ({
    uscc: buildUscc("91", "320214", `MA0XT${String(i).padStart(3, "0")}`),
    payload,
  }));

  // Poisoned data arrives the way real data does: the regulator's import API …
  const merchantsCsv = [
    "统一社会信用代码,企业名称,登记机关,住所,经营范围",
    ...hostile.map(({ uscc, payload }, i) =>
      [uscc, `${payload}商行${i}`, `${payload}市场监督管理局`, `${payload}路${i}号`, `${payload}网上销售`]
        .map(csvCell)
        .join(","),
    ),
  ].join("\n");
  const imp = await t.app.request(
    "/api/v1/regulator/imports/merchants",
    bearer(keys.regulator, { method: "POST", headers: { "content-type": "text/csv" }, body: merchantsCsv }),
  );
  expect(imp.status, await imp.clone().text()).toBe(200);
  const listsCsv = [
    "主体名称,统一社会信用代码,名单类型,失信类别,认定部门,文书号,列入日期",
    ...hostile.map(({ uscc, payload }, i) =>
      [
        `商行${i}`,
        uscc,
        i % 2 ? "重点关注名单" : "黑名单",
        `${payload}刷单炒信`,
        `${payload}认定部门`,
        `XSS〔2026〕${i}号`,
        "2026-11-01",
      ]
        .map(csvCell)
        .join(","),
    ),
  ].join("\n");
  const lists = await t.app.request(
    "/api/v1/regulator/imports/lists?publishedAt=2026-11-01",
    bearer(keys.regulator, { method: "POST", headers: { "content-type": "text/csv" }, body: listsCsv }),
  );
  expect(lists.status, await lists.clone().text()).toBe(200);
  // … and the partner's shop API (hostile shop names), bound to the fixture partner origin.
  const put = await t.app.request(
    "/api/v1/partner/shops",
    jsonInit("PUT", keys["platform:jd"], {
      shops: hostile.map(({ uscc, payload }, i) => ({
        shopId: `77700${String(i).padStart(2, "0")}`,
        uscc,
        name: `${payload.slice(0, 90)}旗舰店`,
        origins: ["https://mall.jd.com"],
      })),
    }),
  );
  expect(put.status, await put.clone().text()).toBe(200);
  // The fixture page is served over http: register that origin too (as the public-face test does).
  for (let i = 0; i < hostile.length; i++)
    await t.db
      .update(shops)
      .set({ origins: ["https://mall.jd.com", PARTNER] })
      .where(eq(shops.shopId, `77700${String(i).padStart(2, "0")}`));

  service = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => service.once("listening", r));
  svc = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;

  const csp = `default-src 'none'; script-src ${svc}; connect-src ${svc}; img-src ${svc}; style-src 'self'`;
  fixtures = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (path === "/shop.css") {
      res.writeHead(200, { "Content-Type": "text/css; charset=utf-8" });
      res.end(readFileSync(join(FIXTURES, "shop.css"), "utf8"));
      return;
    }
    const embeds = hostile
      .map(
        (_, i) =>
          `<section><script async src="${svc}/embed.js" data-platform="jd" data-shop="77700${String(i).padStart(2, "0")}"${i % 3 === 2 ? ' data-lang="en"' : ""}></script></section>`,
      )
      .join("\n");
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": csp });
    res.end(
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>XSS 夹具</title><link rel="stylesheet" href="/shop.css"></head><body><header class="jd"><strong>京东 JD.COM</strong> · XSS 语料（测试夹具）</header><main><div class="row">${embeds}</div><p>${hostile
        .slice(0, 6)
        .map(
          (_, i) => `<img src="${svc}/badge/jd/77700${String(i).padStart(2, "0")}.svg" height="20" alt="">`,
        )
        .join(" ")}</p></main></body></html>`,
    );
  });
  await new Promise<void>((r) => fixtures.listen(0, "127.0.0.1", r));
  const fport = (fixtures.address() as AddressInfo).port;

  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      `--host-resolver-rules=MAP mall.jd.com 127.0.0.1:${fport}`,
    ],
  });
}, 180_000);

const closeServer = (s: { close(cb: () => void): unknown } | undefined) =>
  new Promise<void>((r) => (s ? s.close(() => r()) : r()));

afterAll(async () => {
  await browser?.close();
  await closeServer(fixtures);
  await closeServer(beacon);
  await closeServer(service);
  await closeServer(staleService);
  t?.cleanup();
});

async function open(url: string, init: { cookie?: string } = {}): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: "zh-CN" });
  if (init.cookie) {
    const [name, value] = init.cookie.split("=") as [string, string];
    await ctx.addCookies([{ name, value, url: new URL(url).origin }]);
  }
  const page = await ctx.newPage();
  page.on("dialog", (d) => {
    executed.push(`${url}: dialog ${d.message()}`);
    void d.dismiss();
  });
  page.on("pageerror", (e) => executed.push(`${url}: page error ${e.message}`));
  await page.goto(url, { waitUntil: "load" });
  // Give autofocus/ontoggle/onload handlers a chance to fire if they had become markup.
  await page.waitForTimeout(300);
  return page;
}

/** The DOM holds no element made from data: no handler attributes, no script URL, no data iframe. */
async function inertDom(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const roots: (Document | ShadowRoot)[] = [document];
    for (const el of document.querySelectorAll("*")) if (el.shadowRoot) roots.push(el.shadowRoot);
    for (const root of roots)
      for (const el of root.querySelectorAll("*")) {
        for (const a of el.getAttributeNames())
          if (/^on/i.test(a)) found.push(`<${el.tagName.toLowerCase()} ${a}>`);
        for (const a of ["href", "src", "xlink:href", "action", "formaction"]) {
          const v = el.getAttribute(a);
          if (v && /^\s*javascript:/i.test(v)) found.push(`<${el.tagName.toLowerCase()} ${a}=${v}>`);
        }
        if (["IFRAME", "MATH", "LINK", "OBJECT", "EMBED"].includes(el.tagName) && !el.closest("head"))
          found.push(`<${el.tagName.toLowerCase()}> in body`);
      }
    // Scripts: only the page's own (none on pages; the embed script's own tags on the partner page).
    for (const s of document.querySelectorAll("script"))
      if (!s.src.endsWith("/embed.js")) found.push(`<script>${s.textContent?.slice(0, 40)}`);
    return found;
  });
}

async function visibleText(page: Page): Promise<string> {
  return page.evaluate(() => {
    // biome-ignore lint/performance/useDomNodeTextContent: what a person sees, not hidden text
    const parts = [document.body?.innerText ?? document.documentElement.textContent ?? ""];
    for (const el of document.querySelectorAll("*"))
      if (el.shadowRoot) parts.push(el.shadowRoot.textContent ?? "");
    return parts.join("\n");
  });
}

function expectNothingRan() {
  expect(executed).toEqual([]);
  expect(beaconHits).toEqual([]);
}

describe("XSS corpus rendered in real Chromium", () => {
  it("record pages (zh, en) show every payload as literal text and run nothing", async () => {
    for (const [i, h] of hostile.entries()) {
      for (const lang of ["", "?lang=en"]) {
        const page = await open(`${svc}/m/${h.uscc}${lang}`);
        expect(await inertDom(page), `${h.payload} ${lang}`).toEqual([]);
        const text = await visibleText(page);
        // The name as stored (markup and all) is shown as text; bidi controls may be isolated.
        expect(text.replace(/[\u202A-\u202E\u2066-\u2069]/g, ""), h.payload).toContain(`商行${i}`);
        if (i === 1 && lang === "")
          await page.screenshot({ path: join(SHOTS, "security-xss-record.png"), fullPage: true });
        await page.context().close();
      }
    }
    expectNothingRan();
  }, 240_000);

  it("the search window and shop pages run nothing", async () => {
    for (const q of ["商行", "市场监督管理局", "<script>", "javascript:"]) {
      const page = await open(`${svc}/?q=${encodeURIComponent(q)}`);
      expect(await inertDom(page), q).toEqual([]);
      if (q === "商行")
        await page.screenshot({ path: join(SHOTS, "security-xss-search.png"), fullPage: true });
      await page.context().close();
    }
    for (let i = 0; i < hostile.length; i += 3) {
      const page = await open(`${svc}/s/jd/77700${String(i).padStart(2, "0")}`);
      expect(await inertDom(page)).toEqual([]);
      await page.context().close();
    }
    expectNothingRan();
  }, 120_000);

  it("SVG badges opened as documents run nothing; their text is the payload, escaped", async () => {
    for (const [i, h] of hostile.entries()) {
      for (const path of [
        `/badge/${h.uscc}.svg`,
        `/badge/jd/77700${String(i).padStart(2, "0")}.svg?style=large&lang=en`,
      ]) {
        const page = await open(`${svc}${path}`);
        expect(await inertDom(page), path).toEqual([]);
        // The tooltip starts with the payload as literal text (long names are cut, so not the whole).
        const bidi = /[\u202A-\u202E\u2066-\u2069]/g;
        const title = await page.evaluate(() => document.querySelector("title")?.textContent ?? "");
        expect(title.replace(bidi, "")).toContain(h.payload.replace(bidi, "").slice(0, 8));
        await page.context().close();
      }
    }
    expectNothingRan();
  }, 240_000);

  it("the embed script on a partner page (strict CSP) renders every hostile shop inert", async () => {
    const page = await open(`${PARTNER}/shop.html`);
    await page.waitForFunction(
      (n) =>
        [...document.querySelectorAll(".xinbiao-badge")].filter((h) =>
          h.shadowRoot?.querySelector("[data-state]"),
        ).length === n,
      hostile.length,
      { timeout: 30_000 },
    );
    expect(await inertDom(page)).toEqual([]);
    const text = await visibleText(page);
    // The verdicts are still there: hostile names do not turn a 黑名单 entry into anything else.
    expect(text).toContain("黑名单");
    await page.screenshot({ path: join(SHOTS, "security-xss-embed.png"), fullPage: true });
    await page.context().close();
    expectNothingRan();
  }, 120_000);

  it("a badge served stale from last-good and the regulator dashboard run nothing", async () => {
    // A second app on the same file: warm its last-good, then take the database away from it.
    const { openEmbedded } = await import("../node/embedded.ts");
    const e = await openEmbedded({ url: t.url, now: () => TEST_NOW });
    const staleApp = createApp(e.deps);
    staleService = serve({ fetch: staleApp.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((r) => staleService.once("listening", r));
    staleSvc = `http://127.0.0.1:${(staleService.address() as AddressInfo).port}`;
    const paths = [`/badge/${hostile[1]!.uscc}.svg?style=large`, `/badge/${hostile[0]!.uscc}.svg?lang=en`];
    // Warm last-good from the browser itself (its Accept-Language is part of the key) …
    const pages: Page[] = [];
    for (const p of paths) pages.push(await open(`${staleSvc}${p}`));
    e.close();
    for (const [j, p] of paths.entries()) {
      // … then reload with the database gone.
      const page = pages[j]!;
      const res = await page.reload({ waitUntil: "load" });
      expect(res?.headers()["x-xinbiao-stale"]).toBe("1");
      expect(await inertDom(page)).toEqual([]);
      expect(await page.evaluate(() => document.querySelector('[data-stale="1"]') !== null)).toBe(true);
      await page.screenshot({
        path: join(SHOTS, `security-stale-badge-${p.includes("en") ? "en" : "zh"}.png`),
      });
      await page.context().close();
    }

    const login = await t.app.request("/regulator/login", {
      method: "POST",
      body: new URLSearchParams({ key: keys.regulator }),
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
    const page = await open(`${svc}/regulator`, { cookie });
    expect(await page.evaluate(() => document.title)).toContain("监管看板");
    expect(await inertDom(page)).toEqual([]);
    await page.context().close();
    expectNothingRan();
  }, 120_000);
});
