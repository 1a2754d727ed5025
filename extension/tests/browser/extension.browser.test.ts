/**
 * The extension in real Chromium against the real service (issue 4, item 7). Per platform: a normal
 * merchant, a red-listed grade-A merchant, a 黑名单 merchant (banner with its category), an unknown
 * shop (neutral), an SPA navigation without duplicate badges, the popup; then the privacy assertion
 * over the service's own request log and the browser-side record of what the extension fetched.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKS } from "../../audit/engine/checks/registry.ts";
import { CONTENT_MATCHES } from "../../utils/hosts.ts";
import {
  type Browser,
  BUILD_DIR,
  buildExtension,
  type FixtureServer,
  itemOf,
  launch,
  netLogUrls,
  RESULTS_DIR,
  readUi,
  type Service,
  settledUi,
  startFixtureServer,
  startService,
} from "./harness.ts";

const SHOP_PAGE_CHECKS = CHECKS.filter((c) => c.appliesTo.includes("shop")).length;

interface PlatformCase {
  id: string;
  shopUrl: (id: string) => string;
  /** Ids in db/seed/anchors.ts: trusted (red list, grade A), normal, blacklisted (刷单炒信); unknown is not seeded. */
  ids: { trusted: string; normal: string; black: string; unknown: string };
  /** An SPA move: from one item/shop URL to another of a different shop, within the same origin. */
  spa: { from: string; to: (page: Page) => Promise<void>; toShop: "black" | "normal" };
}

/** Re-render the page the way an SPA does: new URL through history.pushState, new DOM, no reload. */
async function spaSwap(page: Page, url: string): Promise<void> {
  const html = await page.evaluate(async (u) => (await fetch(u)).text(), url);
  await page.evaluate(
    ({ u, h }) => {
      const doc = new DOMParser().parseFromString(h, "text/html");
      history.pushState({}, "", u);
      document.title = doc.title;
      document.body.replaceWith(document.adoptNode(doc.body));
    },
    { u: url, h: html },
  );
}

const CASES: PlatformCase[] = [
  {
    id: "taobao",
    shopUrl: (id) => `http://shop${id}.taobao.com/`,
    ids: { trusted: "100001", normal: "100002", black: "100003", unknown: "190001" },
    spa: {
      from: `http://item.taobao.com/item.htm?id=${itemOf("100002")}`,
      to: (p) => spaSwap(p, `http://item.taobao.com/item.htm?id=${itemOf("100003")}`),
      toShop: "black",
    },
  },
  {
    id: "tmall",
    shopUrl: (id) => `http://shop${id}.tmall.com/`,
    ids: { trusted: "100001", normal: "100002", black: "100003", unknown: "190002" },
    spa: {
      from: `http://detail.tmall.com/item.htm?id=${itemOf("100003")}`,
      to: (p) => spaSwap(p, `http://detail.tmall.com/item.htm?id=${itemOf("100002")}`),
      toShop: "normal",
    },
  },
  {
    id: "jd",
    shopUrl: (id) => `http://mall.jd.com/index-${id}.html`,
    ids: { trusted: "1000001", normal: "1000002", black: "1000003", unknown: "1900003" },
    spa: {
      from: `http://item.jd.com/${itemOf("1000002")}.html`,
      to: (p) => spaSwap(p, `http://item.jd.com/${itemOf("1000003")}.html`),
      toShop: "black",
    },
  },
  {
    id: "pinduoduo",
    shopUrl: (id) => `http://mobile.yangkeduo.com/mall_page.html?mall_id=${id}`,
    ids: { trusted: "100001", normal: "100002", black: "100003", unknown: "190004" },
    spa: {
      from: "http://mobile.yangkeduo.com/mall_page.html?mall_id=100002",
      to: (p) => spaSwap(p, "http://mobile.yangkeduo.com/mall_page.html?mall_id=100003"),
      toShop: "black",
    },
  },
  {
    id: "1688",
    shopUrl: (id) => `http://shop${id}.1688.com/`,
    ids: { trusted: "100001", normal: "100002", black: "100003", unknown: "190005" },
    spa: {
      from: `http://detail.1688.com/offer/${itemOf("100003")}.html`,
      to: (p) => spaSwap(p, `http://detail.1688.com/offer/${itemOf("100002")}.html`),
      toShop: "normal",
    },
  },
];

let service: Service;
let fixtures: FixtureServer;
let browser: Browser;
let page: Page;
/** USCCs whose full record the test asked for by clicking "verify": the only merchants allowed in the log. */
const clickedUsccs = new Set<string>();

const shot = (name: string) => page.screenshot({ path: join(RESULTS_DIR, `${name}.png`) });

beforeAll(async () => {
  buildExtension();
  [service, fixtures] = await Promise.all([startService(), startFixtureServer()]);
  browser = await launch(fixtures.port);
  // Point the extension at this run's service through its own options page, as a person would.
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.locator("#service").fill(service.url);
  await options.getByRole("button", { name: "保存" }).click();
  await options.getByText("已保存").waitFor();
  await options.screenshot({ path: join(RESULTS_DIR, "options.png"), fullPage: true });
  await options.close();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await fixtures?.close();
  await service?.stop();
});

describe.each(CASES)("$id", (c) => {
  it("shows a normal merchant's badge beside the shop header", async () => {
    await page.goto(c.shopUrl(c.ids.normal));
    const ui = await settledUi(page);
    expect(ui.count).toBe(1);
    expect(ui.tone).toBe("normal");
    expect(ui.floating).toBe(false);
    expect(ui.text).toContain("信用江苏"); // 苏州 merchant: region 32 → 信用江苏
    expect(ui.text).toContain("B级");
    expect(ui.text).toContain("已核验");
    expect(ui.banner).toEqual([]);
    await shot(`${c.id}-normal`);
  });

  it("shows a red-listed grade-A merchant as trusted, and its card with links", async () => {
    await page.goto(c.shopUrl(c.ids.trusted));
    const ui = await settledUi(page);
    expect(ui.tone).toBe("trusted");
    for (const s of ["信用江苏", "已亮照", "已核验", "A级", "红名单"]) expect(ui.text).toContain(s);
    await page.locator("xinbiao-shop-badge .xb-badge").click();
    const card = page.locator("xinbiao-shop-badge .xb-card");
    await card.waitFor();
    const cardText = await card.textContent();
    expect(cardText).toContain("无锡禾沐岫电子商务有限公司");
    const report = await card.locator("a.xb-report").getAttribute("href");
    const reportUrl = new URL(report!);
    expect(reportUrl.host).toBe("www.12315.cn");
    expect(reportUrl.searchParams.get("keyword")).toContain(c.ids.trusted);
    const publicPage = await card.getByRole("link", { name: "查看完整信用档案" }).getAttribute("href");
    expect(publicPage).toMatch(new RegExp(`^${service.url}/m/[0-9A-Z]{18}$`));
    if (c.id === "taobao") {
      // Once: ask for the signed record and check that the signature verified.
      await card.getByRole("button", { name: "核验签名档案" }).click();
      await card.locator(".xb-sig-ok, .xb-sig-bad").waitFor({ timeout: 20_000 });
      const sig = await card.locator(".xb-sig-ok, .xb-sig-bad").textContent();
      expect(sig).toContain("签名有效");
      expect(sig).toContain("食品经营许可证");
      clickedUsccs.add(publicPage!.slice(-18));
    }
    await shot(`${c.id}-trusted-card`);
  });

  it("warns about a 黑名单 merchant with a red banner naming the category", async () => {
    await page.goto(c.shopUrl(c.ids.black));
    await page.waitForFunction(
      () =>
        document
          .querySelector("xinbiao-shop-banner")
          ?.shadowRoot?.querySelector(".xb-banner")
          ?.textContent?.includes("刷单炒信"),
      undefined,
      { timeout: 20_000 },
    );
    const ui = await readUi(page);
    expect(ui.tone).toBe("danger");
    expect(ui.text).toContain("信用江西"); // 瑞昌 (36) → 信用江西
    expect(ui.text).toContain("黑名单 · 刷单炒信");
    expect(ui.banner).toHaveLength(1);
    expect(ui.banner[0]!.tone).toBe("danger");
    expect(ui.banner[0]!.text).toContain("列入日期");
    expect(ui.banner[0]!.text).toContain("来源：瑞昌市发展和改革委员会");
    await shot(`${c.id}-blacklisted`);
  });

  it("shows an unknown shop as neutral 未收录, never green", async () => {
    await page.goto(c.shopUrl(c.ids.unknown));
    const ui = await settledUi(page);
    expect(ui.tone).toBe("unknown");
    expect(ui.text).toContain("未收录");
    expect(ui.banner).toEqual([]);
    await shot(`${c.id}-unknown`);
  });

  it("follows an SPA navigation to another shop with exactly one badge", async () => {
    await page.goto(c.spa.from);
    const before = await settledUi(page);
    expect(before.count).toBe(1);
    await c.spa.to(page);
    const want = c.spa.toShop === "black" ? "danger" : "normal";
    const deadline = Date.now() + 20_000;
    let ui = await readUi(page);
    while (Date.now() < deadline && ui.tone !== want) {
      await page.waitForTimeout(150);
      ui = await readUi(page);
    }
    expect(ui.tone).toBe(want);
    expect(before.tone).not.toBe(want);
    // Let the observer run a few more frames: no second badge may appear.
    await page.waitForTimeout(500);
    ui = await readUi(page);
    expect(ui.count).toBe(1);
    expect(ui.banner.length).toBe(want === "danger" ? 1 : 0);
    await shot(`${c.id}-spa`);
  });

  it("shows this tab's shop in the popup", async () => {
    await page.goto(c.shopUrl(c.ids.black));
    await settledUi(page);
    // Without the "tabs" permission tab URLs are hidden: ask each tab's content script for its shop.
    const tabId = await browser.worker.evaluate(async (shopId) => {
      // Runs inside the extension's service worker, where `chrome` is the extension API.
      const chrome = (globalThis as unknown as { chrome: typeof import("wxt/browser").browser }).chrome;
      for (const t of await chrome.tabs.query({})) {
        if (t.id === undefined) continue;
        try {
          const st = (await chrome.tabs.sendMessage(t.id, { type: "state" })) as {
            shop?: { shopId: string };
          };
          if (st?.shop?.shopId === shopId) return t.id;
        } catch {
          // no content script in that tab
        }
      }
      return null;
    }, c.ids.black);
    expect(tabId).not.toBeNull();
    const popup = await browser.context.newPage();
    await popup.setViewportSize({ width: 400, height: 560 });
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
    const badge = popup.locator(".tab-state .xb-badge");
    await badge.waitFor();
    expect(await badge.getAttribute("data-tone")).toBe("danger");
    expect(await badge.textContent()).toContain("刷单炒信");
    if (c.id === "jd") {
      // The search window: a name query returns the demo merchant, a bad code explains itself.
      await popup.getByRole("textbox").fill("禾沐岫");
      await popup.getByRole("button", { name: "查询" }).click();
      await popup.locator(".results li").first().waitFor({ timeout: 20_000 });
      expect(await popup.locator(".results").textContent()).toContain("无锡禾沐岫电子商务有限公司");
      await popup.screenshot({ path: join(RESULTS_DIR, "popup-search.png") });
      await popup.getByRole("textbox").fill("91320214745555318X");
      await popup.getByRole("button", { name: "查询" }).click();
      await popup.locator(".error").waitFor();
      expect(await popup.locator(".error").textContent()).toContain("校验");
    }
    await popup.screenshot({ path: join(RESULTS_DIR, `${c.id}-popup.png`) });
    await popup.close();
  });
});

describe("beyond the per-platform cases", () => {
  it("places a floating badge when the header is missing, amber banner for 重点关注", async () => {
    await page.goto("http://lizhi.taobao.com/");
    await page.waitForFunction(
      () =>
        document
          .querySelector("xinbiao-shop-banner")
          ?.shadowRoot?.querySelector(".xb-banner")
          ?.textContent?.includes("虚假宣传"),
      undefined,
      { timeout: 20_000 },
    );
    const ui = await readUi(page);
    expect(ui.floating).toBe(true);
    expect(ui.tone).toBe("warning");
    expect(ui.banner[0]!.tone).toBe("warning");
    await shot("taobao-watchlisted-floating");
  });

  it("loads the card and the auditor panel on demand; auditor mode switches on and off without a reload", async () => {
    // The content script every shop page runs carries neither the Preact card nor the audit engine
    // (issue 7): both are in shop-extras.js, reachable from the platforms' pages only by a dynamic URL.
    const manifest = JSON.parse(readFileSync(join(BUILD_DIR, "manifest.json"), "utf8"));
    const contentScript = readFileSync(join(BUILD_DIR, manifest.content_scripts[0].js[0]), "utf8");
    expect(contentScript).not.toContain("xinbiao-auditor-panel");
    expect(contentScript).not.toContain(".xb-card");
    expect(readFileSync(join(BUILD_DIR, "shop-extras.js"), "utf8")).toContain("xinbiao-auditor-panel");
    expect(manifest.web_accessible_resources).toEqual([
      { resources: ["shop-extras.js"], matches: CONTENT_MATCHES, use_dynamic_url: true },
    ]);

    await page.goto("http://shop100001.tmall.com/");
    expect((await settledUi(page)).tone).toBe("trusted");
    expect(await page.locator("xinbiao-auditor-panel").count()).toBe(0);
    const setAuditorMode = async (on: boolean) => {
      const options = await browser.context.newPage();
      await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
      const box = options.locator("#auditor-mode");
      if (on) await box.check();
      else await box.uncheck();
      await options.close();
    };
    await setAuditorMode(true);
    try {
      // The open page gets the panel from the background's settings message, no navigation.
      const panel = page.locator("xinbiao-auditor-panel .xa-panel:not([data-outcome=running])");
      await panel.waitFor({ timeout: 30_000 });
      // every registered check that applies to a shop page, each shown once
      expect(await page.locator("xinbiao-auditor-panel li.xa-check").count()).toBe(SHOP_PAGE_CHECKS);
      await page.locator("xinbiao-shop-badge .xb-badge").click();
      const card = page.locator("xinbiao-shop-badge .xb-card");
      await card.waitFor();
      expect(await card.textContent()).toContain("无锡禾沐岫电子商务有限公司");
      await shot("tmall-trusted-card-auditor");
    } finally {
      await setAuditorMode(false);
    }
    await page.locator("xinbiao-auditor-panel").waitFor({ state: "detached", timeout: 10_000 });
    // The card stays usable after the panel went: it is the same on-demand module.
    expect(await page.locator("xinbiao-shop-badge .xb-card").count()).toBe(1);
  });

  it("hides a dismissed banner for the day, the badge stays", async () => {
    await page.goto("http://shop100003.taobao.com/");
    await page.locator("xinbiao-shop-banner .xb-dismiss").click();
    await page.reload();
    const ui = await settledUi(page);
    expect(ui.tone).toBe("danger");
    await page.waitForTimeout(500);
    expect((await readUi(page)).banner).toEqual([]);
  });

  it("warns when the page's Xinbiao badge belongs to another shop", async () => {
    await page.goto("http://shop100002.taobao.com/?fixture=embed-badge");
    await settledUi(page);
    await page.waitForTimeout(300);
    const ui = await readUi(page);
    const mismatch = ui.banner.find((b) => b.tone === "mismatch");
    expect(mismatch?.text).toContain("页面上的信用标识与本店不符");
    expect(mismatch?.text).toContain("100001");
    await shot("taobao-badge-mismatch");
  });

  it("labels data past its freshness bound as stale", async () => {
    await page.goto("http://mall.jd.com/index-1000011.html"); // the seed's stale anchor (深圳, 信用中国)
    const ui = await settledUi(page);
    expect(ui.text).toContain("信用中国");
    expect(ui.text).toContain("数据已超过更新期限");
    await shot("jd-stale");
  });

  it("switches the page UI to English from the options", async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator("#language").selectOption("en");
    await options.getByText("Xinbiao settings").waitFor();
    await options.close();
    await page.goto("http://shop100003.tmall.com/");
    await page.waitForFunction(
      () =>
        document
          .querySelector("xinbiao-shop-banner")
          ?.shadowRoot?.querySelector(".xb-banner")
          ?.textContent?.includes("on the blacklist"),
      undefined,
      { timeout: 20_000 },
    );
    const ui = await readUi(page);
    expect(ui.text).toContain("Credit Jiangxi");
    expect(ui.text).toContain("blacklist · 刷单炒信");
    expect(ui.banner[0]!.text).toContain("source: 瑞昌市发展和改革委员会");
    await shot("tmall-blacklisted-en");
    const back = await browser.context.newPage();
    await back.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await back.locator("#language").selectOption("zh");
    await back.close();
  });

  it("does nothing on a platform page that is not a shop page", async () => {
    await page.goto("http://www.taobao.com/");
    await page.waitForTimeout(800);
    expect((await readUi(page)).count).toBe(0);
  });

  it("still warns with the service down: the local prefix set flags a listed shop, the cache serves a seen one", async () => {
    const logBefore = service.log();
    await service.stop(); // the log read so far stays available to the privacy test
    // 100005 on Pinduoduo (seed: 重点关注, rectification overdue) was never looked up in this run.
    await page.goto("http://mobile.yangkeduo.com/mall_page.html?mall_id=100005");
    const ui = await settledUi(page);
    expect(ui.tone).toBe("warning");
    expect(ui.banner[0]?.text).toContain("本地警示名单");
    await shot("pinduoduo-offline-prefix-set");
    // A shop seen earlier is answered from the cache without the service.
    await page.goto("http://shop100001.taobao.com/");
    expect((await settledUi(page)).tone).toBe("trusted");
    expect(service.log()).toEqual(logBefore);
  });

  it("never told the service a shop id or a page URL: only range prefixes and the prefix set", async () => {
    const log = service.log();
    expect(log.length).toBeGreaterThan(0);
    const allowed = [
      /^\/api\/v1\/range\/[0-9a-f]{4}$/,
      /^\/api\/v1\/lists\/prefixes$/,
      // The signed detection rules (issue 14: adapters as data): the same for every person, no shop in it.
      /^\/api\/v1\/rules\/detection$/,
      // Fetched only to verify a record the person asked for (the card's verify button):
      /^\/\.well-known\/xinbiao-keys\.json$/,
      // The popup's search window, submitted by the person (query strings are not logged by the service):
      /^\/api\/v1\/search$/,
    ];
    const merchantPaths = log.filter((l) => l.path.startsWith("/api/v1/merchants/"));
    for (const l of merchantPaths) expect(clickedUsccs.has(l.path.split("/").pop()!)).toBe(true);
    const other = log.filter(
      (l) => !l.path.startsWith("/api/v1/merchants/") && !allowed.some((re) => re.test(l.path)),
    );
    expect(other).toEqual([]);
    // The lookups themselves were ranges and the prefix set, nothing else.
    expect(log.filter((l) => /\/range\//.test(l.path)).length).toBeGreaterThanOrEqual(CASES.length * 3);
    expect(log.some((l) => l.path === "/api/v1/lists/prefixes")).toBe(true);

    // Browser side, from Chromium's NetLog (service-worker fetches included, with query strings):
    // every URL sent to the service. The browser is closed first so the log is complete.
    await browser.close();
    const toService = netLogUrls(browser.netLogPath).filter((u) => u.startsWith(service.url));
    expect(toService.length).toBeGreaterThan(0);
    const shopIds = CASES.flatMap((c) => Object.values(c.ids));
    for (const u of toService) {
      for (const id of shopIds) expect(u).not.toContain(id);
      for (const host of ["taobao", "tmall", "jd.com", "yangkeduo", "1688", "item.htm", "mall_page"]) {
        expect(u).not.toContain(host);
      }
      const path = new URL(u).pathname;
      const ok =
        allowed.some((re) => re.test(path)) ||
        (path.startsWith("/api/v1/merchants/") && clickedUsccs.has(path.slice(-18)));
      expect(ok, u).toBe(true);
    }
    // The only query string the extension ever sends is a search the person typed.
    for (const u of toService.filter((x) => new URL(x).search))
      expect(new URL(u).pathname).toBe("/api/v1/search");
    expect(toService.some((u) => /\/api\/v1\/range\/[0-9a-f]{4}$/.test(u))).toBe(true);
  });
});
