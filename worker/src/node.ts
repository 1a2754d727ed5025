/**
 * Node entry: `npm start`. Runs the Worker's app on @hono/node-server over the embedded libSQL file.
 */
import { serve } from "@hono/node-server";
import { rangePrefix } from "@xinbiao/db/model";
import { anchor, hashShop } from "@xinbiao/db/seed";
import { createApp } from "./app.ts";
import { scheduledTick } from "./lifecycle/scheduled-tick.ts";
import { DEFAULT_DB_URL, openEmbedded } from "./node/embedded.ts";

const port = Number(process.env.PORT ?? 8787);
const host = process.env.HOST ?? "127.0.0.1";
const quiet = process.env.XINBIAO_QUIET === "1";

const started = Date.now();
const embedded = await openEmbedded({
  // Paths only, never query strings: search terms are not logged.
  requestLog: quiet ? undefined : (l) => console.log(`${l.method} ${l.path} ${l.status} ${l.ms}ms`),
});
const app = createApp(embedded.deps);
const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
  const base = `http://${host}:${info.port}`;
  const sample = anchor("trusted");
  const prefix = rangePrefix(hashShop("taobao", sample.shops[0]![1]));
  console.log(
    [
      "",
      "信标 Xinbiao — 本地服务已启动 / local service running",
      `  URL:              ${base}/`,
      `  数据库 database:   ${process.env.XINBIAO_DB ?? DEFAULT_DB_URL}${embedded.seeded ? "  (首次启动，已写入演示数据 / seeded with demo data)" : ""}`,
      `  示例主体 sample:   ${base}/api/v1/merchants/${sample.uscc}   (${sample.name})`,
      `  示例页面 page:     ${base}/m/${sample.uscc}`,
      `  示例分桶 range:    ${base}/api/v1/range/${prefix}   (taobao:${sample.shops[0]![1]})`,
      `  签名公钥 keys:     ${base}/.well-known/xinbiao-keys.json`,
      `  启动用时 ready in: ${Date.now() - started} ms`,
      "",
    ].join("\n"),
  );
});

// The Node counterpart of the Workers cron trigger: lifecycle pass and webhook deliveries every 5 min.
const TICK_MS = Number(process.env.XINBIAO_TICK_MS ?? 300_000);
const tick = setInterval(() => {
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
