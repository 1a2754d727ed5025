/**
 * The public face in real Chromium (Debian package, driven by playwright-core): the search window,
 * a record page per verdict, SVG badges (text measured by the browser must fit the room the server
 * gave it), the embed script on a fixture partner page served as http://mall.jd.com (host-resolver
 * mapped to loopback) under a strict CSP, the origin-mismatch text on a copycat site, and a hostile
 * merchant name rendered inert everywhere (no dialog may fire). Screenshots go to worker/test-results/.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { PublicRecord, SignedEnvelope } from "@xinbiao/db/model";
import { badgeMisuse, shops } from "@xinbiao/db/schema";
import { anchor } from "@xinbiao/db/seed";
import { and, eq, inArray } from "drizzle-orm";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headline, stateText } from "../badge/labels.ts";
import {
  HOSTILE_NAME,
  HOSTILE_SHOP,
  HOSTILE_USCC,
  insertHostileMerchant,
} from "../embed/fixtures/hostile-merchant.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";

const SHOTS = join(import.meta.dirname, "../../test-results");
const FIXTURES = join(import.meta.dirname, "../embed/fixtures");
const PARTNER = "http://mall.jd.com";
const COPYCAT = "http://copycat.example";

let t: TestApp;
let svc: string;
let service: ReturnType<typeof serve>;
let fixtures: Server;
let browser: Browser;
const dialogs: string[] = [];
const cspViolations: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  // No publicBaseUrl: links point at the loopback origin the browser actually uses.
  t = await openTestApp({ demoMerchants: 20, publicBaseUrl: undefined });
  // The fixture partner page is served over http, so register that origin for its shops.
  await t.db
    .update(shops)
    .set({ origins: ["https://mall.jd.com", PARTNER] })
    .where(
      and(
        eq(shops.platform, "jd"),
        inArray(shops.shopId, ["1000001", "1000003", "1000004", "1000006", "1000011"]),
      ),
    );
  await insertHostileMerchant(t.db, TEST_NOW, [PARTNER]);

  service = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => service.once("listening", r));
  svc = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;

  const csp = `default-src 'none'; script-src ${svc}; connect-src ${svc}; img-src ${svc}; style-src 'self'`;
  fixtures = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    const states = /^\/states-(zh|en)\.html$/.exec(path);
    const file = states
      ? "embed-states.html"
      : path === "/shop.css"
        ? "shop.css"
        : path === "/blank.html"
          ? "blank.html"
          : "partner-shop.html";
    const type = file.endsWith(".css") ? "text/css; charset=utf-8" : "text/html; charset=utf-8";
    res.writeHead(200, { "Content-Type": type, "Content-Security-Policy": csp });
    res.end(
      readFileSync(join(FIXTURES, file), "utf8")
        .replaceAll("{{XINBIAO}}", svc)
        .replaceAll("{{LANG}}", states?.[1] ?? "zh"),
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
      `--host-resolver-rules=MAP mall.jd.com 127.0.0.1:${fport}, MAP copycat.example 127.0.0.1:${fport}`,
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => fixtures?.close(r));
  await new Promise((r) => service?.close(r));
  t?.cleanup();
});

async function open(url: string, viewport = { width: 1200, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport, locale: "zh-CN" });
  page.on("dialog", (d) => {
    dialogs.push(`${url}: ${d.message()}`);
    void d.dismiss();
  });
  page.on("console", (m) => {
    if (/Content.Security.Policy|Refused to/i.test(m.text())) cspViolations.push(`${url}: ${m.text()}`);
  });
  await page.goto(url, { waitUntil: "load" });
  return page;
}

async function shot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

async function apiRecord(uscc: string): Promise<PublicRecord> {
  return ((await (await fetch(`${svc}/api/v1/merchants/${uscc}`)).json()) as SignedEnvelope).record;
}

/** Texts of every embed badge on the page, read through their (open) shadow roots. */
async function embedBadges(page: Page, count: number) {
  await page.waitForFunction(
    (n) =>
      [...document.querySelectorAll(".xinbiao-badge")].filter((h) =>
        h.shadowRoot?.querySelector("[data-state]"),
      ).length === n,
    count,
    { timeout: 15_000 },
  );
  return page.evaluate(() =>
    [...document.querySelectorAll(".xinbiao-badge")].map((h) => {
      const root = h.shadowRoot!;
      const a = root.querySelector("[data-state]") as HTMLElement;
      const top = root.querySelector(".top") as HTMLElement;
      return {
        state: a.dataset.state,
        href: a.getAttribute("href"),
        text: a.textContent ?? "",
        name: root.querySelector(".name")?.textContent ?? "",
        warn: root.querySelector('[role="alert"]')?.textContent ?? null,
        brandWeight: getComputedStyle(root.querySelector(".brand")!).fontWeight,
        topColor: getComputedStyle(top).backgroundColor,
      };
    }),
  );
}

describe("public face in Chromium", () => {
  it("search window: typed into, submitted, results shown", async () => {
    const page = await open(`${svc}/`);
    await page.getByLabel("企业名称或统一社会信用代码").fill("无锡");
    await page.getByRole("button", { name: "查询" }).click();
    await page.waitForURL(/\?q=/);
    await expect(page.locator("h2#results-h").textContent()).resolves.toMatch(/共 \d+ 条结果/);
    await expect(page.locator("ol.results").textContent()).resolves.toContain("无锡禾沐岫电子商务有限公司");
    await shot(page, "search-results");
    await page.close();
  });

  const pagesByVerdict: [string, string][] = [
    ["trusted", "trusted"],
    ["normal", "normal"],
    ["stale", "caution"],
    ["watchlisted", "warning"],
    ["overdue", "warning"],
    ["abnormal", "warning"],
    ["blacklisted", "danger"],
    ["revoked", "danger"],
    ["natural_person", "normal"],
  ];
  for (const [key, verdict] of pagesByVerdict) {
    it(`record page: ${key} (${verdict}) shows the API's record, badge image and warning box`, async () => {
      const r = await apiRecord(anchor(key).uscc);
      expect(r.verdict).toBe(verdict);
      const page = await open(`${svc}/m/${r.uscc}`);
      await expect(page.locator("h1").textContent()).resolves.toBe(r.name);
      await expect(page.locator(`.chip.tone-${verdict}`).first().isVisible()).resolves.toBe(true);
      // The chip says the headline: 失信 only for a 黑名单 entry (a revoked license reads 执照已吊销).
      await expect(page.locator(".chip").first().textContent()).resolves.toContain(headline(r).word.zh);
      if (key === "revoked") await expect(page.locator("main").textContent()).resolves.not.toContain("失信");
      // 信标's page; the regional brand is named as the data source.
      await expect(page.locator("main").textContent()).resolves.toContain(`数据来源：${r.region.brand.zh}`);
      await expect(page.locator("main").textContent()).resolves.toContain(stateText(r, "zh"));
      await expect(page.locator("header .brandtag").textContent()).resolves.toBe(r.region.brand.zh);
      const alert = page.locator("section.alert");
      await expect(alert.count()).resolves.toBe(verdict === "warning" || verdict === "danger" ? 1 : 0);
      const imgOk = await page
        .locator("main img")
        .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
      expect(imgOk).toBe(true);
      await shot(page, `record-${key}`);
      await page.close();
    });
  }

  it("record page on a phone, in English", async () => {
    const page = await open(`${svc}/m/${anchor("blacklisted").uscc}?lang=en`, { width: 390, height: 844 });
    await expect(page.locator("section.alert h2").textContent()).resolves.toBe(
      "Danger: on the blacklist — think twice before buying here",
    );
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, "record-blacklisted-mobile-en");
    await page.close();
  });

  it("badges: every label fits the width the server computed (CJK full-width, nothing squeezed)", async () => {
    const keys = [
      "trusted",
      "normal",
      "stale",
      "watchlisted",
      "overdue",
      "abnormal",
      "blacklisted",
      "revoked",
    ];
    const urls: string[] = [];
    for (const key of keys)
      for (const q of ["", "?lang=en", "?style=large", "?style=large&lang=en"])
        urls.push(`${svc}/badge/${anchor(key).uscc}.svg${q}`);
    urls.push(
      `${svc}/badge/91110000600037341L.svg`,
      `${svc}/badge/91110000600037341L.svg?lang=en`,
      `${svc}/badge/jd/424242.svg?style=large&lang=en`,
      `${svc}/badge/123.svg`,
      `${svc}/badge/123.svg?lang=en&style=large`,
      `${svc}/badge/ebay/1.svg`,
      `${svc}/badge/jd/1000001.svg?style=round&lang=en`,
    );
    const page = await browser.newPage();
    for (const url of urls) {
      await page.goto(url);
      // Each part's text ends inside its part: owner (dark), state (coloured), source (light grey).
      const parts = await page.evaluate(() => {
        const svg = document.querySelector("svg")!;
        const width = Number(svg.getAttribute("width"));
        const rects = [...document.querySelectorAll("rect")];
        const ownerEnd = Number(
          rects.find((r) => r.getAttribute("fill") === "#2f3b45")?.getAttribute("width") ?? 0,
        );
        // With a source part, the state's part is its own rect starting where the owner's ends.
        const mid = rects.find((r) => r.hasAttribute("x") && Number(r.getAttribute("x")) === ownerEnd);
        const sourceX = mid ? ownerEnd + Number(mid.getAttribute("width")) : width;
        return ([...document.querySelectorAll("text")] as SVGTextElement[]).map((t) => {
          const x = Number(t.getAttribute("x"));
          const end = x + t.getComputedTextLength();
          const limit = x < ownerEnd ? ownerEnd : x < sourceX ? sourceX : width;
          return { text: t.textContent, end, limit };
        });
      });
      expect(parts.length, url).toBeGreaterThan(0);
      for (const p of parts) expect(p.end, `${url}: ${p.text}`).toBeLessThanOrEqual(p.limit - 2);
    }
    await page.close();
    // A contact sheet of all of them, to look at.
    const sheet = await browser.newPage({ viewport: { width: 900, height: 600 } });
    const imgs = urls.map((u) => `<p><img src="${u}" alt=""></p>`).join("");
    await sheet.setContent(`<body style="margin:12px;background:#fff">${imgs}</body>`, { waitUntil: "load" });
    await shot(sheet, "badges");
    await sheet.close();
  });

  it("embed script on the partner page (mall.jd.com): badges, warning bar, strict CSP, no globals", async () => {
    const baseline = await open(`${PARTNER}/blank.html`);
    const globalsBefore = await baseline.evaluate(() => Object.getOwnPropertyNames(window));
    await baseline.close();

    const page = await open(`${PARTNER}/index-1000001.html`);
    const badges = await embedBadges(page, 4);
    const [own, black, hostile, english] = badges;
    const trusted = await apiRecord(anchor("trusted").uscc);
    const blacklisted = await apiRecord(anchor("blacklisted").uscc);
    const watch = await apiRecord(anchor("watchlisted").uscc);

    expect(own!.state).toBe("trusted");
    expect(own!.name).toBe(trusted.name);
    expect(own!.text).toContain(trusted.region.brand.zh);
    expect(own!.text).toContain(stateText(trusted, "zh"));
    expect(own!.text).toContain("执照有效 · 已核验身份 · 信用等级 A");
    expect(own!.href).toBe(trusted.links.page);
    expect(own!.warn).toBeNull();
    // The constructed stylesheet applied although the page's CSP has no 'unsafe-inline'.
    expect(own!.brandWeight).toBe("700");
    expect(own!.topColor).toBe("rgb(26, 127, 55)");

    expect(black!.state).toBe("danger");
    expect(black!.text).toContain(stateText(blacklisted, "zh"));
    expect(black!.warn).toContain(blacklisted.reasons[0]!.zh);

    expect(hostile!.state).toBe("caution"); // not verified
    expect(english!.state).toBe("warning");
    expect(english!.text).toContain(stateText(watch, "en"));
    expect(english!.warn).toContain("on the watch list");

    const globalsAfter = await page.evaluate(() => Object.getOwnPropertyNames(window));
    expect(globalsAfter.filter((g) => !globalsBefore.includes(g))).toEqual([]);
    expect(cspViolations).toEqual([]);
    await shot(page, "embed-partner-page");
    await page.close();
  });

  it("origin mismatch (copycat.example): 此标识未在本站登记, and the misuse is counted", async () => {
    const page = await open(`${COPYCAT}/index-1000001.html`);
    const badges = await embedBadges(page, 4);
    for (const b of badges) {
      expect(b.state).toBe("unregistered");
      expect(b.text).toMatch(/此标识未在本站登记|Not registered for this site/);
    }
    const rows = await t.db.select().from(badgeMisuse).where(eq(badgeMisuse.origin, COPYCAT)).all();
    expect(rows.map((r) => r.shopId).sort()).toEqual(["1000001", "1000003", "1000004", HOSTILE_SHOP.shopId]);
    expect(rows.every((r) => r.count >= 1)).toBe(true);
    await shot(page, "embed-copycat-unregistered");
    await page.close();
  });

  it("hostile merchant name is inert on the page, the badge, the embed and the search (no dialog)", async () => {
    const record = await open(`${svc}/m/${HOSTILE_USCC}`);
    const h1 = await record.locator("h1").textContent();
    expect(h1).toContain("<img src=x onerror=alert(1)>\"'");
    await shot(record, "hostile-record");

    const search = await open(`${svc}/?q=${encodeURIComponent("<img src=x onerror=alert(1)>")}`);
    await shot(search, "hostile-search");

    const badge = await open(`${svc}/badge/${HOSTILE_USCC}.svg?style=large`);
    await expect(badge.locator("title").textContent()).resolves.toContain("<img src=x onerror=alert(1)>");
    await shot(badge, "hostile-badge", false);

    const partner = await open(`${PARTNER}/index-1000001.html`);
    const badges = await embedBadges(partner, 4);
    expect(badges[2]!.name).toBe(HOSTILE_NAME.replace(/[\u202A-\u202E\u2066-\u2069]/g, ""));
    await shot(partner, "hostile-embed");

    for (const p of [record, search, badge, partner]) {
      expect(await p.evaluate(() => document.querySelectorAll('img[src="x"], svg[onload]').length)).toBe(0);
      await p.close();
    }
    // Give any deferred handler a chance to fire before asserting none did.
    await new Promise((r) => setTimeout(r, 300));
    expect(dialogs).toEqual([]);
  });

  for (const lang of ["zh", "en"] as const) {
    it(`embed and image badges in every state, framed at 160 px and 360 px (${lang})`, async () => {
      const page = await open(`${PARTNER}/states-${lang}.html`, { width: 640, height: 900 });
      const badges = await embedBadges(page, 12);
      const revoked = await apiRecord(anchor("revoked").uscc);
      const black = await apiRecord(anchor("blacklisted").uscc);
      const stale = await apiRecord(anchor("stale").uscc);
      for (const col of [badges.slice(0, 6), badges.slice(6)]) {
        const [own, bl, rev, st, unknown, bad] = col;
        expect(own!.state).toBe("trusted");
        expect(bl!.state).toBe("danger");
        expect(bl!.text).toContain(headline(black).word[lang]);
        // A revoked license is red but never 失信 (issue 13 item 8).
        expect(rev!.state).toBe("danger");
        expect(rev!.text).toContain(lang === "zh" ? "执照已吊销" : "License revoked");
        expect(rev!.text).not.toMatch(/失信|dishonest|blacklist/i);
        expect(st!.state).toBe("caution");
        expect(st!.text).toContain(stateText(stale, lang));
        // 信标未收录, said once, never naming 信用中国 (issue 19: it printed 未收录 twice).
        expect(unknown!.state).toBe("unknown");
        const word = lang === "zh" ? "信标未收录" : "Not in Xinbiao";
        expect(unknown!.text.split(word).length - 1).toBe(1);
        expect(unknown!.text).not.toMatch(/信用中国|Credit China/);
        // A malformed code in the embed's attributes says so, instead of 信标未收录.
        expect(bad!.state).toBe("invalid");
        expect(bad!.text).toContain(lang === "zh" ? "标识地址有误" : "Bad badge URL");
        // Issue 14: 信标 issues the badge; the regional brand is the data source.
        for (const b of [own, bl, rev, st]) expect(b!.text).toMatch(lang === "zh" ? /^信标/ : /^Xinbiao/);
        expect(rev!.text).toContain(
          lang === "zh" ? `数据来源：${revoked.region.brand.zh}` : `Data: ${revoked.region.brand.en}`,
        );
      }
      // Framed and inside the 160 px column: nothing wider than the sidebar.
      const widths = await page.evaluate(() =>
        [...document.querySelectorAll(".narrow .xinbiao-badge")].map((h) => {
          const a = h.shadowRoot!.querySelector("[data-state]") as HTMLElement;
          const cs = getComputedStyle(a);
          return { w: a.getBoundingClientRect().width, border: cs.borderTopStyle };
        }),
      );
      for (const w of widths) {
        expect(w.w).toBeLessThanOrEqual(160);
        expect(w.border).toBe("solid");
      }
      // Image badges answer an SVG in every case, error states included (issue 19): no broken image.
      const imgs = await page
        .locator(".imgs img")
        .evaluateAll((els) => els.map((i) => (i as HTMLImageElement).naturalWidth));
      expect(imgs.length).toBe(5);
      for (const w of imgs) expect(w).toBeGreaterThan(0);
      await shot(page, `embed-states-${lang}`);
      await page.close();
    });
  }

  it("/platforms: live preview of the embed on our own origin, and the image fallback", async () => {
    const page = await open(`${svc}/platforms`);
    const badges = await embedBadges(page, 2);
    expect(badges.map((b) => b.state)).toEqual(["trusted", "danger"]);
    const imgs = await page
      .locator(".preview img")
      .evaluateAll((els) => els.map((i) => (i as HTMLImageElement).naturalWidth > 0));
    expect(imgs.length).toBe(4);
    expect(imgs.every(Boolean)).toBe(true);
    expect(cspViolations).toEqual([]);
    await shot(page, "platforms");
    await page.close();
  });
});
