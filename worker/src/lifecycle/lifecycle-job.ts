/**
 * The scheduled lifecycle pass (issue 5 item 4). The read path already computes what the public sees
 * (db/model/lists.ts), so this job's task is to make those transitions *happen* as events:
 *  - 黑名单 / 重点关注 entries get rectifyBy = listedAt + 3 months when the publication gave none
 *    (赣信用办〔2018〕26号 转发 发改财金〔2018〕716号 四：“于3个月整改到位”);
 *  - past rectifyBy without rectification an entry becomes `overdue` and joins the regulator's
 *    escalation list (同文 五：“对逾期未整改的加大惩戒力度”);
 *  - past displayUntil the entry leaves every public surface: it is marked expired, partners are told;
 *  - status changes (objected, rectifying …) are written back and announced on the change feed.
 * Idempotent: a second run on the same day changes nothing.
 */
import type { Db } from "@xinbiao/db/client";
import { defaultRectifyBy, shanghaiDate, statusOf } from "@xinbiao/db/model";
import { listEntries, objections } from "@xinbiao/db/schema";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { commitWriteSet, WriteSet } from "../audit-log/write-set.ts";
import { inChunks } from "../imports/sql-chunks.ts";
import { SHOWN_STATUSES } from "../objections/objection-status.ts";

export const LIFECYCLE_ACTOR = "system:lifecycle";

export interface LifecycleReport {
  today: string;
  checked: number;
  rectifyByDefaulted: number;
  expired: number;
  statusChanged: Record<string, number>;
  escalated: number;
}

export async function runLifecycle(deps: { db: Db; now: () => Date }): Promise<LifecycleReport> {
  const { db } = deps;
  const now = deps.now();
  const today = shanghaiDate(now);
  const nowIso = now.toISOString();
  const rows = await db
    .select()
    .from(listEntries)
    .where(and(isNull(listEntries.removedAt), isNull(listEntries.repairedAt), isNull(listEntries.expiredAt)))
    .all();
  const open = new Set(
    (
      await inChunks(
        rows.map((r) => r.id),
        (c) =>
          db
            .select({ entryId: objections.entryId })
            .from(objections)
            .where(
              // Accepted (受理) objections only: a mere filing changes no status (issue 13 item 3).
              and(inArray(objections.entryId, c), inArray(objections.status, [...SHOWN_STATUSES])),
            ),
      )
    ).map((o) => o.entryId),
  );
  const ws = new WriteSet(LIFECYCLE_ACTOR);
  const report: LifecycleReport = {
    today,
    checked: rows.length,
    rectifyByDefaulted: 0,
    expired: 0,
    statusChanged: {},
    escalated: 0,
  };
  for (const e of rows) {
    if (e.listedAt > today) continue; // announced for a later date: nothing to do yet
    const set: Partial<typeof listEntries.$inferInsert> = {};
    const detail = { entryId: e.id, list: e.list, category: e.category, documentNo: e.documentNo };
    const rectifyBy = e.rectifyBy ?? defaultRectifyBy(e.list, e.listedAt);
    if (rectifyBy !== e.rectifyBy) {
      set.rectifyBy = rectifyBy;
      report.rectifyByDefaulted++;
    }
    if (e.displayUntil && e.displayUntil < today) {
      set.expiredAt = nowIso;
      report.expired++;
      ws.change({
        uscc: e.uscc,
        kind: "list",
        action: "list.expired",
        detail: { ...detail, displayUntil: e.displayUntil },
      });
    } else {
      const status = statusOf({ ...e, rectifyBy, objectionOpen: open.has(e.id) }, today);
      if (status !== e.status) {
        set.status = status;
        report.statusChanged[status] = (report.statusChanged[status] ?? 0) + 1;
        ws.change({
          uscc: e.uscc,
          kind: "list",
          action: `list.${status}`,
          detail: { ...detail, from: e.status, rectifyBy },
        });
      }
      if (status === "overdue" && !e.escalatedAt) {
        set.escalatedAt = nowIso;
        report.escalated++;
      }
    }
    if (Object.keys(set).length === 0) continue;
    const before = Object.fromEntries(Object.keys(set).map((k) => [k, e[k as keyof typeof e]]));
    ws.add(
      db
        .update(listEntries)
        .set({ ...set, updatedAt: nowIso })
        .where(eq(listEntries.id, e.id)),
    );
    ws.log({
      action: "list_entry.lifecycle",
      entity: "list_entry",
      entityId: String(e.id),
      before,
      after: set,
    });
    ws.touch(e.uscc);
  }
  await commitWriteSet(db, ws, now);
  return report;
}
