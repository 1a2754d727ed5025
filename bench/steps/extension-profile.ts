/**
 * Where the extension's added main-thread CPU goes (issue 7): a profiling tool beside the "extension"
 * step, not part of `npm run bench`. It loads the same fixture pages warm in Chromiums with different
 * builds of the extension and in one without any, alternating, traces the page renderer's main thread
 * with the V8 and Blink categories, and prints per trace-event name the median self CPU time (thread
 * time) for each side, plus the CPU of everything run on behalf of a chrome-extension:// script.
 *
 * Two built-in floor builds are always measured too (extension-floor.ts): a content script with the
 * same matches that does nothing but mount a fixed badge in a shadow root, and one that also asks its
 * service worker once first — the least any badge-painting extension costs.
 *
 *   node --import tsx bench/steps/extension-profile.ts [name=dir …] [--reps 7] [--pages taobao,jd] [--cpu]
 *
 * --cpu adds, for the first build, its functions by self time from V8's sampling profiler (build it
 * with XINBIAO_NO_MINIFY=1 for readable names).
 *
 * Without a name=dir argument it profiles extension/.output/chrome-mv3. XINBIAO_BENCH_SERVICE_URL uses
 * a service already running instead of starting `npm start`.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { BUILD_DIR, startFixtureServer, startService } from "../../extension/tests/browser/harness.ts";
import { openContext, PAGES, WAIT, WATCH } from "./extension-chromium.ts";
import { floorBuild } from "./extension-floor.ts";

interface Ev {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { url?: string; scriptName?: string }; fileName?: string };
}

const CATEGORIES = [
  "toplevel",
  "v8",
  "v8.execute",
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "blink",
  "extensions",
  "__metadata",
];

/** Self thread time per event name on the page's main thread(s), and the extension-attributed total. */
function breakdown(events: Ev[]): { self: Map<string, number>; ext: number; toplevel: number } {
  const mains = new Set(
    events
      .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, Ev[]>();
  for (const e of events) {
    if (e.ph !== "X" || e.tdur === undefined || !mains.has(`${e.pid}:${e.tid}`)) continue;
    const k = `${e.pid}:${e.tid}`;
    (byThread.get(k) ?? byThread.set(k, []).get(k)!).push(e);
  }
  const self = new Map<string, number>();
  let ext = 0;
  let toplevel = 0;
  const isExt = (e: Ev) =>
    /^chrome-extension:/.test(e.args?.data?.url ?? e.args?.data?.scriptName ?? e.args?.fileName ?? "");
  for (const list of byThread.values()) {
    // Parents first: earlier start, then the longer one.
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const stack: { e: Ev; end: number; child: number; ext: boolean }[] = [];
    const close = (upTo: number) => {
      while (stack.length && stack[stack.length - 1]!.end <= upTo) {
        const top = stack.pop()!;
        const own = Math.max(0, top.e.tdur! - top.child) / 1000;
        self.set(top.e.name, (self.get(top.e.name) ?? 0) + own);
        if (top.ext) ext += own;
        if (stack.length) stack[stack.length - 1]!.child += top.e.tdur!;
        else toplevel += top.e.tdur! / 1000;
      }
    };
    for (const e of list) {
      close(e.ts);
      const parentExt = stack.length ? stack[stack.length - 1]!.ext : false;
      stack.push({ e, end: e.ts + (e.dur ?? 0), child: 0, ext: parentExt || isExt(e) });
    }
    close(Number.POSITIVE_INFINITY);
  }
  return { self, ext, toplevel };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** Self time (ms) per function of chrome-extension:// scripts in a V8 CPU profile. */
function profileSelf(
  p: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] },
  into: Map<string, number>,
) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  for (let i = 0; i < p.samples.length; i++) {
    const f = byId.get(p.samples[i]!)!.callFrame;
    if (!/^chrome-extension:/.test(f.url)) continue;
    const k = `${f.functionName || "(anonymous)"} ${f.url.replace(/^chrome-extension:\/\/[^/]+\//, "")}:${f.lineNumber + 1}`;
    into.set(k, (into.get(k) ?? 0) + (p.timeDeltas[i + 1] ?? 0) / 1000);
  }
}

async function visit(ctx: BrowserContext, url: string, waitMs: number, cpu?: Map<string, number>) {
  const page = await ctx.newPage();
  try {
    const cdp = await ctx.newCDPSession(page);
    if (cpu) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
      await cdp.send("Profiler.start");
    }
    const events: Ev[] = [];
    cdp.on("Tracing.dataCollected", (e) => events.push(...(e.value as unknown as Ev[])));
    await cdp.send("Tracing.start", {
      traceConfig: { includedCategories: CATEGORIES, excludedCategories: ["*"] },
      transferMode: "ReportEvents",
    });
    await page.goto(url, { waitUntil: "domcontentloaded" });
    await page.evaluate(`(${WAIT})(${waitMs})`);
    await page.waitForLoadState("load");
    await page.waitForTimeout(500);
    if (cpu)
      profileSelf(
        ((await cdp.send("Profiler.stop")) as { profile: Parameters<typeof profileSelf>[0] }).profile,
        cpu,
      );
    const complete = new Promise<void>((r) => cdp.once("Tracing.tracingComplete", () => r()));
    await cdp.send("Tracing.end");
    await complete;
    return breakdown(events);
  } finally {
    await page.close();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;

async function main() {
  const args = process.argv.slice(2);
  const flag = (n: string) => {
    const i = args.indexOf(n);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const reps = Number(flag("--reps") ?? 7);
  const cpuProfile = args.includes("--cpu") && !!args.splice(args.indexOf("--cpu"), 1);
  const pageFilter = (flag("--pages") ?? "taobao,jd").split(",");
  const builds = args.length
    ? args.map((a) => {
        const [name, dir] = a.split("=");
        return { name: name!, dir: dir! };
      })
    : [{ name: "current", dir: BUILD_DIR }];
  builds.push({ name: "floor", dir: floorBuild("mount") }, { name: "floor+msg", dir: floorBuild("message") });
  // XINBIAO_BENCH_SERVICE_URL: a service already running (e.g. started from a clean checkout).
  const external = process.env.XINBIAO_BENCH_SERVICE_URL;
  const [service, fixtures] = await Promise.all([
    external ? { url: external, stop: async () => {} } : startService(),
    startFixtureServer(),
  ]);
  const profiles: string[] = [];
  const prof = () => {
    const p = mkdtempSync(join(tmpdir(), "xinbiao-profile-"));
    profiles.push(p);
    return p;
  };
  const sides: { name: string; ctx: BrowserContext; wait: number }[] = [];
  try {
    for (const b of builds) {
      const ctx = await openContext(prof(), fixtures.port, b.dir);
      await ctx.addInitScript(WATCH);
      if (existsSync(join(b.dir, "options.html"))) {
        const w = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent("serviceworker", { timeout: 60_000 }));
        const page = await ctx.newPage();
        await page.goto(`chrome-extension://${new URL(w.url()).host}/options.html`);
        await page.locator("#service").fill(service.url);
        await page.getByRole("button", { name: "保存" }).click();
        await page.getByText("已保存").waitFor();
        await page.close();
      }
      sides.push({ name: b.name, ctx, wait: 15_000 });
    }
    const plain = await openContext(prof(), fixtures.port, null);
    await plain.addInitScript(WATCH);
    sides.push({ name: "none", ctx: plain, wait: 0 });
    for (const p of PAGES.filter((p) => pageFilter.some((f) => p.name.startsWith(f)))) {
      // One cold visit per side first (warms the extension's cache and the page's HTTP cache alike).
      for (const s of sides) await visit(s.ctx, p.url, s.wait);
      const runs = new Map<string, ReturnType<typeof breakdown>[]>(sides.map((s) => [s.name, []]));
      for (let i = 0; i < reps; i++)
        for (const s of sides) runs.get(s.name)!.push(await visit(s.ctx, p.url, s.wait));
      if (cpuProfile) {
        // Sampled in visits of their own: the profiler's cost stays out of the figures below.
        const first = sides[0]!;
        const cpu = new Map<string, number>();
        for (let i = 0; i < reps; i++) await visit(first.ctx, p.url, first.wait, cpu);
        console.log(`\n${p.name}: ${first.name}'s functions by self time (V8 sampling, mean ms per visit)`);
        for (const [k, v] of [...cpu].sort((a, b) => b[1] - a[1]).slice(0, 25))
          console.log(`  ${(v / reps).toFixed(2).padStart(7)}  ${k}`);
      }
      const names = new Set<string>();
      for (const rs of runs.values()) for (const r of rs) for (const n of r.self.keys()) names.add(n);
      const med = (side: string, f: (r: ReturnType<typeof breakdown>) => number) =>
        median(runs.get(side)!.map(f));
      console.log(`\n${p.name} (${reps} warm visits per side, medians, ms of main-thread CPU)`);
      console.log(
        `  toplevel total: ${sides.map((s) => `${s.name} ${med(s.name, (r) => r.toplevel).toFixed(1)}`).join(" · ")}`,
      );
      console.log(
        `  under chrome-extension:// scripts: ${sides.map((s) => `${s.name} ${med(s.name, (r) => r.ext).toFixed(1)}`).join(" · ")}`,
      );
      const rows = [...names]
        .map((n) => ({ n, v: sides.map((s) => med(s.name, (r) => r.self.get(n) ?? 0)) }))
        .filter((r) => Math.max(...r.v) >= 0.15)
        .sort((a, b) => Math.max(...b.v) - Math.max(...a.v));
      console.log(`  ${"self time by event".padEnd(44)}${sides.map((s) => s.name.padStart(10)).join("")}`);
      for (const r of rows)
        console.log(`  ${r.n.slice(0, 43).padEnd(44)}${r.v.map((v) => v.toFixed(2).padStart(10)).join("")}`);
    }
  } finally {
    for (const s of sides) await s.ctx.close();
    await service.stop();
    await fixtures.close();
    for (const p of profiles) rmSync(p, { recursive: true, force: true });
    for (const b of builds.slice(-2)) rmSync(b.dir, { recursive: true, force: true });
  }
}

mkdirSync(tmpdir(), { recursive: true });
await main();
