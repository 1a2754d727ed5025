/**
 * Step "extension" (Chromium part): the built extension in Debian's Chromium on the saved fixture shop
 * pages, with the real local service (`npm start` on its demo data, as extension/tests/browser does).
 *
 * - badge visible: from the page's DOMContentLoaded to the first moment the badge's shadow root shows a
 *   settled state (not "loading"), read in the page itself (performance.now) by an init script that
 *   watches the badge host and its open shadow root. Cold = first visit of a shop in a fresh profile
 *   (the service answers); warm = the same page again (the extension's cache answers).
 * - main-thread CPU: CPU time of the page renderer's main-thread tasks, summed from a Chromium trace
 *   ("toplevel" tasks' thread durations), the same page loaded in a Chromium with the extension and in
 *   one without, alternating; the difference of the medians is what the extension adds. Thread time,
 *   not wall time: the earlier figure (CDP TaskDuration, wall time) grew whenever the 2-core machine's
 *   other work took the core away from the renderer, by as much as the extension's whole cost; it is
 *   still reported beside it. Both sides run the same watcher script and one in-page wait (the earlier
 *   step polled the page every 50 ms on the extension side only).
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
import { floorBuild } from "./extension-floor.ts";

export const PAGES = [
  { name: "taobao shop (normal)", url: "http://shop100002.taobao.com/" },
  { name: "tmall shop (trusted)", url: "http://shop100001.tmall.com/" },
  { name: "jd mall (blacklisted)", url: "http://mall.jd.com/index-1000003.html" },
  { name: "pinduoduo mall (normal)", url: "http://mobile.yangkeduo.com/mall_page.html?mall_id=100002" },
  { name: "1688 winport (trusted)", url: "http://shop100001.1688.com/" },
];

/** Runs in every page before its scripts: DOMContentLoaded time and the first settled badge. */
export const WATCH = `(() => {
  const w = window;
  w.__xb = { dcl: null, visible: null, settled: null, onsettle: null };
  document.addEventListener("DOMContentLoaded", () => { w.__xb.dcl = performance.now(); });
  const check = () => {
    const host = document.querySelector("xinbiao-shop-badge");
    const badge = host && host.shadowRoot && host.shadowRoot.querySelector(".xb-badge");
    if (!badge) return;
    if (w.__xb.visible === null) w.__xb.visible = performance.now();
    const tone = badge.getAttribute("data-tone");
    if (w.__xb.settled === null && tone && tone !== "loading") {
      w.__xb.settled = performance.now();
      if (w.__xb.onsettle) w.__xb.onsettle();
    }
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

/**
 * Runs once per visit on both sides: resolves when the badge settled (or at once with limit 0).
 * DOMContentLoaded comes from navigation timing: exact, whichever listener ran first. A string, so
 * the bundler's helpers never reach the page.
 */
export const WAIT = `(limitMs) => new Promise((resolve) => {
  const w = window;
  const nav = performance.getEntriesByType("navigation")[0];
  const done = () => resolve({ dcl: (nav && nav.domContentLoadedEventStart) || w.__xb.dcl, settled: w.__xb.settled });
  if (w.__xb.settled !== null || limitMs === 0) return done();
  w.__xb.onsettle = done;
  setTimeout(done, limitMs);
})`;

export interface PageTiming {
  page: string;
  coldMs: number | null;
  warmMs: number | null;
  addedCpuMs: number | null;
  cpuWithMs: number | null;
  cpuWithoutMs: number | null;
  /**
   * The floor (extension-floor.ts): what a content script that only mounts a fixed badge adds, in the
   * same alternation — the least any badge-painting extension costs this page here.
   */
  floorAddedCpuMs: number | null;
  /** The floor that also asks its service worker once before mounting ("message" in extension-floor.ts). */
  floorMessageAddedCpuMs: number | null;
  /** The cold visit's CPU minus the median visit without the extension. */
  coldAddedCpuMs: number | null;
  /** CDP TaskDuration (wall time of the same tasks; what earlier runs reported), medians. */
  taskDurationWithMs: number | null;
  taskDurationWithoutMs: number | null;
}

/** A Chromium of its own for `profile`, with the extension in `extensionDir` (none: null), platform hosts mapped to the fixtures. */
export async function openContext(profile: string, fixturePort: number, extensionDir: string | null) {
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
      ...(extensionDir
        ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
        : []),
      `--host-resolver-rules=${rules}`,
      "--lang=zh-CN",
    ],
  });
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * CPU time (ms) the renderer main threads spent in tasks, from a trace: the top-level tasks' thread
 * durations (`tdur`, CPU time of the thread, not wall time), so the figure does not grow when the
 * machine's other work takes the core away from the renderer. The extension's own process (its
 * service worker) is not the page's main thread and is left out.
 */
export function mainThreadCpuMs(events: TraceEvent[], excludePids: Set<number>): number {
  const mains = new Set(
    events
      .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
      .filter((e) => !excludePids.has(e.pid))
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const tasks = events
    .filter(
      (e) => e.ph === "X" && e.name === "ThreadControllerImpl::RunTask" && mains.has(`${e.pid}:${e.tid}`),
    )
    .sort((x, y) => x.ts - y.ts);
  let total = 0;
  const openUntil = new Map<string, number>();
  for (const e of tasks) {
    const thread = `${e.pid}:${e.tid}`;
    // Nested run loops nest tasks: count only the outermost.
    if (e.ts < (openUntil.get(thread) ?? 0)) continue;
    openUntil.set(thread, e.ts + (e.dur ?? 0));
    total += (e.tdur ?? e.dur ?? 0) / 1000;
  }
  return total;
}

/** Load a page, wait until the badge settled (at once without the extension), read timings and CPU. */
async function visit(
  ctx: BrowserContext,
  url: string,
  withExtension: boolean,
): Promise<{ ms: number | null; cpuMs: number; taskMs: number }> {
  const page: Page = await ctx.newPage();
  try {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("Performance.enable");
    // TaskDuration (wall time of the renderer's tasks, kept for comparison with earlier runs) is a
    // running total: what this visit cost is the difference.
    const taskMsNow = async () => {
      const m = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
      return (m.metrics.find((x) => x.name === "TaskDuration")?.value ?? 0) * 1000;
    };
    const events: TraceEvent[] = [];
    cdp.on("Tracing.dataCollected", (e) => events.push(...(e.value as unknown as TraceEvent[])));
    await cdp.send("Tracing.start", {
      traceConfig: { includedCategories: ["toplevel", "__metadata"], excludedCategories: ["*"] },
      transferMode: "ReportEvents",
    });
    const before = await taskMsNow();
    await page.goto(url, { waitUntil: "domcontentloaded" });
    // One in-page wait on both sides (no polling, which would run tasks on one side only): with the
    // extension it ends when the badge settles, without it at once.
    const xb = (await page.evaluate(`(${WAIT})(${withExtension ? 15_000 : 0})`)) as {
      dcl: number | null;
      settled: number | null;
    };
    const ms =
      withExtension && xb.dcl !== null && xb.settled !== null ? Math.max(0, xb.settled - xb.dcl) : null;
    // The same quiet period after load on both sides, so late work is counted on both.
    await page.waitForLoadState("load");
    await page.waitForTimeout(500);
    const taskMs = (await taskMsNow()) - before;
    const complete = new Promise<void>((r) => cdp.once("Tracing.tracingComplete", () => r()));
    await cdp.send("Tracing.end");
    await complete;
    const exclude = new Set([...extensionPids()].map(Number));
    return { ms, cpuMs: mainThreadCpuMs(events, exclude), taskMs };
  } finally {
    await page.close();
  }
}

/** Resident memory (bytes) of the Chromium extension processes `pick` chooses. */
function extensionProcessRss(pick: (pid: string) => boolean): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    if (!pick(pid)) continue;
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

/** Whether `pid` descends from the Chromium launched with the profile directory `profile`. */
function launchedWith(pid: string, profile: string): boolean {
  let p = pid;
  for (let depth = 0; depth < 8 && p !== "0" && p !== "1"; depth++) {
    try {
      if (readFileSync(`/proc/${p}/cmdline`, "utf8").includes(profile)) return true;
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so split after the ")".
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      p = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]!;
    } catch {
      return false;
    }
  }
  return false;
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

/**
 * `XINBIAO_BENCH_EXTENSION_DIR` measures another build of the extension (an A/B comparison of two
 * builds back to back); by default the one `npm run build` wrote.
 */
const EXTENSION_DIR = process.env.XINBIAO_BENCH_EXTENSION_DIR ?? BUILD_DIR;

/** XINBIAO_BENCH_EXTENSION_REPS: more warm visits per side for a steadier A/B (5 in the full run). */
export async function measureExtensionChromium(
  log: (s: string) => void,
  reps = Number(process.env.XINBIAO_BENCH_EXTENSION_REPS ?? 5),
) {
  if (!process.env.XINBIAO_BENCH_EXTENSION_DIR && !readdirSync(join(BUILD_DIR, "..")).includes("chrome-mv3"))
    buildExtension();
  const [service, fixtures] = await Promise.all([startService(), startFixtureServer()]);
  const profiles: string[] = [];
  const prof = () => {
    const p = mkdtempSync(join(tmpdir(), "xinbiao-bench-chromium-"));
    profiles.push(p);
    return p;
  };
  const floorDir = floorBuild("mount");
  const floorMessageDir = floorBuild("message");
  const othersBefore = extensionPids();
  const timings: PageTiming[] = [];
  let swRss = 0;
  try {
    const extProfile = prof();
    const ext = await openContext(extProfile, fixtures.port, EXTENSION_DIR);
    const worker = ext.serviceWorkers()[0] ?? (await ext.waitForEvent("serviceworker", { timeout: 60_000 }));
    const plain = await openContext(prof(), fixtures.port, null);
    const floor = await openContext(prof(), fixtures.port, floorDir);
    const floorMessage = await openContext(prof(), fixtures.port, floorMessageDir);
    try {
      // The watcher runs on every side, so its own cost cancels out of the CPU difference.
      await ext.addInitScript(WATCH);
      await plain.addInitScript(WATCH);
      await floor.addInitScript(WATCH);
      await floorMessage.addInitScript(WATCH);
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
        // Warm visits alternating with visits without the extension: like with like. The cold visit's
        // CPU is reported on its own (it includes the service's answer arriving).
        const cpuWith: number[] = [];
        const cpuWithout: number[] = [];
        const cpuFloor: number[] = [];
        const cpuFloorMessage: number[] = [];
        const wallWith: number[] = [];
        const wallWithout: number[] = [];
        for (let i = 0; i < reps; i++) {
          const w = await visit(ext, p.url, true);
          if (w.ms !== null) warm.push(w.ms);
          cpuWith.push(w.cpuMs);
          wallWith.push(w.taskMs);
          const o = await visit(plain, p.url, false);
          cpuWithout.push(o.cpuMs);
          wallWithout.push(o.taskMs);
          cpuFloor.push((await visit(floor, p.url, true)).cpuMs);
          cpuFloorMessage.push((await visit(floorMessage, p.url, true)).cpuMs);
        }
        const without = median(cpuWithout)!;
        const added = median(cpuWith)! - without;
        const floorAdded = median(cpuFloor)! - without;
        const floorMessageAdded = median(cpuFloorMessage)! - without;
        timings.push({
          page: p.name,
          coldMs: cold.ms,
          warmMs: median(warm),
          addedCpuMs: added,
          floorAddedCpuMs: floorAdded,
          floorMessageAddedCpuMs: floorMessageAdded,
          cpuWithMs: median(cpuWith),
          cpuWithoutMs: without,
          coldAddedCpuMs: cold.cpuMs - without,
          taskDurationWithMs: median(wallWith),
          taskDurationWithoutMs: median(wallWithout),
        });
        log(
          `  ${p.name}: badge ${cold.ms?.toFixed(0) ?? "–"} ms cold, ${median(warm)?.toFixed(0) ?? "–"} ms warm after DOMContentLoaded; +${added.toFixed(1)} ms main-thread CPU warm (${median(cpuWith)!.toFixed(1)} with, ${without.toFixed(1)} without; floor +${floorAdded.toFixed(1)}, floor with a message +${floorMessageAdded.toFixed(1)}; task wall time ${median(wallWith)!.toFixed(1)} / ${median(wallWithout)!.toFixed(1)}), +${(cold.cpuMs - without).toFixed(1)} ms cold`,
        );
      }
      // Only the measured extension's process: each context is a Chromium of its own, and the floor
      // extensions' processes would be summed in otherwise.
      swRss = extensionProcessRss((pid) => !othersBefore.has(pid) && launchedWith(pid, extProfile));
    } finally {
      await ext.close();
      await plain.close();
      await floor.close();
      await floorMessage.close();
    }
  } finally {
    await service.stop();
    await fixtures.close();
    for (const p of profiles) rmSync(p, { recursive: true, force: true });
    rmSync(floorDir, { recursive: true, force: true });
    rmSync(floorMessageDir, { recursive: true, force: true });
  }
  const nums = (k: "coldMs" | "warmMs" | "addedCpuMs" | "floorAddedCpuMs" | "floorMessageAddedCpuMs") =>
    timings.map((t) => t[k]).filter((x): x is number => x !== null);
  return {
    measured: true,
    pages: timings,
    reps,
    coldMaxMs: Math.max(...nums("coldMs")),
    warmMaxMs: Math.max(...nums("warmMs")),
    addedCpuMaxMs: Math.max(...nums("addedCpuMs")),
    addedCpuMedianMs: median(nums("addedCpuMs")),
    floorAddedCpuMedianMs: median(nums("floorAddedCpuMs")),
    floorAddedCpuMaxMs: Math.max(...nums("floorAddedCpuMs")),
    floorMessageAddedCpuMedianMs: median(nums("floorMessageAddedCpuMs")),
    missing: timings.filter((t) => t.coldMs === null || t.warmMs === null).map((t) => t.page),
    serviceWorkerProcessRssBytes: swRss,
    method:
      "badge visible = DOMContentLoaded (navigation timing) → first settled (non-loading) badge in the shadow root, read in the page; CPU = CPU time (thread time, not wall time) of the page renderer's main-thread tasks from a Chromium trace, with − without the extension (medians of warm visits alternating with visits without it; the same watcher script and one in-page wait on both sides); memory = RSS of Chromium's --extension-process renderer(s) at the end; floor = the same for an extension whose content script only mounts a fixed badge, and for one that also asks its service worker once first (bench/steps/extension-floor.ts), visited in the same alternation",
  };
}
