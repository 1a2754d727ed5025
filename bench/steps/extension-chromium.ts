/**
 * Step "extension" (Chromium part): the built extension in Debian's Chromium on the saved fixture shop
 * pages, with the real local service (`npm start` on its demo data, as extension/tests/browser does).
 *
 * - badge visible: from the page's DOMContentLoaded to the first moment the badge's shadow root shows a
 *   settled state (not "loading"), read in the page itself (performance.now) by an init script that
 *   watches the badge host and its open shadow root. Cold = first visit of a shop in a fresh profile
 *   (the service answers); warm = the same page again (the extension's cache answers).
 * - main-thread CPU: CDP Performance.getMetrics TaskDuration of the page's renderer, the same page
 *   loaded in a Chromium with the extension and in one without; the difference is what the extension adds.
 * - service-worker memory: resident memory of the extension's process (Chromium starts extension
 *   service workers in a renderer launched with --extension-process), read from /proc.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import {
  BUILD_DIR,
  buildExtension,
  PLATFORM_HOSTS,
  startFixtureServer,
  startService,
} from "../../extension/tests/browser/harness.ts";

const PAGES = [
  { name: "taobao shop (normal)", url: "http://shop100002.taobao.com/" },
  { name: "tmall shop (trusted)", url: "http://shop100001.tmall.com/" },
  { name: "jd mall (blacklisted)", url: "http://mall.jd.com/index-1000003.html" },
  { name: "pinduoduo mall (normal)", url: "http://mobile.yangkeduo.com/mall_page.html?mall_id=100002" },
  { name: "1688 winport (trusted)", url: "http://shop100001.1688.com/" },
];

/** Runs in every page before its scripts: DOMContentLoaded time and the first settled badge. */
const WATCH = `(() => {
  const w = window;
  w.__xb = { dcl: null, visible: null, settled: null };
  document.addEventListener("DOMContentLoaded", () => { w.__xb.dcl = performance.now(); });
  const check = () => {
    const host = document.querySelector("xinbiao-shop-badge");
    const badge = host && host.shadowRoot && host.shadowRoot.querySelector(".xb-badge");
    if (!badge) return;
    if (w.__xb.visible === null) w.__xb.visible = performance.now();
    const tone = badge.getAttribute("data-tone");
    if (w.__xb.settled === null && tone && tone !== "loading") w.__xb.settled = performance.now();
  };
  const watched = new WeakSet();
  new MutationObserver(() => {
    const host = document.querySelector("xinbiao-shop-badge");
    if (host && host.shadowRoot && !watched.has(host.shadowRoot)) {
      watched.add(host.shadowRoot);
      new MutationObserver(check).observe(host.shadowRoot, { subtree: true, childList: true, attributes: true });
    }
    check();
  }).observe(document, { subtree: true, childList: true });
})();`;

export interface PageTiming {
  page: string;
  coldMs: number | null;
  warmMs: number | null;
  addedCpuMs: number | null;
  cpuWithMs: number | null;
  cpuWithoutMs: number | null;
}

async function openContext(profile: string, fixturePort: number, withExtension: boolean) {
  const rules = PLATFORM_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${fixturePort}`).join(", ");
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: false, // --headless=new below: the mode in which extensions load
    viewport: { width: 1280, height: 800 },
    locale: "zh-CN",
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      ...(withExtension ? [`--disable-extensions-except=${BUILD_DIR}`, `--load-extension=${BUILD_DIR}`] : []),
      `--host-resolver-rules=${rules}`,
      "--lang=zh-CN",
    ],
  });
}

/** Load a page, wait until the badge settled (or `settleMs` without the extension), read timings and CPU. */
async function visit(
  ctx: BrowserContext,
  url: string,
  withExtension: boolean,
): Promise<{ ms: number | null; taskMs: number }> {
  const page: Page = await ctx.newPage();
  try {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Performance.enable");
    // TaskDuration is the renderer main thread's running total, and a site's pages share a renderer:
    // what this visit cost is the difference.
    const taskMsNow = async () => {
      const m = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
      return (m.metrics.find((x) => x.name === "TaskDuration")?.value ?? 0) * 1000;
    };
    const before = await taskMsNow();
    await page.goto(url, { waitUntil: "domcontentloaded" });
    let ms: number | null = null;
    if (withExtension) {
      await page
        .waitForFunction(
          () => (window as unknown as { __xb: { settled: number | null } }).__xb.settled,
          null,
          {
            timeout: 15_000,
            polling: 50,
          },
        )
        .catch(() => undefined);
      const xb = await page.evaluate(
        () => (window as unknown as { __xb: { dcl: number | null; settled: number | null } }).__xb,
      );
      if (xb.dcl !== null && xb.settled !== null) ms = Math.max(0, xb.settled - xb.dcl);
    }
    // The same quiet period after load on both sides, so late work is counted on both.
    await page.waitForLoadState("load");
    await page.waitForTimeout(500);
    return { ms, taskMs: (await taskMsNow()) - before };
  } finally {
    await page.close();
  }
}

/** Resident memory (bytes) of Chromium's extension processes started after `before`. */
function extensionProcessRss(exclude: Set<string>): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    if (exclude.has(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmd.includes("--extension-process")) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (rss) total += Number(rss[1]) * 1024;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

function extensionPids(): Set<string> {
  const out = new Set<string>();
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--extension-process")) out.add(pid);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const median = (xs: number[]) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};

export async function measureExtensionChromium(log: (s: string) => void, reps = 3) {
  if (!readdirSync(join(BUILD_DIR, "..")).includes("chrome-mv3")) buildExtension();
  const [service, fixtures] = await Promise.all([startService(), startFixtureServer()]);
  const profiles: string[] = [];
  const prof = () => {
    const p = mkdtempSync(join(tmpdir(), "xinbiao-bench-chromium-"));
    profiles.push(p);
    return p;
  };
  const othersBefore = extensionPids();
  const timings: PageTiming[] = [];
  let swRss = 0;
  try {
    const ext = await openContext(prof(), fixtures.port, true);
    const plain = await openContext(prof(), fixtures.port, false);
    try {
      // The watcher runs on both sides, so its own cost cancels out of the CPU difference.
      await ext.addInitScript(WATCH);
      await plain.addInitScript(WATCH);
      const worker =
        ext.serviceWorkers()[0] ?? (await ext.waitForEvent("serviceworker", { timeout: 60_000 }));
      const extensionId = new URL(worker.url()).host;
      const options = await ext.newPage();
      await options.goto(`chrome-extension://${extensionId}/options.html`);
      await options.locator("#service").fill(service.url);
      await options.getByRole("button", { name: "保存" }).click();
      await options.getByText("已保存").waitFor();
      await options.close();
      for (const p of PAGES) {
        const cold = await visit(ext, p.url, true);
        const warm: number[] = [];
        const cpuWith: number[] = [cold.taskMs];
        const cpuWithout: number[] = [];
        for (let i = 0; i < reps; i++) {
          const w = await visit(ext, p.url, true);
          if (w.ms !== null) warm.push(w.ms);
          cpuWith.push(w.taskMs);
          cpuWithout.push((await visit(plain, p.url, false)).taskMs);
        }
        const added = median(cpuWith)! - median(cpuWithout)!;
        timings.push({
          page: p.name,
          coldMs: cold.ms,
          warmMs: median(warm),
          addedCpuMs: added,
          cpuWithMs: median(cpuWith),
          cpuWithoutMs: median(cpuWithout),
        });
        log(
          `  ${p.name}: badge ${cold.ms?.toFixed(0) ?? "–"} ms cold, ${median(warm)?.toFixed(0) ?? "–"} ms warm after DOMContentLoaded; +${added.toFixed(1)} ms main-thread CPU (${median(cpuWith)!.toFixed(1)} with, ${median(cpuWithout)!.toFixed(1)} without)`,
        );
      }
      swRss = extensionProcessRss(othersBefore);
    } finally {
      await ext.close();
      await plain.close();
    }
  } finally {
    await service.stop();
    await fixtures.close();
    for (const p of profiles) rmSync(p, { recursive: true, force: true });
  }
  const nums = (k: "coldMs" | "warmMs" | "addedCpuMs") =>
    timings.map((t) => t[k]).filter((x): x is number => x !== null);
  return {
    measured: true,
    pages: timings,
    reps,
    coldMaxMs: Math.max(...nums("coldMs")),
    warmMaxMs: Math.max(...nums("warmMs")),
    addedCpuMaxMs: Math.max(...nums("addedCpuMs")),
    missing: timings.filter((t) => t.coldMs === null || t.warmMs === null).map((t) => t.page),
    serviceWorkerProcessRssBytes: swRss,
    method:
      "badge visible = DOMContentLoaded → first settled (non-loading) badge in the shadow root, read in the page; CPU = CDP TaskDuration with − without the extension (medians of warm visits); memory = RSS of Chromium's --extension-process renderer(s) at the end",
  };
}
