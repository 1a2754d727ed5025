/**
 * npm run lifecycle [-- --watch 300] [--now 2026-12-01T09:00:00+08:00] [--db url]
 * One scheduled tick (lifecycle pass + webhook deliveries), the Node twin of the Workers cron
 * trigger. `--watch n` repeats it every n seconds; `--now` judges as of another time (for drills).
 */
import { parseArgs } from "node:util";
import { scheduledTick } from "../lifecycle/scheduled-tick.ts";
import { openCliDb } from "./cli-db.ts";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      watch: { type: "string" },
      now: { type: "string" },
      db: { type: "string" },
      json: { type: "boolean" },
    },
  });
  const fixed = values.now ? new Date(values.now) : null;
  if (fixed && Number.isNaN(fixed.getTime())) {
    console.error(`--now 不是有效时间 / --now is not a valid time: ${values.now}`);
    return 2;
  }
  const every = values.watch ? Number(values.watch) : 0;
  if (values.watch && (!Number.isFinite(every) || every < 5)) {
    console.error("--watch 至少 5 秒 / --watch: at least 5 seconds");
    return 2;
  }
  const h = await openCliDb(values.db);
  const tick = async () => {
    const r = await scheduledTick({
      db: h.db,
      now: () => fixed ?? new Date(),
      // Same opt-in as the Node entry: http / loopback receivers only in local development.
      allowLocalOutbound: process.env.XINBIAO_DEV_ALLOW_LOCAL_OUTBOUND === "1",
    });
    if (values.json) console.log(JSON.stringify(r));
    else {
      const l = r.lifecycle;
      const changed =
        Object.entries(l.statusChanged)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ") || "0";
      console.log(
        `[${new Date().toISOString()}] 今天 today ${l.today} · 检查 checked ${l.checked} · 补整改期限 rectifyBy set ${l.rectifyByDefaulted} · 状态变更 status ${changed} · 升级 escalated ${l.escalated} · 公示期满 expired ${l.expired} · webhooks: queued ${r.webhooks.queued}, delivered ${r.webhooks.delivered}, failed ${r.webhooks.failed}, dead ${r.webhooks.dead}`,
      );
    }
  };
  try {
    await tick();
    if (!every) return 0;
    for (;;) {
      await new Promise((r) => setTimeout(r, every * 1000));
      await tick().catch((e) => console.error("[xinbiao] tick failed", e));
    }
  } finally {
    if (!every) h.close();
  }
}

process.exitCode = await main();
