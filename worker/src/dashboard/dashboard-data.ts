/** Everything the regulator dashboard shows, loaded in one place. */
import type { Db } from "@xinbiao/db/client";
import { shanghaiDate } from "@xinbiao/db/model";
import { badgeMisuse, importRuns, partners, webhookDeliveries } from "@xinbiao/db/schema";
import { desc, eq, inArray } from "drizzle-orm";
import type { ImportIssue } from "../imports/import-kind.ts";
import { type Escalation, overdueEntries } from "../lifecycle/escalations.ts";
import { objectionQueue, type QueueItem } from "../objections/objection.service.ts";

export interface DashboardData {
  today: string;
  generatedAt: string;
  escalations: Escalation[];
  objections: QueueItem[];
  imports: (typeof importRuns.$inferSelect & { warnings: ImportIssue[] })[];
  misuse: (typeof badgeMisuse.$inferSelect)[];
  failedDeliveries: {
    id: number;
    partner: string;
    changeSeq: number;
    status: string;
    attempts: number;
    lastError: string | null;
    nextAttemptAt: string | null;
  }[];
}

export async function loadDashboard(db: Db, now: Date): Promise<DashboardData> {
  const [escalations, objections, imports, misuse, failed] = await Promise.all([
    overdueEntries(db, now),
    objectionQueue(db, now),
    db.select().from(importRuns).orderBy(desc(importRuns.at)).limit(20),
    db.select().from(badgeMisuse).orderBy(desc(badgeMisuse.lastSeen)).limit(50),
    db
      .select({ d: webhookDeliveries, platform: partners.platform })
      .from(webhookDeliveries)
      .innerJoin(partners, eq(partners.id, webhookDeliveries.partnerId))
      .where(inArray(webhookDeliveries.status, ["failed", "dead"]))
      .orderBy(desc(webhookDeliveries.updatedAt))
      .limit(50),
  ]);
  return {
    today: shanghaiDate(now),
    generatedAt: now.toISOString(),
    escalations,
    objections,
    imports: imports.map((i) => ({
      ...i,
      warnings: (i.report as { warnings?: ImportIssue[] })?.warnings ?? [],
    })),
    misuse,
    failedDeliveries: failed.map(({ d, platform }) => ({
      id: d.id,
      partner: platform,
      changeSeq: d.changeSeq,
      status: d.status,
      attempts: d.attempts,
      lastError: d.lastError,
      nextAttemptAt: d.nextAttemptAt,
    })),
  };
}
