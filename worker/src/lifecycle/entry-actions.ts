/**
 * Regulator decisions on a list entry: rectification done (整改完成), credit repair (信用修复, with the
 * repair decision's document number) and removal (移出). Repaired and removed entries leave every
 * public surface at once but stay in the audit log (DESIGN §4). Early removal or repair of a
 * 严重违法失信 entry before one year is refused with the reason (see severe-removal.ts).
 */
import type { Db } from "@xinbiao/db/client";
import { shanghaiDate } from "@xinbiao/db/model";
import { listEntries } from "@xinbiao/db/schema";
import { eq } from "drizzle-orm";
import { commitWriteSet, WriteSet } from "../audit-log/write-set.ts";
import { checkEarlyRemoval } from "./severe-removal.ts";

export type EntryAction =
  | { kind: "rectified"; date?: string | undefined; note?: string | undefined }
  | { kind: "repair"; documentNo: string; date?: string | undefined }
  | { kind: "remove"; reason: string; date?: string | undefined; correction?: boolean };

export type EntryActionResult =
  | { ok: true; entry: typeof listEntries.$inferSelect }
  | { ok: false; status: 404 | 409 | 400; code: string; zh: string; en: string; details?: unknown };

export async function applyEntryAction(
  db: Db,
  entryId: number,
  action: EntryAction,
  actor: string,
  now: Date,
  ws: WriteSet = new WriteSet(actor),
  commit = true,
): Promise<EntryActionResult> {
  const e = await db.select().from(listEntries).where(eq(listEntries.id, entryId)).get();
  if (!e)
    return {
      ok: false,
      status: 404,
      code: "not_found",
      zh: `没有编号为 ${entryId} 的名单条目`,
      en: `no list entry ${entryId}`,
    };
  if (e.removedAt || e.repairedAt)
    return {
      ok: false,
      status: 409,
      code: "entry_closed",
      zh: `该条目已于 ${(e.removedAt ?? e.repairedAt)!.slice(0, 10)} ${e.removedAt ? "移出" : "完成信用修复"}`,
      en: `the entry was already ${e.removedAt ? "removed" : "repaired"} on ${(e.removedAt ?? e.repairedAt)!.slice(0, 10)}`,
    };
  const today = shanghaiDate(now);
  const date = action.date ?? today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date > today)
    return {
      ok: false,
      status: 400,
      code: "invalid_date",
      zh: `日期 ${date} 无效或在未来`,
      en: `date ${date} is invalid or in the future`,
    };
  if (date < e.listedAt)
    return {
      ok: false,
      status: 400,
      code: "before_listing",
      zh: `日期 ${date} 早于列入日期 ${e.listedAt}`,
      en: `date ${date} is before the listing date ${e.listedAt}`,
    };
  const set: Partial<typeof listEntries.$inferInsert> = {};
  let changeAction: string;
  if (action.kind === "rectified") {
    if (e.list === "red")
      return {
        ok: false,
        status: 409,
        code: "red_list",
        zh: "红名单条目无需整改",
        en: "red-list entries need no rectification",
      };
    set.rectifiedAt = date;
    set.status = "rectifying";
    changeAction = "list.rectified";
  } else {
    const early =
      action.kind === "remove" && action.correction ? { ok: true as const } : checkEarlyRemoval(e, date);
    if (!early.ok)
      return {
        ok: false,
        status: 409,
        code: "early_removal_refused",
        zh: early.zh,
        en: early.en,
        details: { earliest: early.earliest },
      };
    if (action.kind === "repair") {
      set.repairedAt = date;
      set.repairDocumentNo = action.documentNo;
      changeAction = "list.repaired";
    } else {
      set.removedAt = date;
      set.removalReason = action.reason;
      changeAction = "list.removed";
    }
  }
  const before = Object.fromEntries(Object.keys(set).map((k) => [k, e[k as keyof typeof e]]));
  ws.add(
    db
      .update(listEntries)
      .set({ ...set, updatedAt: now.toISOString() })
      .where(eq(listEntries.id, e.id)),
  );
  ws.log({
    action: `list_entry.${action.kind}`,
    entity: "list_entry",
    entityId: String(e.id),
    before,
    after: set,
  });
  ws.change({
    uscc: e.uscc,
    kind: "list",
    action: changeAction,
    // Removal leaves no public trace: partners learn that the entry is gone, not why.
    detail: { entryId: e.id, list: e.list, category: e.category, documentNo: e.documentNo, date },
  });
  if (commit) await commitWriteSet(db, ws, now);
  return { ok: true, entry: { ...e, ...set } as typeof e };
}
