/**
 * `npm run soak` (issue 8 item 1, issue 13 "the soak proves something"): the real service
 * (`worker/src/node.ts`, the same process `npm start` runs) on a fresh libSQL file, driven over
 * loopback only, for a bounded time:
 *  1. ramp — public reads alone, open loop, at rising rates (×1.5 per step) until a step misses its
 *     rate, its p99 passes 100 ms or anything fails (twice in a row): the last good step is the
 *     sustainable rate;
 *  2. hold — reads at 70 % of it for --duration seconds, with list imports through the regulator API,
 *     lifecycle ticks, and signed webhook deliveries to three receivers on 127.0.0.1: one that answers
 *     at once, one slow (1.5 s), one failing (HTTP 500);
 *  3. faults injected during the hold, one after another: the database write-locked by another
 *     process (this one, through its own connection), the database unreadable (its SQLite header
 *     overwritten in place, then restored byte for byte), the slow receiver hanging.
 * Every sampled record (merchant and shop reads) is judged against a fresh read of the database by
 * this process, made just before and just after the request: an unmarked answer whose verdict is
 * neither is a WRONG ANSWER; a stale-marked one during an injected fault is correct, outside one an
 * error. Errors: any failed or unexpected answer (a 503 `database_unavailable` is expected only inside
 * a fault window), any bad webhook signature, an import never applied.
 * Reports errors, wrong answers, p99, memory growth (live memory after a full GC; the RSS ceiling)
 * and what /healthz said during each fault into soak/report.md and soak/report.json. Exits 1 when a bound is missed. The bar: 0 errors, 0 wrong.
 *
 * Flags: --duration <s> (210, the hold)  --warmup <s> (60)  --rate <reads/s> (skip the ramp)
 *        --ramp-step <s> (4)  --ramp-max <reads/s> (3000)  --hold-fraction (0.7)
 *        --import-every <s> (5)  --import-rows <n> (40)  --tick-every <s> (3)  --check-every <n> (2)
 *        --merchants <n> (2000)  --no-faults  --out <dir> (soak/)
 */
import { type ChildProcess, spawn } from "node:child_process";
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { Agent, createServer, request as httpRequest, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { openLibsql } from "@xinbiao/db/client";
import { migrateLibsql } from "@xinbiao/db/migrate";
import { rangePrefix, shanghaiDate, shopHash } from "@xinbiao/db/model";
import { merchants, shops, webhookDeliveries } from "@xinbiao/db/schema";
import { generateDataset, loadDataset } from "@xinbiao/db/seed";
import { and, eq, ne, sql } from "drizzle-orm";
import Database from "libsql";
import { createApiKey } from "../worker/src/auth/api-keys.ts";
import { buildRecords } from "../worker/src/records/build-records.ts";
import { sqlRecordReader } from "../worker/src/records/record-reader.ts";
import { verifyWebhook } from "../worker/src/webhooks/webhook-signature.ts";
import {
  percentiles,
  type RetainedProbe,
  retainedGrowth,
  rssCeiling,
  type Sample,
  summarize,
} from "./stats.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

const { values: flags } = parseArgs({
  options: {
    duration: { type: "string", default: "210" },
    // Long enough for the caches to fill to their caps (records, last-good bodies up to 16 MB) and the
    // heap to settle: with 15 s the same ~310 MB plateau read as +34 % growth in one run, −15 % in another.
    warmup: { type: "string", default: "60" },
    rate: { type: "string" },
    "ramp-step": { type: "string", default: "4" },
    "ramp-max": { type: "string", default: "3000" },
    "hold-fraction": { type: "string", default: "0.7" },
    "import-every": { type: "string", default: "5" },
    "import-rows": { type: "string", default: "40" },
    "tick-every": { type: "string", default: "3" },
    "check-every": { type: "string", default: "2" },
    merchants: { type: "string", default: "2000" },
    "no-faults": { type: "boolean", default: false },
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
const DURATION_S = num("duration", 30, 3600);
const WARMUP_S = num("warmup", 0, DURATION_S - 20);
const FIXED_RATE = flags.rate === undefined ? null : num("rate", 1, 5000);
const RAMP_STEP_S = num("ramp-step", 1, 30);
const RAMP_MAX = num("ramp-max", 10, 20_000);
const HOLD_FRACTION = num("hold-fraction", 0.1, 1);
const IMPORT_EVERY_S = num("import-every", 1, 600);
const IMPORT_ROWS = num("import-rows", 1, 5000);
const TICK_EVERY_S = num("tick-every", 1, 600);
const CHECK_EVERY = num("check-every", 1, 1000);
const MERCHANTS = num("merchants", 50, 200_000);
const FAULTS = !flags["no-faults"];
const MAX_ERRORS = 0;
const MAX_WRONG = 0;
/** Bounds on memory growth over the hold: live memory after a full GC, and the RSS ceiling. */
const MAX_RETAINED_GROWTH = 0.2;
const MAX_RSS_CEILING_GROWTH = 0.2;
/** A ramp step is sustainable when its p99 stays under this and it achieved its rate. */
const RAMP_P99_MS = 100;
/** Slow receiver's answer delay; the hanging window; the service's delivery deadline is 10 s. */
const SLOW_MS = 1500;
/** Reads may still be stale-marked or refused this long after a fault ends (health re-check ≤ 5 s). */
const GRACE_S = 12;

const dir = mkdtempSync(join(tmpdir(), "xinbiao-soak-"));
const dbFile = join(dir, "soak.db");
const dbUrl = `file:${dbFile}`;

function log(msg: string) {
  process.stderr.write(`[soak ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ── data and keys, prepared before the service starts (it finds them on its first open) ───────────
log(`准备数据 / preparing ${MERCHANTS} demo merchants in ${dbUrl}`);
const prep = openLibsql({ url: dbUrl });
await prep.client.execute("PRAGMA journal_mode = WAL");
await migrateLibsql(prep.db);
await loadDataset(prep.db, generateDataset({ merchants: MERCHANTS, now: new Date() }));
const now = new Date();
const big = 10_000_000;
const key = async (role: string) =>
  (await createApiKey(prep.db, { role, label: "soak", rateLimitPerMinute: big } as never, "soak", now)).key;
const regulatorKey = await key("regulator");
const adminKey = await key("admin");
/** Three partners, each with its own receiver: the one that works, the slow one, the failing one. */
const RECEIVERS = [
  { name: "ok", platform: "taobao" },
  { name: "slow", platform: "jd" },
  { name: "failing", platform: "pinduoduo" },
] as const;
type ReceiverName = (typeof RECEIVERS)[number]["name"];
const partnerKeys = new Map<ReceiverName, string>();
for (const r of RECEIVERS) partnerKeys.set(r.name, await key(`platform:${r.platform}`));
const merchantRows = await prep.db
  .select({ uscc: merchants.uscc, name: merchants.name, kind: merchants.kind })
  .from(merchants)
  .all();
const shopRows = await prep.db
  .select({ platform: shops.platform, shopId: shops.shopId, uscc: shops.uscc })
  .from(shops)
  .all();
prep.close();
// Imports list merchants the partners have shops for, so every import produces webhook deliveries.
const partnerUsccs = [
  ...new Set(shopRows.filter((s) => RECEIVERS.some((r) => r.platform === s.platform)).map((s) => s.uscc)),
];
const companies = merchantRows.filter((m) => m.kind !== "natural_person");
const prefixes = await Promise.all(
  shopRows.slice(0, 500).map(async (s) => rangePrefix(await shopHash(s.platform as "taobao", s.shopId))),
);

// ── time and fault windows ─────────────────────────────────────────────────────────────────────────
const t0 = performance.now();
const elapsed = () => (performance.now() - t0) / 1000;
interface FaultWindow {
  kind: "locked" | "unreadable" | "receiver_hang";
  start: number;
  end: number;
  /** What /healthz said while it lasted (code → first seen, s after start) and when it was 200 again. */
  health: Record<string, number>;
  clearedAfterEndS: number | null;
  note: string;
}
const faults: FaultWindow[] = [];
/** Inside a database fault (or its grace): the only time a 503 or a stale mark is a correct answer. */
const inFault = (t: number) =>
  faults.some((f) => f.kind !== "receiver_hang" && t >= f.start && t <= f.end + GRACE_S);

// ── webhook receivers on loopback, verifying every signature ──────────────────────────────────────
const WEBHOOK_SECRET = `whsec_soak_${crypto.randomUUID()}`;
interface Receiver {
  name: ReceiverName;
  url: string;
  received: number;
  verified: number;
  bad: number;
  /** Deliveries that arrived while the slow receiver hung (the others must keep receiving). */
  duringHang: number;
  close(): void;
}
let hanging = false;
const held: ServerResponse[] = [];
async function startReceiver(name: ReceiverName): Promise<Receiver> {
  const rec = { name, url: "", received: 0, verified: 0, bad: 0, duringHang: 0, close: () => {} };
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => {
      body += d;
    });
    req.on("end", async () => {
      rec.received++;
      if (hanging) rec.duringHang++;
      const sig = req.headers["x-xinbiao-signature"] as string | undefined;
      const v = await verifyWebhook(WEBHOOK_SECRET, sig, body, Math.floor(Date.now() / 1000));
      if (v.ok) rec.verified++;
      else rec.bad++;
      if (!v.ok) return void res.writeHead(401).end();
      if (name === "failing") return void res.writeHead(500).end("receiver failing on purpose");
      if (name === "slow" && hanging) {
        held.push(res); // never answered while the window lasts
        return;
      }
      if (name === "slow") setTimeout(() => res.writeHead(204).end(), SLOW_MS);
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  rec.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xinbiao/${name}`;
  rec.close = () => {
    server.closeAllConnections();
    server.close();
  };
  return rec;
}
const receivers = new Map<ReceiverName, Receiver>();
for (const r of RECEIVERS) receivers.set(r.name, await startReceiver(r.name));

// ── the service, as `npm start` runs it ────────────────────────────────────────────────────────────
log("启动服务 / starting the service (worker/src/node.ts)");
// `--expose-gc` and soak/gc-probe.cjs only let the soak ask for a full collection over IPC (to measure
// retained memory); the service code is the same as `npm start` runs.
const serviceArgs = [
  "--expose-gc",
  "--require",
  join(ROOT, "soak/gc-probe.cjs"),
  ...["--import", "tsx", "worker/src/node.ts"],
];
const service: ChildProcess = spawn(process.execPath, serviceArgs, {
  cwd: ROOT,
  env: {
    ...process.env,
    PORT: "0",
    HOST: "127.0.0.1",
    XINBIAO_DB: dbUrl,
    XINBIAO_QUIET: "1",
    // The prepared database has merchants but no key yet: asked for explicitly (node/start-policy.ts).
    XINBIAO_CREATE_SIGNING_KEY: "1",
    // Receivers on 127.0.0.1 over http: the local-development opt-in (worker/src/net/outbound.ts).
    XINBIAO_DEV_ALLOW_LOCAL_OUTBOUND: "1",
    // The soak drives the ticks itself.
    XINBIAO_TICK_MS: "3600000",
  },
  stdio: ["ignore", "pipe", "pipe", "ipc"],
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

let probeNo = 0;
/** Live memory of the service after two full collections (soak/gc-probe.cjs); null if it never answers. */
function retainedProbe(t: number): Promise<RetainedProbe | null> {
  const id = ++probeNo;
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(null), 30_000);
    const onMessage = (m: unknown) => {
      const r = m as { type?: string; id?: number } & Omit<RetainedProbe, "t">;
      if (r?.type === "xinbiao-soak-gc-probe" && r.id === id) done({ t, ...r });
    };
    function done(r: RetainedProbe | null) {
      clearTimeout(timer);
      service.off("message", onMessage);
      resolve(
        r && { t, heapUsed: r.heapUsed, external: r.external, arrayBuffers: r.arrayBuffers, rss: r.rss },
      );
    }
    service.on("message", onMessage);
    service.send({ type: "xinbiao-soak-gc-probe", id });
  });
}

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
  stale: boolean;
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
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            stale: res.headers["x-xinbiao-stale"] === "1",
          }),
        );
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
const errorCode = (a: Answer): string | undefined => {
  try {
    return (json(a) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};
const describeError = (e: unknown) =>
  e instanceof Error ? `${e.name}: ${(e as NodeJS.ErrnoException).code ?? e.message}` : String(e);

for (const r of RECEIVERS) {
  const set = await call("/api/v1/partner/webhook", {
    method: "PUT",
    headers: { authorization: `Bearer ${partnerKeys.get(r.name)}`, "content-type": "application/json" },
    body: JSON.stringify({ url: receivers.get(r.name)!.url, secret: WEBHOOK_SECRET }),
  });
  if (set.status !== 200)
    throw new Error(`webhook registration (${r.name}) failed: ${set.status} ${set.body.toString()}`);
}

// ── fresh reads of the database, by this process, for judging answers ─────────────────────────────
const fresh = openLibsql({ url: dbUrl });
const freshReader = sqlRecordReader(fresh.db);
/** The verdict a fresh build of the record gives now (null: no such merchant; undefined: could not read). */
async function freshVerdict(uscc: string): Promise<string | null | undefined> {
  try {
    const built = await buildRecords(fresh.db, [uscc], {
      baseUrl: base,
      now: new Date(),
      reader: freshReader,
    });
    return built.get(uscc)?.record.verdict ?? null;
  } catch {
    return undefined; // the file is unreadable for us too (an injected fault): this sample goes unjudged
  }
}

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
interface Read {
  kind: string;
  path: string;
  /** The merchant whose record the answer carries, for judging. */
  uscc?: string;
}
const MIX: [kind: string, weight: number, make: () => Read][] = [
  ["range", 30, () => ({ kind: "range", path: `/api/v1/range/${pick(prefixes)}` })],
  [
    "merchant",
    20,
    () => {
      const m = pick(companies);
      return { kind: "merchant", path: `/api/v1/merchants/${m.uscc}`, uscc: m.uscc };
    },
  ],
  [
    "shop",
    10,
    () => {
      const s = pick(shopRows);
      return {
        kind: "shop",
        path: `/api/v1/shops/${s.platform}/${encodeURIComponent(s.shopId)}`,
        uscc: s.uscc,
      };
    },
  ],
  [
    "badge",
    15,
    () => ({
      kind: "badge",
      path: `/badge/${pick(companies).uscc}.svg${rand() < 0.3 ? "?style=large&lang=en" : ""}`,
    }),
  ],
  ["page", 10, () => ({ kind: "page", path: `/m/${pick(companies).uscc}` })],
  [
    "search",
    10,
    () => ({
      kind: "search",
      path: `/api/v1/search?q=${encodeURIComponent(pick(companies).name.slice(0, 2 + Math.floor(rand() * 3)))}`,
    }),
  ],
  ["keys", 3, () => ({ kind: "keys", path: "/.well-known/xinbiao-keys.json" })],
  ["prefixes", 2, () => ({ kind: "prefixes", path: "/api/v1/lists/prefixes" })],
];
const totalWeight = MIX.reduce((s, [, w]) => s + w, 0);
function nextRead(): Read {
  let r = rand() * totalWeight;
  for (const [, w, make] of MIX) {
    r -= w;
    if (r <= 0) return make();
  }
  return { kind: "keys", path: "/.well-known/xinbiao-keys.json" };
}

interface ReadSample extends Sample {
  stale: boolean;
}
interface Problem {
  at: number;
  kind: string;
  path: string;
  status: number | string;
  why: string;
}
const errors: Problem[] = [];
const wrong: (Problem & { served: string; freshBefore: string | null; freshAfter: string | null })[] = [];
const judged = { checked: 0, unjudged: 0, staleInFault: 0, refusedInFault: 0 };
let checkNo = 0;

/** One read, timed and judged. `phase` samples go to the ramp step or the hold. */
async function read(into: ReadSample[], judge: boolean): Promise<void> {
  const r = nextRead();
  const check = judge && r.uscc !== undefined && checkNo++ % CHECK_EVERY === 0;
  const before = check ? await freshVerdict(r.uscc!) : undefined;
  const started = performance.now();
  let res: Answer;
  try {
    res = await call(r.path, { headers: { "accept-language": rand() < 0.5 ? "zh-CN" : "en" } });
  } catch (e) {
    errors.push({ at: elapsed(), kind: r.kind, path: r.path, status: describeError(e), why: "no answer" });
    return;
  }
  const ms = performance.now() - started;
  const at = elapsed();
  into.push({ t: at, kind: r.kind, ms, status: res.status, stale: res.stale });
  const fault = inFault(at) || inFault((started - t0) / 1000);
  if (res.status === 503 && errorCode(res) === "database_unavailable" && fault) {
    judged.refusedInFault++;
    return;
  }
  if (res.status >= 400) {
    errors.push({
      at,
      kind: r.kind,
      path: r.path,
      status: res.status,
      why: errorCode(res) ?? "error status",
    });
    return;
  }
  if (res.stale) {
    if (fault) judged.staleInFault++;
    else errors.push({ at, kind: r.kind, path: r.path, status: res.status, why: "stale outside a fault" });
    return;
  }
  if (!check) return;
  const served = (json(res) as { record?: { verdict?: string } }).record?.verdict ?? "(none)";
  const after = await freshVerdict(r.uscc!);
  if (before === undefined || after === undefined) {
    judged.unjudged++;
    return;
  }
  judged.checked++;
  if (served !== before && served !== after)
    wrong.push({
      at,
      kind: r.kind,
      path: r.path,
      status: res.status,
      why: "unmarked answer differs from the database",
      served,
      freshBefore: before,
      freshAfter: after,
    });
}

const background = new Set<Promise<void>>();
const track = (p: Promise<void>) => {
  background.add(p);
  p.finally(() => background.delete(p));
};

/** Open loop at a fixed rate for `seconds`: request n goes out at start + n/rate whatever happened before. */
async function openLoop(rate: number, seconds: number, into: ReadSample[], judge: boolean): Promise<number> {
  const start = performance.now();
  let n = 0;
  const cap = Math.ceil(rate * seconds);
  await new Promise<void>((done) => {
    const step = () => {
      const s = (performance.now() - start) / 1000;
      const target = Math.min(cap, Math.floor(s * rate));
      while (n < target) {
        n++;
        track(read(into, judge));
      }
      if (s >= seconds || n >= cap) return done();
      setTimeout(step, Math.max(1, 500 / rate));
    };
    step();
  });
  return n;
}

// ── 1. ramp ─────────────────────────────────────────────────────────────────────────────────────────
interface RampStep {
  rate: number;
  sent: number;
  answered: number;
  achieved: number;
  p99: number;
  errors: number;
  ok: boolean;
  /** The second try of a step that missed once. */
  retry: boolean;
}
const ramp: RampStep[] = [];
let sustainable = FIXED_RATE ?? 0;
if (FIXED_RATE === null) {
  log(
    `爬坡 / ramp: ${RAMP_STEP_S} s steps, ×1.5 from 20/s, until p99 > ${RAMP_P99_MS} ms or the rate is missed`,
  );
  // A short warm-up of the JIT and caches first, not counted. The ramp judges its answers as the hold
  // does: the fresh reads share the two cores, and the rate found must leave room for them.
  await openLoop(20, 2, [], true);
  await Promise.all([...background]);
  // A step that misses is run once more before the ramp stops: one major GC pause (~150 ms with this
  // heap) inside a 4 s step delays the ~35 reads that arrive meanwhile, which at 230/s is more than its
  // 1 % — one run measured 153/s where the previous had sustained 518/s.
  let retry = false;
  for (let rate = 20; rate <= RAMP_MAX; rate = retry ? rate : Math.round(rate * 1.5)) {
    const got: ReadSample[] = [];
    const errBefore = errors.length;
    const stepStart = performance.now();
    const sent = await openLoop(rate, RAMP_STEP_S, got, true);
    // Answers that take longer than a second past the step count against it.
    await Promise.race([Promise.all([...background]), sleep(1000)]);
    const wall = (performance.now() - stepStart) / 1000;
    const p = percentiles(got.map((s) => s.ms));
    const stepErrors = errors.length - errBefore;
    const achieved = Math.round((got.length / wall) * 10) / 10;
    const ok = stepErrors === 0 && got.length >= sent * 0.97 && p.p99 <= RAMP_P99_MS;
    ramp.push({
      rate,
      sent,
      answered: got.length,
      achieved,
      p99: Math.round(p.p99 * 10) / 10,
      errors: stepErrors,
      ok,
      retry,
    });
    log(
      `  ${rate}/s${retry ? " (again)" : ""}: ${got.length}/${sent} answered, p99 ${p.p99.toFixed(1)} ms${ok ? "" : "  ← not sustained"}`,
    );
    await Promise.all([...background]);
    if (!ok && retry) break;
    retry = !ok;
    if (ok) sustainable = rate;
  }
  // Ramp errors are part of finding the limit, not of the soak's verdict.
  errors.length = 0;
  wrong.length = 0;
  Object.assign(judged, { checked: 0, unjudged: 0, staleInFault: 0, refusedInFault: 0 });
  if (sustainable === 0) sustainable = 10;
}
const RATE = Math.max(1, Math.round(sustainable * (FIXED_RATE === null ? HOLD_FRACTION : 1)));
log(
  `持续 / hold: ${RATE} reads/s (${FIXED_RATE === null ? `${HOLD_FRACTION * 100} % of ${sustainable}/s` : "fixed"}) for ${DURATION_S} s`,
);

// ── 2. hold, with writes and faults ────────────────────────────────────────────────────────────────
const samples: ReadSample[] = [];
const imports: { at: number; ms: number; status: number; inserted: number; refusedInFault: boolean }[] = [];
const ticks: { at: number; ms: number; status: number; refusedInFault: boolean }[] = [];
const rss: { t: number; kb: number }[] = [];
const holdStart = elapsed();
const holdT = () => elapsed() - holdStart;
let importNo = 0;
/** Imports refused during a fault, sent again afterwards: every import must land in the end. */
const importQueue: string[] = [];

function importBody(): string {
  importNo++;
  const day = shanghaiDate(new Date());
  const lines = ["主体名称,统一社会信用代码,名单类型,失信类别,认定部门,文书号,列入日期"];
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const uscc = pick(partnerUsccs);
    const cat = pick(["刷单炒信", "制假售假", "侵犯知识产权", "网络购物合同纠纷"]);
    lines.push(
      `浸泡测试主体,${uscc},${rand() < 0.8 ? "黑名单" : "重点关注名单"},${cat},浸泡测试认定部门,浸泡〔2026〕${importNo}-${i}号,${day}`,
    );
  }
  return lines.join("\n");
}

async function importLists(body: string): Promise<void> {
  const started = performance.now();
  const startedAt = elapsed();
  try {
    const res = await call(`/api/v1/regulator/imports/lists?publishedAt=${shanghaiDate(new Date())}`, {
      method: "POST",
      headers: { authorization: `Bearer ${regulatorKey}`, "content-type": "text/csv" },
      body,
      timeoutMs: 120_000,
    });
    const at = elapsed();
    const refused = res.status === 503 && (inFault(at) || inFault(startedAt));
    imports.push({
      at,
      ms: performance.now() - started,
      status: res.status,
      inserted: res.status === 200 ? ((json(res) as { inserted?: number }).inserted ?? 0) : 0,
      refusedInFault: refused,
    });
    if (refused) importQueue.push(body);
    else if (res.status !== 200)
      errors.push({
        at,
        kind: "import",
        path: "imports/lists",
        status: res.status,
        why: errorCode(res) ?? "",
      });
  } catch (e) {
    errors.push({
      at: elapsed(),
      kind: "import",
      path: "imports/lists",
      status: describeError(e),
      why: "no answer",
    });
  }
}

async function tick(): Promise<void> {
  const started = performance.now();
  const startedAt = elapsed();
  try {
    const res = await call("/api/v1/regulator/lifecycle/run", {
      method: "POST",
      headers: { authorization: `Bearer ${adminKey}` },
      // A batch job, not a public read: it may take long on a busy machine; its latency is reported.
      timeoutMs: 120_000,
    });
    const at = elapsed();
    const refused = res.status === 503 && (inFault(at) || inFault(startedAt));
    ticks.push({ at, ms: performance.now() - started, status: res.status, refusedInFault: refused });
    if (!refused && res.status !== 200)
      errors.push({ at, kind: "tick", path: "lifecycle/run", status: res.status, why: errorCode(res) ?? "" });
  } catch (e) {
    errors.push({
      at: elapsed(),
      kind: "tick",
      path: "lifecycle/run",
      status: describeError(e),
      why: "no answer",
    });
  }
}

/** Polls /healthz while a fault lasts and until it is green again (bounded: 40 s past the end). */
async function watchHealth(f: FaultWindow, until: () => boolean): Promise<void> {
  for (;;) {
    try {
      const h = await call("/healthz", { timeoutMs: 5000 });
      // The time the answer arrived: on a loaded machine it may say what was true a moment ago.
      const t = elapsed();
      const code = h.status === 200 ? "ok" : String((json(h) as { code?: string }).code ?? h.status);
      if (code !== "ok" && f.health[code] === undefined)
        f.health[code] = Math.round((t - f.start) * 100) / 100;
      if (until() && code === "ok") {
        f.clearedAfterEndS = Math.round((t - f.end) * 100) / 100;
        return;
      }
    } catch {
      // counted by the reads; keep watching
    }
    if (until() && elapsed() > f.end + 40) return;
    await sleep(200);
  }
}

const MAGIC = Buffer.from("SQLite format 3\0", "latin1");
const FAULT_BYTES = Buffer.from("XINBIAO-FAULT-13", "latin1");
function patchHeader(bytes: Buffer): Buffer {
  const fd = openSync(dbFile, "r+");
  try {
    const old = Buffer.alloc(16);
    readSync(fd, old, 0, 16, 0);
    writeSync(fd, bytes, 0, 16, 0);
    return old;
  } finally {
    closeSync(fd);
  }
}

async function injectFault(kind: FaultWindow["kind"], seconds: number): Promise<void> {
  const f: FaultWindow = {
    kind,
    start: elapsed(),
    end: Number.POSITIVE_INFINITY,
    health: {},
    clearedAfterEndS: null,
    note: "",
  };
  faults.push(f);
  let over = false;
  const watching = watchHealth(f, () => over);
  log(`故障 / fault: ${kind} for ${seconds} s`);
  if (kind === "locked") {
    // Another process's write transaction, held past the service's 5 s busy timeout.
    const locker = new Database(dbFile, { timeout: 2000 });
    locker.exec("PRAGMA busy_timeout = 2000");
    locker.exec("BEGIN IMMEDIATE");
    await sleep(seconds * 1000);
    locker.exec("ROLLBACK");
    locker.close();
    f.note = "BEGIN IMMEDIATE held by the soak's own connection";
  } else if (kind === "unreadable") {
    // Only the 16-byte magic string is changed and then written back: nothing else of the file is
    // touched, so a checkpoint meanwhile cannot be undone by the restore.
    const old = patchHeader(FAULT_BYTES);
    if (!old.equals(MAGIC)) {
      patchHeader(old);
      f.note = "skipped: the header was not SQLite's";
    } else {
      await sleep(seconds * 1000);
      patchHeader(MAGIC);
      f.note = "bytes 0–15 (SQLite magic string) overwritten, then restored";
    }
  } else {
    hanging = true;
    await sleep(seconds * 1000);
    hanging = false;
    for (const res of held.splice(0)) if (!res.destroyed) res.destroy();
    f.note = `the ${SLOW_MS} ms receiver accepted deliveries and never answered`;
  }
  f.end = elapsed();
  over = true;
  track(watching);
}

let importBusy = false;
let tickBusy = false;
const rssTimer = setInterval(() => rss.push({ t: holdT(), kb: rssKb(service.pid!) }), 1000);
// Retained memory: once just before the warm-up ends (the collection's pause falls on reads that are
// not measured), once when the load is over.
const probes: (RetainedProbe | null)[] = [];
const probeTimer = setTimeout(
  () => track(retainedProbe(holdT()).then((p) => void probes.push(p))),
  Math.max(0, WARMUP_S - 5) * 1000,
);
const importTimer = setInterval(() => {
  if (importBusy) return;
  importBusy = true;
  const body = importQueue.length && !inFault(elapsed()) ? importQueue.shift()! : importBody();
  track(
    importLists(body).finally(() => {
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
    `${Math.round(holdT())} s: ${samples.length} reads, ${errors.length} errors, ${wrong.length} wrong, ${judged.checked} judged, ${imports.length} imports, in flight ${background.size}, RSS ${last ? Math.round(last.kb / 1024) : "?"} MB`,
  );
}, 15_000);

// Faults at fixed points of the hold, each over well before the end (recovery is part of the test).
const faultPlan: [at: number, kind: FaultWindow["kind"], seconds: number][] = FAULTS
  ? [
      [Math.max(WARMUP_S + 5, Math.round(DURATION_S * 0.25)), "locked", 8],
      [Math.round(DURATION_S * 0.45), "unreadable", 8],
      [Math.round(DURATION_S * 0.65), "receiver_hang", 15],
    ]
  : [];
const faultTimers = faultPlan.map(([at, kind, s]) =>
  setTimeout(() => track(injectFault(kind, s)), at * 1000),
);

await openLoop(RATE, DURATION_S, samples, true);
for (const t of faultTimers) clearTimeout(t);
clearInterval(importTimer);
clearInterval(tickTimer);
clearInterval(progress);
log("负载结束，等待在途请求 / load done; waiting for requests in flight");
await Promise.all([...background]);
clearInterval(rssTimer);
clearTimeout(probeTimer);
probes.push(await retainedProbe(holdT()));
// Imports refused during a fault are sent again, then ticks until the working receiver has every
// delivery enqueued so far (bounded: 20 ticks, 90 s).
for (const body of importQueue.splice(0)) await importLists(body);
const flushUntil = elapsed() + 90;
for (let i = 0; i < 20 && elapsed() < flushUntil; i++) {
  await tick();
  const pending = await fresh.db
    .select({ n: sql<number>`count(*)` })
    .from(webhookDeliveries)
    .where(
      and(eq(webhookDeliveries.url, receivers.get("ok")!.url), ne(webhookDeliveries.status, "delivered")),
    )
    .get();
  if ((pending?.n ?? 0) === 0) break;
  await sleep(500);
}
service.kill("SIGTERM");
await new Promise((r) => service.once("exit", r));
for (const r of receivers.values()) r.close();

const deliveries = await fresh.db
  .select({ status: webhookDeliveries.status, url: webhookDeliveries.url })
  .from(webhookDeliveries)
  .all();
fresh.close();
const byReceiver = Object.fromEntries(
  [...receivers.values()].map((r) => {
    const mine = deliveries.filter((d) => d.url === r.url);
    const count = (s: string) => mine.filter((d) => d.status === s).length;
    return [
      r.name,
      {
        received: r.received,
        verified: r.verified,
        badSignature: r.bad,
        receivedDuringHang: r.duringHang,
        inDb: mine.length,
        delivered: count("delivered"),
        failed: count("failed"),
        dead: count("dead"),
        pending: count("pending"),
      },
    ];
  }),
) as Record<ReceiverName, Record<string, number>>;

// ── report ──────────────────────────────────────────────────────────────────────────────────────────
const holdSamples = samples.map((s) => ({ ...s, t: s.t - holdStart }));
const warm = holdSamples.filter((s) => s.t >= WARMUP_S);
const calm = warm.filter((s) => !inFault(s.t + holdStart));
const overall = percentiles(warm.map((s) => s.ms));
const calmP = percentiles(calm.map((s) => s.ms));
const perKind = summarize(warm);
const ceiling = rssCeiling(rss, WARMUP_S);
const retained = retainedGrowth(probes.filter((p): p is RetainedProbe => p !== null));
const probesAnswered = probes.length === 2 && probes.every((p) => p !== null);
const hooks = [...receivers.values()];
const badSignatures = hooks.reduce((s, r) => s + r.bad, 0);
const importsApplied = imports.filter((i) => i.status === 200).length;
const importsWanted = importNo;
const ok = byReceiver.ok;
const unreadable = faults.find((f) => f.kind === "unreadable");
const checks = {
  errors: { value: errors.length, limit: MAX_ERRORS, ok: errors.length <= MAX_ERRORS },
  wrongAnswers: {
    value: wrong.length,
    limit: MAX_WRONG,
    ok: wrong.length <= MAX_WRONG && judged.checked > 0,
  },
  retainedGrowth: {
    value: retained.growth,
    limit: MAX_RETAINED_GROWTH,
    ok: probesAnswered && retained.growth !== null && retained.growth <= MAX_RETAINED_GROWTH,
  },
  rssCeilingGrowth: {
    value: ceiling.growth,
    limit: MAX_RSS_CEILING_GROWTH,
    ok: ceiling.growth <= MAX_RSS_CEILING_GROWTH,
  },
  webhooksVerified: { value: badSignatures, limit: 0, ok: badSignatures === 0 && ok.verified! > 0 },
  okReceiverSettled: {
    value: ok.inDb! - ok.delivered!,
    limit: 0,
    ok: ok.inDb! > 0 && ok.delivered === ok.inDb,
  },
  importsApplied: { value: importsWanted - importsApplied, limit: 0, ok: importsApplied === importsWanted },
  unreadableReported: {
    value: unreadable ? (unreadable.health.unreadable ?? null) : null,
    limit: "/healthz 503 unreadable during the fault, 200 after",
    ok: !FAULTS || (unreadable?.health.unreadable !== undefined && unreadable.clearedAfterEndS !== null),
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
    sustainableRate: sustainable,
    holdFraction: FIXED_RATE === null ? HOLD_FRACTION : null,
    importEveryS: IMPORT_EVERY_S,
    importRows: IMPORT_ROWS,
    tickEveryS: TICK_EVERY_S,
    checkEvery: CHECK_EVERY,
    merchants: MERCHANTS,
    shops: shopRows.length,
    faults: FAULTS,
  },
  machine: { node: process.version, cpus: cpus().length, platform: process.platform },
  checks,
  ramp,
  reads: {
    sent: samples.length,
    measuredAfterWarmup: warm.length,
    achievedRate: Math.round((samples.length / DURATION_S) * 10) / 10,
    latencyMs: overall,
    latencyOutsideFaultsMs: calmP,
    perKind,
    judged: { ...judged, wrong: wrong.length },
  },
  faults: faults.map((f) => ({
    ...f,
    start: Math.round((f.start - holdStart) * 10) / 10,
    end: Math.round((f.end - holdStart) * 10) / 10,
  })),
  imports: {
    wanted: importsWanted,
    applied: importsApplied,
    refusedDuringFaults: imports.filter((i) => i.refusedInFault).length,
    rowsEach: IMPORT_ROWS,
    latencyMs: percentiles(imports.filter((i) => i.status === 200).map((i) => i.ms)),
    inserted: imports.reduce((s, i) => s + i.inserted, 0),
  },
  ticks: {
    count: ticks.length,
    refusedDuringFaults: ticks.filter((t) => t.refusedInFault).length,
    latencyMs: percentiles(ticks.filter((t) => t.status === 200).map((t) => t.ms)),
  },
  webhooks: byReceiver,
  memory: {
    retained,
    ceiling,
    timeline: rss
      .filter((_, i) => i % 10 === 0)
      .map((r) => ({ t: Math.round(r.t), mb: Math.round(r.kb / 102.4) / 10 })),
  },
  errors: errors.slice(0, 50),
  wrong: wrong.slice(0, 50),
  serviceStderr: serviceErr.slice(-30),
};

const fmt = (p: { p50: number; p95: number; p99: number; max: number; n?: number }) =>
  `${p.p50.toFixed(1)} | ${p.p95.toFixed(1)} | ${p.p99.toFixed(1)} | ${p.max.toFixed(1)}`;
const mark = (b: boolean) => (b ? "✅" : "❌");
const faultRow = (f: (typeof report.faults)[number]) =>
  `| ${f.kind} | ${f.start}–${f.end} s | ${
    Object.entries(f.health)
      .map(([c, s]) => `\`${c}\` after ${s} s`)
      .join(", ") || "stayed 200"
  } | ${f.clearedAfterEndS === null ? "not seen" : `${f.clearedAfterEndS} s`} | ${f.note} |`;
const md = `# 浸泡测试报告 / Soak report

生成 / generated by \`npm run soak\` at ${report.ranAt} — **${pass ? "通过 / PASS" : "未通过 / FAIL"}**

Real service (\`worker/src/node.ts\` on a fresh libSQL file, ${MERCHANTS} demo merchants, ${shopRows.length} shops) on
127.0.0.1; Node ${process.version}, ${report.machine.cpus} CPUs shared with other work (the load generator and the
fresh reads run on the same two cores). ${
  FIXED_RATE === null
    ? `Sustainable read rate measured first (open-loop ramp, ${RAMP_STEP_S} s steps, p99 ≤ ${RAMP_P99_MS} ms, rate achieved, no error): **${sustainable}/s**; held at ${HOLD_FRACTION * 100} % of it, **${RATE}/s**,`
    : `Reads at a fixed **${RATE}/s**,`
} for ${DURATION_S} s, with a ${IMPORT_ROWS}-row list import through the regulator API every ${IMPORT_EVERY_S} s, the lifecycle
tick every ${TICK_EVERY_S} s delivering signed webhooks to three receivers (answers at once / after ${SLOW_MS} ms / HTTP 500),
and the faults below. Latency and memory are measured after a ${WARMUP_S} s warm-up. Every ${CHECK_EVERY === 1 ? "" : `${CHECK_EVERY}nd `}merchant
and shop record is judged against a fresh read of the database made just before and just after it.

| check | value | bound | |
|---|---|---|---|
| errors (reads, imports, ticks) | ${checks.errors.value} | ${MAX_ERRORS} | ${mark(checks.errors.ok)} |
| wrong answers (unmarked verdict ≠ the database) | ${wrong.length} of ${judged.checked} judged | ${MAX_WRONG} | ${mark(checks.wrongAnswers.ok)} |
| live memory after a full GC, end of warm-up → end of load | ${retained.growth === null ? "not measured" : `${(retained.growth * 100).toFixed(1)} % (${retained.probes.map((p) => `${p.liveMb} MB`).join(" → ")})`} | ≤ ${MAX_RETAINED_GROWTH * 100} % | ${mark(checks.retainedGrowth.ok)} |
| RSS ceiling, hold after warm-up vs warm-up | ${(ceiling.growth * 100).toFixed(1)} % (${ceiling.warmupPeakMb} → ${ceiling.holdPeakMb} MB) | ≤ ${MAX_RSS_CEILING_GROWTH * 100} % | ${mark(checks.rssCeilingGrowth.ok)} |
| webhooks with a bad signature | ${badSignatures} of ${hooks.reduce((s, r) => s + r.received, 0)} | 0 | ${mark(checks.webhooksVerified.ok)} |
| deliveries to the working receiver not delivered at the end | ${checks.okReceiverSettled.value} of ${ok.inDb} | 0 | ${mark(checks.okReceiverSettled.ok)} |
| imports never applied | ${checks.importsApplied.value} of ${importsWanted} (${report.imports.refusedDuringFaults} refused during a fault, sent again) | 0 | ${mark(checks.importsApplied.ok)} |
| unreadable database reported by /healthz, then cleared | ${FAULTS ? (unreadable?.health.unreadable !== undefined ? `after ${unreadable.health.unreadable} s; green ${unreadable.clearedAfterEndS} s after the restore` : "no") : "faults off"} | yes | ${mark(checks.unreadableReported.ok)} |

## Faults injected during the hold

| fault | when (s into the hold) | /healthz said | green again after the end | how |
|---|---|---|---|---|
${report.faults.map(faultRow).join("\n") || "| (none: --no-faults) | | | | |"}

During and up to ${GRACE_S} s after a fault, a read may be answered stale-marked (${judged.staleInFault} were) or refused
with 503 \`database_unavailable\` (${judged.refusedInFault} were): both are correct. Any other failure, a stale mark outside a
fault, or an unmarked answer whose verdict matches neither fresh read is counted above. ${judged.unjudged} sampled answers went
unjudged because this process could not read the file either (during the unreadable fault).

${
  ramp.length
    ? `## Ramp (reads only)

| rate /s | sent | answered | achieved /s | p99 ms | errors | |
|---|---|---|---|---|---|---|
${ramp.map((s) => `| ${s.rate}${s.retry ? " (again)" : ""} | ${s.sent} | ${s.answered} | ${s.achieved} | ${s.p99} | ${s.errors} | ${s.ok ? "sustained" : "not sustained"} |`).join("\n")}
`
    : ""
}
## Reads during the hold (after warm-up: ${warm.length} of ${samples.length}; achieved ${report.reads.achievedRate}/s)

| endpoint | n | p50 ms | p95 ms | p99 ms | max ms |
|---|---|---|---|---|---|
| **all** | ${overall.n} | ${fmt(overall)} |
| **all, outside fault windows** | ${calmP.n} | ${fmt(calmP)} |
${Object.entries(perKind)
  .map(([k, p]) => `| ${k} | ${p.n} | ${fmt(p)} |`)
  .join("\n")}

## Writes at the same time

| | n | p50 ms | p95 ms | p99 ms | max ms |
|---|---|---|---|---|---|
| list import (${IMPORT_ROWS} rows) | ${report.imports.latencyMs.n} | ${fmt(report.imports.latencyMs)} |
| tick (lifecycle + webhooks) | ${report.ticks.latencyMs.n} | ${fmt(report.ticks.latencyMs)} |

Imports inserted ${report.imports.inserted} list entries. Ticks refused during a fault: ${report.ticks.refusedDuringFaults}.

| receiver | received | valid signature | during the hang | in the database | delivered | failed | dead | pending |
|---|---|---|---|---|---|---|---|---|
${Object.entries(byReceiver)
  .map(
    ([n, r]) =>
      `| ${n} | ${r.received} | ${r.verified} | ${r.receivedDuringHang} | ${r.inDb} | ${r.delivered} | ${r.failed} | ${r.dead} | ${r.pending} |`,
  )
  .join("\n")}

The failing receiver's deliveries stay failed (retried with backoff) or dead; the slow one's that timed out while it
hung wait for their retry. The working receiver must have every delivery by the end.

## Memory (service RSS, MB, every 10 s of the hold)

${report.memory.timeline.map((r) => `${r.t}s ${r.mb}`).join(" · ")}

The heap is a sawtooth between major collections, so two RSS samples measure the collector's phase,
not growth. Growth is judged twice instead: live memory (V8 heap + external) right after two forced
full collections (soak/gc-probe.cjs, over IPC) at ${Math.max(0, WARMUP_S - 5)} s and when the load is over
(${retained.probes.map((p) => `${p.t} s: live ${p.liveMb} MB, RSS ${p.rssMb} MB`).join("; ") || "no probe answered"}); and the RSS ceiling after
warm-up against the warm-up's.
${
  errors.length
    ? `\n## Errors (first 50)\n\n${errors
        .slice(0, 50)
        .map((e) => `- ${(e.at - holdStart).toFixed(1)} s ${e.kind} ${e.path}: ${e.status} ${e.why}`)
        .join("\n")}\n`
    : ""
}${
  wrong.length
    ? `\n## Wrong answers (first 50)\n\n${wrong
        .slice(0, 50)
        .map(
          (w) =>
            `- ${(w.at - holdStart).toFixed(1)} s ${w.path}: served ${w.served}, database ${w.freshBefore} → ${w.freshAfter}`,
        )
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
  `${pass ? "通过 / PASS" : "未通过 / FAIL"}: ${RATE}/s, errors ${errors.length}, wrong ${wrong.length} of ${judged.checked}, p99 ${overall.p99.toFixed(1)} ms, retained ${retained.growth === null ? "?" : `${(retained.growth * 100).toFixed(1)} %`}, RSS ceiling ${(ceiling.growth * 100).toFixed(1)} %; report in ${join(flags.out!, "report.md")}`,
);
process.exit(pass ? 0 : 1);
