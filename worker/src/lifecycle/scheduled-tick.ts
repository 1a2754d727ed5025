/**
 * One scheduled tick: the lifecycle pass, then webhook dispatch. Run by the Workers cron trigger
 * (scheduled.ts), by `npm run lifecycle` on Node, and by POST /api/v1/regulator/lifecycle/run.
 */
import type { Db } from "@xinbiao/db/client";
import { type DispatchDeps, dispatchWebhooks } from "../webhooks/webhook-dispatch.ts";
import { type LifecycleReport, runLifecycle } from "./lifecycle-job.ts";

export interface TickReport {
  lifecycle: LifecycleReport;
  webhooks: { queued: number; delivered: number; failed: number; dead: number };
}

export async function scheduledTick(
  deps: { db: Db; now: () => Date } & Omit<DispatchDeps, "db" | "now">,
): Promise<TickReport> {
  const lifecycle = await runLifecycle(deps);
  const w = await dispatchWebhooks(deps);
  const count = (s: string) => w.outcomes.filter((o) => o.status === s).length;
  return {
    lifecycle,
    webhooks: {
      queued: w.queued,
      delivered: count("delivered"),
      failed: count("failed"),
      dead: count("dead"),
    },
  };
}
