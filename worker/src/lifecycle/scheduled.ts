/**
 * Workers cron trigger handler. The Workers entry (worker/src/index.ts) exports it as `scheduled`;
 * wrangler.toml sets the schedule (a `[triggers] crons` entry, e.g. every five minutes).
 */
import { type DbEnv, dbFromEnv } from "@xinbiao/db/client";
import { scheduledTick } from "./scheduled-tick.ts";

export async function scheduled(
  controller: ScheduledController,
  env: DbEnv,
  ctx: ExecutionContext,
): Promise<void> {
  const db = dbFromEnv(env);
  // The lifecycle clock is the trigger's scheduled time, so a delayed run still judges the right day.
  const now = () => new Date(controller.scheduledTime);
  ctx.waitUntil(
    scheduledTick({ db, now }).then((r) => {
      console.log("[xinbiao] scheduled tick", JSON.stringify(r));
    }),
  );
}
