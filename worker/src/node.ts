/**
 * Node entry: `npm start`. Runs the Worker's app on @hono/node-server over the embedded libSQL file.
 */
import { serve } from "@hono/node-server";
import { rangePrefix } from "@xinbiao/db/model";
import { anchor, hashShop } from "@xinbiao/db/seed";
import { createApp } from "./app.ts";
import { scheduledTick } from "./lifecycle/scheduled-tick.ts";
import { DEFAULT_DB_URL, openEmbedded } from "./node/embedded.ts";
import { startPolicy } from "./node/start-policy.ts";

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? "127.0.0.1";
const quiet = process.env.XINBIAO_QUIET === "1";

const started = Date.now();
const policy = startPolicy(process.env, DEFAULT_DB_URL);
const envMs = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
const embedded = await openEmbedded({
  url: policy.url,
  seed: policy.seed,
  signingKey: policy.signingKey,
  // quick_check at start, then the file watched while serving (node/db-health.ts).
  watch: { probeMs: envMs("XINBIAO_DB_PROBE_MS"), deepMs: envMs("XINBIAO_DB_CHECK_MS") },
  // Paths only, never query strings: search terms are not logged.
  requestLog: quiet ? undefined : (l) => console.log(`${l.method} ${l.path} ${l.status} ${l.ms}ms`),
});
const app = createApp(embedded.deps);
const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  const base = `http://${host}:${info.port}`;
  const sample = anchor("trusted");
  const prefix = rangePrefix(hashShop("taobao", sample.shops[0]![1]));
  const dbNote = embedded.dbProblem
    ? `  (${embedded.dbProblem.code})`
    : embedded.seeded
      ? "  (首次启动，已写入演示数据 / seeded with demo data)"
      : embedded.merchants === 0
        ? "  (空数据库，未写入演示数据 / empty database: no demo data written)"
        : `  (${embedded.merchants} 个商户 / merchants)`;
  const problems = [
    embedded.dbProblem && `  错误 ERROR ${embedded.dbProblem.code}: ${embedded.dbProblem.message}`,
    embedded.signingProblem && `  错误 ERROR missing_signing_key: ${embedded.signingProblem.message}`,
    embedded.keyCreated && `  已生成新签名密钥 / new signing key generated: ${embedded.deps.signer.keyId}`,
    !embedded.seeded &&
      embedded.merchants === 0 &&
      policy.configured &&
      "  导入数据 / import data: npm run import -- …   (或 or XINBIAO_SEED_DEMO=1 for demo data)",
  ].filter((l): l is string => typeof l === "string");
  console.log(
    [
      "",
      "信标 Xinbiao — 本地服务已启动 / local service running",
      `  URL:              ${base}/`,
      `  数据库 database:   ${policy.url.replace(/\?.*$/, "")}${dbNote}`,
      ...problems,
      `  健康 health:       ${base}/healthz`,
      // The samples are demo merchants: named only where the demo data is.
      ...(embedded.deps.demo
        ? [
            `  示例主体 sample:   ${base}/api/v1/merchants/${sample.uscc}   (${sample.name})`,
            `  示例页面 page:     ${base}/m/${sample.uscc}`,
            `  示例分桶 range:    ${base}/api/v1/range/${prefix}   (taobao:${sample.shops[0]![1]})`,
          ]
        : []),
      `  签名公钥 keys:     ${base}/.well-known/xinbiao-keys.json`,
      `  启动用时 ready in: ${Date.now() - started} ms`,
      "",
    ].join("\n"),
  );
});

// The Node counterpart of the Workers cron trigger: lifecycle pass and webhook deliveries every 5 min.
const TICK_MS = Number(process.env.XINBIAO_TICK_MS ?? 300_000);
const tick = setInterval(() => {
  // A database file known bad is not written to (node/db-health.ts); the next tick after repair runs.
  if (embedded.health?.blocking()) return;
  scheduledTick(embedded.deps).catch((err) =>
    console.error("[xinbiao] scheduled tick failed:", err?.code ?? err?.name),
  );
}, TICK_MS);
tick.unref();

function shutdown() {
  server.close();
  embedded.close();
  process.exit(0);
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
