/**
 * `npm run soak` (issue 8 item 1): the real service (`worker/src/node.ts`, the same process `npm start`
 * runs) on a fresh libSQL file, driven over loopback for a bounded time:
 *  - public reads at a fixed rate (open loop: a slow answer does not slow the load down), a mix of
 *    range buckets, merchant records, shop records, badges, pages, search and the key set;
 *  - list imports through the regulator API every few seconds, at the same time;
 *  - the scheduled tick (lifecycle + webhook dispatch) every few seconds, delivering signed webhooks to
 *    a local receiver that verifies every signature.
 * Reports errors (0 allowed), latency percentiles, and the service's resident memory growth after the
 * warm-up (≤ 20 % allowed) into soak/report.md and soak/report.json. Exits 1 when a bound is missed.
 *
 * Flags: --duration <s> (180)  --warmup <s> (30)  --rate <reads/s> (10)  --import-every <s> (10)
 *        --import-rows <n> (40)  --tick-every <s> (5)  --max-requests <n> (rate × duration × 1.2)
 *        --merchants <n> (2000, demo data generated on first start)  --out <dir> (soak/)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openLibsql } from "@xinbiao/db/client";
import { migrateLibsql } from "@xinbiao/db/migrate";
import { rangePrefix, shanghaiDate, shopHash } from "@xinbiao/db/model";
import { merchants, shops, webhookDeliveries } from "@xinbiao/db/schema";
import { generateDataset, loadDataset } from "@xinbiao/db/seed";
import { createApiKey } from "../worker/src/auth/api-keys.ts";
import { verifyWebhook } from "../worker/src/webhooks/webhook-signature.ts";
import { percentiles, rssGrowth, type Sample, summarize } from "./stats.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

const { values: flags } = parseArgs({
  options: {
    duration: { type: "string", default: "180" },
    warmup: { type: "string", default: "30" },
    rate: { type: "string", default: "10" },
    "import-every": { type: "string", default: "10" },
    "import-rows": { type: "string", default: "40" },
    "tick-every": { type: "string", default: "5" },
    "max-requests": { type: "string" },
    merchants: { type: "string", default: "2000" },
    out: { type: "string", default: join(ROOT, "soak") },
  },
});
function num(name: keyof typeof flags, min: number, max: number): number {
  const v = Number(flags[name]);
  if (!Number.isFinite(v) || v < min || v > max) {
    console.error(`--${name} 应在 ${min} 到 ${max} 之间 / --${name} must be between ${min} and ${max}`);
    process.exit(2);
  }
  return v;
}
const DURATION_S = num("duration", 10, 3600);
const WARMUP_S = num("warmup", 0, DURATION_S - 5);
const RATE = num("rate", 1, 500);
const IMPORT_EVERY_S = num("import-every", 1, 600);
const IMPORT_ROWS = num("import-rows", 1, 5000);
const TICK_EVERY_S = num("tick-every", 1, 600);
const MERCHANTS = num("merchants", 50, 200_000);
const MAX_REQUESTS = flags["max-requests"]
  ? num("max-requests", 1, 10_000_000)
  : Math.ceil(RATE * DURATION_S * 1.2);
const MAX_ERRORS = 0;
const MAX_RSS_GROWTH = 0.2;

const dir = mkdtempSync(join(tmpdir(), "xinbiao-soak-"));
const dbUrl = `file:${join(dir, "soak.db")}`;

function log(msg: string) {
  process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

// ── data and keys, prepared before the service starts (it finds them on its first open) ───────────
log(`准备数据 / preparing ${MERCHANTS} demo merchants in ${dbUrl}`);
const prep = openLibsql({ url: dbUrl });
await prep.client.execute("PRAGMA journal_mode = WAL");
await migrateLibsql(prep.db);
await loadDataset(prep.db, generateDataset({ merchants: MERCHANTS, now: new Date() }));
const now = new Date();
const big = 10_000_000;
const regulatorKey = (
  await createApiKey(prep.db, { role: "regulator", label: "soak", rateLimitPerMinute: big }, "soak", now)
).key;
const adminKey = (
  await createApiKey(prep.db, { role: "admin", label: "soak", rateLimitPerMinute: big }, "soak", now)
).key;
const partnerKey = (
  await createApiKey(
    prep.db,
    { role: "platform:taobao", label: "soak", rateLimitPerMinute: big },
    "soak",
    now,
  )
).key;
const merchantRows = await prep.db
  .select({ uscc: merchants.uscc, name: merchants.name, kind: merchants.kind })
  .from(merchants)
  .all();
const shopRows = await prep.db
  .select({ platform: shops.platform, shopId: shops.shopId, uscc: shops.uscc })
  .from(shops)
  .all();
prep.close();
// Imports list merchants the partner has shops for, so every import produces webhook deliveries.
const taobaoUsccs = [...new Set(shopRows.filter((s) => s.platform === "taobao").map((s) => s.uscc))];
const companies = merchantRows.filter((m) => m.kind !== "natural_person");
const prefixes = await Promise.all(
  shopRows.slice(0, 500).map(async (s) => rangePrefix(await shopHash(s.platform as "taobao", s.shopId))),
);

// ── webhook receiver on loopback, verifying every signature ────────────────────────────────────────
const WEBHOOK_SECRET = `whsec_soak_${crypto.randomUUID()}`;
const hooks = { received: 0, verified: 0, bad: 0 };
const receiver = createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (d: string) => {
    body += d;
  });
  req.on("end", async () => {
    hooks.received++;
    const sig = req.headers["x-xinbiao-signature"] as string | undefined;
    const v = await verifyWebhook(WEBHOOK_SECRET, sig, body, Math.floor(Date.now() / 1000));
    if (v.ok) hooks.verified++;
    else hooks.bad++;
    res.writeHead(v.ok ? 204 : 401).end();
  });
});
await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/xinbiao`;

// ── the service, as `npm start` runs it ────────────────────────────────────────────────────────────
log("启动服务 / starting the service (worker/src/node.ts)");
const service: ChildProcess = spawn(process.execPath, ["--import", "tsx", "worker/src/node.ts"], {
  cwd: ROOT,
  env: { ...process.env, PORT: "0", HOST: "127.0.0.1", XINBIAO_DB: dbUrl, XINBIAO_QUIET: "1" },
  stdio: ["ignore", "pipe", "pipe"],
});
const serviceErr: string[] = [];
createInterface({ input: service.stderr! }).on("line", (l) => serviceErr.push(l));
const base = await new Promise<string>((resolve, reject) => {
  createInterface({ input: service.stdout! }).on("line", (l) => {
    const m = /URL:\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(l);
    if (m) resolve(m[1]!);
  });
  service.once("exit", (code) => reject(new Error(`service exited ${code}: ${serviceErr.join("\n")}`)));
});
if (new URL(base).hostname !== "127.0.0.1") throw new Error("soak runs on loopback only");
// Never leave the service behind: Ctrl-C, a kill or a crash of this runner stops it too.
const stopService = () => {
  if (service.exitCode === null) service.kill("SIGTERM");
};
process.on("exit", stopService);
for (const sig of ["SIGINT", "SIGTERM"] as const)
  process.on(sig, () => {
    stopService();
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  });
log(`服务 / service at ${base} (pid ${service.pid})`);

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) : Number.NaN;
}

/**
 * HTTP over node:http with a keep-alive agent whose idle sockets close after 1 s, well before the
 * server's 5 s keep-alive timeout: fetch's pool can reuse a socket the server is closing at that very
 * moment (more likely on a machine this busy), which would count as a client-side error.
 */
const agent = new Agent({ keepAlive: true, timeout: 1000, maxSockets: 256 });
interface Answer {
  status: number;
  body: Buffer;
}
function call(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${base}${path}`,
      { method: init.method ?? "GET", headers: init.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on("error", reject);
      },
    );
    req.setTimeout(init.timeoutMs ?? 30_000, () =>
      req.destroy(Object.assign(new Error("timeout"), { name: "TimeoutError" })),
    );
    req.on("error", reject);
    req.end(init.body);
  });
}
const json = (a: Answer) => JSON.parse(a.body.toString("utf8")) as Record<string, unknown>;
const describeError = (e: unknown) =>
  e instanceof Error ? `${e.name}: ${(e as NodeJS.ErrnoException).code ?? e.message}` : String(e);

const set = await call("/api/v1/partner/webhook", {
  method: "PUT",
  headers: { authorization: `Bearer ${partnerKey}`, "content-type": "application/json" },
  body: JSON.stringify({ url: hookUrl, secret: WEBHOOK_SECRET }),
});
if (set.status !== 200) throw new Error(`webhook registration failed: ${set.status} ${set.body.toString()}`);

// ── the read mix ────────────────────────────────────────────────────────────────────────────────────
let seed = 42;
function rand(): number {
  // mulberry32: the same request sequence on every run
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
const MIX: [kind: string, weight: number, path: () => string][] = [
  ["range", 30, () => `/api/v1/range/${pick(prefixes)}`],
  ["merchant", 20, () => `/api/v1/merchants/${pick(companies).uscc}`],
  [
    "shop",
    10,
    () => {
      const s = pick(shopRows);
      return `/api/v1/shops/${s.platform}/${encodeURIComponent(s.shopId)}`;
    },
  ],
  ["badge", 15, () => `/badge/${pick(companies).uscc}.svg${rand() < 0.3 ? "?style=large&lang=en" : ""}`],
  ["page", 10, () => `/m/${pick(companies).uscc}`],
  [
    "search",
    10,
    () => `/api/v1/search?q=${encodeURIComponent(pick(companies).name.slice(0, 2 + Math.floor(rand() * 3)))}`,
  ],
  ["keys", 3, () => "/.well-known/xinbiao-keys.json"],
  ["prefixes", 2, () => "/api/v1/lists/prefixes"],
];
const totalWeight = MIX.reduce((s, [, w]) => s + w, 0);
function nextRead(): [string, string] {
  let r = rand() * totalWeight;
  for (const [kind, w, path] of MIX) {
    r -= w;
    if (r <= 0) return [kind, path()];
  }
  return ["keys", "/.well-known/xinbiao-keys.json"];
}

const samples: Sample[] = [];
const errors: { at: number; kind: string; path: string; status: number | string }[] = [];
const imports: { at: number; ms: number; status: number; inserted: number }[] = [];
const ticks: { at: number; ms: number; status: number; delivered: number; failed: number; dead: number }[] =
  [];
const rss: { t: number; kb: number }[] = [];
let inflight = 0;
let sent = 0;
const t0 = performance.now();
const elapsed = () => (performance.now() - t0) / 1000;

async function read(): Promise<void> {
  const [kind, path] = nextRead();
  const started = performance.now();
  inflight++;
  sent++;
  try {
    const res = await call(path, { headers: { "accept-language": rand() < 0.5 ? "zh-CN" : "en" } });
    const ms = performance.now() - started;
    samples.push({ t: elapsed(), kind, ms, status: res.status });
    if (res.status >= 400) errors.push({ at: elapsed(), kind, path, status: res.status });
  } catch (e) {
    errors.push({ at: elapsed(), kind, path, status: describeError(e) });
  } finally {
    inflight--;
  }
}

let importNo = 0;
async function importLists(): Promise<void> {
  importNo++;
  const day = shanghaiDate(new Date());
  const lines = ["主体名称,统一社会信用代码,名单类型,失信类别,认定部门,文书号,列入日期"];
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const uscc = pick(taobaoUsccs);
    const cat = pick(["刷单炒信", "制假售假", "侵犯知识产权", "网络购物合同纠纷"]);
    lines.push(
      `浸泡测试主体,${uscc},${rand() < 0.8 ? "黑名单" : "重点关注名单"},${cat},浸泡测试认定部门,浸泡〔2026〕${importNo}-${i}号,${day}`,
    );
  }
  const started = performance.now();
  try {
    const res = await call(`/api/v1/regulator/imports/lists?publishedAt=${day}`, {
      method: "POST",
      headers: { authorization: `Bearer ${regulatorKey}`, "content-type": "text/csv" },
      body: lines.join("\n"),
      timeoutMs: 120_000,
    });
    const body = json(res) as { inserted?: number };
    imports.push({
      at: elapsed(),
      ms: performance.now() - started,
      status: res.status,
      inserted: body.inserted ?? 0,
    });
    if (res.status !== 200)
      errors.push({ at: elapsed(), kind: "import", path: "imports/lists", status: res.status });
  } catch (e) {
    errors.push({ at: elapsed(), kind: "import", path: "imports/lists", status: describeError(e) });
  }
}

async function tick(): Promise<void> {
  const started = performance.now();
  try {
    const res = await call("/api/v1/regulator/lifecycle/run", {
      method: "POST",
      headers: { authorization: `Bearer ${adminKey}` },
      // A batch job, not a public read: it may take long on a busy machine; its latency is reported.
      timeoutMs: 120_000,
    });
    const body = json(res) as { webhooks?: { delivered: number; failed: number; dead: number } };
    ticks.push({
      at: elapsed(),
      ms: performance.now() - started,
      status: res.status,
      ...(body.webhooks ?? { delivered: 0, failed: 0, dead: 0 }),
    });
    if (res.status !== 200)
      errors.push({ at: elapsed(), kind: "tick", path: "lifecycle/run", status: res.status });
  } catch (e) {
    errors.push({ at: elapsed(), kind: "tick", path: "lifecycle/run", status: describeError(e) });
  }
}

// ── run ─────────────────────────────────────────────────────────────────────────────────────────────
log(
  `负载 / load: ${RATE} reads/s for ${DURATION_S} s (warm-up ${WARMUP_S} s), import of ${IMPORT_ROWS} rows every ${IMPORT_EVERY_S} s, tick every ${TICK_EVERY_S} s`,
);
const background = new Set<Promise<void>>();
const track = (p: Promise<void>) => {
  background.add(p);
  p.finally(() => background.delete(p));
};
let importBusy = false;
let tickBusy = false;
const rssTimer = setInterval(() => rss.push({ t: elapsed(), kb: rssKb(service.pid!) }), 1000);
const importTimer = setInterval(() => {
  if (importBusy) return;
  importBusy = true;
  track(
    importLists().finally(() => {
      importBusy = false;
    }),
  );
}, IMPORT_EVERY_S * 1000);
const tickTimer = setInterval(() => {
  if (tickBusy) return;
  tickBusy = true;
  track(
    tick().finally(() => {
      tickBusy = false;
    }),
  );
}, TICK_EVERY_S * 1000);
const progress = setInterval(() => {
  const last = rss.at(-1);
  log(
    `${Math.round(elapsed())} s: ${sent} reads, ${errors.length} errors, ${imports.length} imports, ${hooks.verified} webhooks, in flight ${inflight}, RSS ${last ? Math.round(last.kb / 1024) : "?"} MB`,
  );
}, 15_000);

// Open loop at a fixed rate: request n goes out at t0 + n/RATE whatever happened to the ones before.
await new Promise<void>((done) => {
  const interval = 1000 / RATE;
  let n = 0;
  const step = () => {
    const target = Math.floor(elapsed() * RATE);
    while (n < target && sent < MAX_REQUESTS) {
      n++;
      track(read());
    }
    if (elapsed() >= DURATION_S || sent >= MAX_REQUESTS) return done();
    setTimeout(step, Math.max(1, interval / 2));
  };
  step();
});
clearInterval(importTimer);
clearInterval(tickTimer);
clearInterval(progress);
log("负载结束，等待在途请求 / load done; waiting for requests in flight");
await Promise.all([...background]);
clearInterval(rssTimer);
// Flush: deliver whatever the last imports queued, then count deliveries in the database.
await tick();
await new Promise((r) => setTimeout(r, 500));
await tick();
service.kill("SIGTERM");
await new Promise((r) => service.once("exit", r));
receiver.close();

const after = openLibsql({ url: dbUrl });
const deliveries = await after.db.select({ status: webhookDeliveries.status }).from(webhookDeliveries).all();
after.close();
const byStatus = (s: string) => deliveries.filter((d) => d.status === s).length;

// ── report ──────────────────────────────────────────────────────────────────────────────────────────
const warm = samples.filter((s) => s.t >= WARMUP_S);
const overall = percentiles(warm.map((s) => s.ms));
const perKind = summarize(warm);
const growth = rssGrowth(rss, WARMUP_S);
const checks = {
  errors: { value: errors.length, limit: MAX_ERRORS, ok: errors.length <= MAX_ERRORS },
  rssGrowth: { value: growth.growth, limit: MAX_RSS_GROWTH, ok: growth.growth <= MAX_RSS_GROWTH },
  webhooksVerified: { value: hooks.bad, limit: 0, ok: hooks.bad === 0 && hooks.verified > 0 },
  deliveriesSettled: {
    value: deliveries.length - byStatus("delivered"),
    limit: 0,
    ok: deliveries.length > 0 && byStatus("delivered") === deliveries.length,
  },
  importsApplied: {
    value: imports.filter((i) => i.status !== 200).length,
    limit: 0,
    ok: imports.length > 0 && imports.every((i) => i.status === 200),
  },
};
const pass = Object.values(checks).every((c) => c.ok);
const report = {
  ranAt: new Date().toISOString(),
  pass,
  config: {
    durationS: DURATION_S,
    warmupS: WARMUP_S,
    rate: RATE,
    importEveryS: IMPORT_EVERY_S,
    importRows: IMPORT_ROWS,
    tickEveryS: TICK_EVERY_S,
    maxRequests: MAX_REQUESTS,
    merchants: MERCHANTS,
    shops: shopRows.length,
  },
  machine: {
    node: process.version,
    cpus: (await import("node:os")).cpus().length,
    platform: process.platform,
  },
  checks,
  reads: {
    sent,
    measuredAfterWarmup: warm.length,
    achievedRate: Math.round((samples.length / DURATION_S) * 10) / 10,
    latencyMs: overall,
    perKind,
  },
  imports: {
    count: imports.length,
    rowsEach: IMPORT_ROWS,
    latencyMs: percentiles(imports.map((i) => i.ms)),
    inserted: imports.reduce((s, i) => s + i.inserted, 0),
  },
  ticks: { count: ticks.length, latencyMs: percentiles(ticks.map((t) => t.ms)) },
  webhooks: {
    ...hooks,
    deliveriesInDb: deliveries.length,
    delivered: byStatus("delivered"),
    failed: byStatus("failed"),
    dead: byStatus("dead"),
    pending: byStatus("pending"),
  },
  memory: {
    ...growth,
    timeline: rss
      .filter((_, i) => i % 10 === 0)
      .map((r) => ({ t: Math.round(r.t), mb: Math.round(r.kb / 102.4) / 10 })),
  },
  errors: errors.slice(0, 50),
  serviceStderr: serviceErr.slice(-20),
};

const fmt = (p: { p50: number; p95: number; p99: number; max: number; n?: number }) =>
  `${p.p50.toFixed(1)} | ${p.p95.toFixed(1)} | ${p.p99.toFixed(1)} | ${p.max.toFixed(1)}`;
const md = `# 浸泡测试报告 / Soak report

生成 / generated by \`npm run soak\` at ${report.ranAt} — **${pass ? "通过 / PASS" : "未通过 / FAIL"}**

Real service (\`worker/src/node.ts\` on a fresh libSQL file, ${MERCHANTS} demo merchants, ${shopRows.length} shops) on
127.0.0.1; Node ${process.version}, ${report.machine.cpus} CPUs shared with other work. Public reads at a fixed
rate of ${RATE}/s (open loop) for ${DURATION_S} s, with a ${IMPORT_ROWS}-row list import through the regulator API every
${IMPORT_EVERY_S} s and the scheduled tick (lifecycle + signed webhook delivery to a local receiver) every ${TICK_EVERY_S} s.
Latency and memory are measured after a ${WARMUP_S} s warm-up.

| check | value | bound | |
|---|---|---|---|
| errors (reads, imports, ticks) | ${checks.errors.value} | ${MAX_ERRORS} | ${checks.errors.ok ? "✅" : "❌"} |
| RSS growth after warm-up | ${(growth.growth * 100).toFixed(1)} % (${growth.baselineMb} → ${growth.finalMb} MB) | ≤ ${MAX_RSS_GROWTH * 100} % | ${checks.rssGrowth.ok ? "✅" : "❌"} |
| webhooks with a bad signature | ${hooks.bad} of ${hooks.received} | 0 | ${checks.webhooksVerified.ok ? "✅" : "❌"} |
| deliveries not delivered at the end | ${checks.deliveriesSettled.value} of ${deliveries.length} | 0 | ${checks.deliveriesSettled.ok ? "✅" : "❌"} |
| imports not applied | ${checks.importsApplied.value} of ${imports.length} | 0 | ${checks.importsApplied.ok ? "✅" : "❌"} |

## Reads (after warm-up: ${warm.length} of ${sent} sent; achieved ${report.reads.achievedRate}/s)

| endpoint | n | p50 ms | p95 ms | p99 ms | max ms |
|---|---|---|---|---|---|
| **all** | ${overall.n} | ${fmt(overall)} |
${Object.entries(perKind)
  .map(([k, p]) => `| ${k} | ${p.n} | ${fmt(p)} |`)
  .join("\n")}

## Writes at the same time

| | n | p50 ms | p95 ms | p99 ms | max ms |
|---|---|---|---|---|---|
| list import (${IMPORT_ROWS} rows) | ${imports.length} | ${fmt(report.imports.latencyMs)} |
| tick (lifecycle + webhooks) | ${ticks.length} | ${fmt(report.ticks.latencyMs)} |

Webhooks: ${hooks.received} received, ${hooks.verified} with a valid HMAC signature; in the database ${deliveries.length}
deliveries — ${byStatus("delivered")} delivered, ${byStatus("failed")} failed, ${byStatus("dead")} dead, ${byStatus("pending")} pending.
Imports inserted ${report.imports.inserted} list entries.

## Memory (service RSS, MB, every 10 s)

${report.memory.timeline.map((r) => `${r.t}s ${r.mb}`).join(" · ")}

Baseline = mean RSS over the 10 s after warm-up, final = mean over the last 10 s.
${
  errors.length
    ? `\n## Errors (first 50)\n\n${errors
        .slice(0, 50)
        .map((e) => `- ${e.at.toFixed(1)} s ${e.kind} ${e.path}: ${e.status}`)
        .join("\n")}\n`
    : ""
}
Full figures: \`soak/report.json\`.
`;

mkdirSync(flags.out!, { recursive: true });
writeFileSync(join(flags.out!, "report.json"), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(flags.out!, "report.md"), md);
rmSync(dir, { recursive: true, force: true });
log(
  `${pass ? "通过 / PASS" : "未通过 / FAIL"}: errors ${errors.length}, p99 ${overall.p99.toFixed(1)} ms, RSS growth ${(growth.growth * 100).toFixed(1)} %, webhooks ${hooks.verified}; report in ${join(flags.out!, "report.md")}`,
);
process.exit(pass ? 0 : 1);
