/**
 * Workers cron trigger handler. The Workers entry (worker/src/index.ts) exports it as `scheduled`;
 * wrangler.toml sets the schedule (a `[triggers] crons` entry, e.g. every five minutes).
 */
import { type DbEnv, dbFromEnv } from "@xinbiao/db/client";
import { createSigner } from "@xinbiao/db/model";
import { useCheckpointSigner } from "../audit-log/checkpoint.ts";
import { parsePrivateJwk } from "../keys.ts";
import { scheduledTick } from "./scheduled-tick.ts";

export async function scheduled(
  controller: ScheduledController,
  env: DbEnv & { SIGNING_KEY?: string },
  ctx: ExecutionContext,
): Promise<void> {
  const db = dbFromEnv(env);
  // The tick's writes carry signed audit checkpoints too; on Workers the key is the SIGNING_KEY secret.
  if (env.SIGNING_KEY) useCheckpointSigner(db, await createSigner(parsePrivateJwk(env.SIGNING_KEY)));
  // The lifecycle clock is the trigger's scheduled time, so a delayed run still judges the right day.
  const now = () => new Date(controller.scheduledTime);
  ctx.waitUntil(
    scheduledTick({ db, now }).then((r) => {
      console.log("[xinbiao] scheduled tick", JSON.stringify(r));
    }),
  );
}
