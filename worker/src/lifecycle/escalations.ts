/**
 * The regulator's escalation list: 黑名单 / 重点关注 entries past their rectification deadline and
 * still publicly shown (赣信用办〔2018〕26号 五：对逾期未整改的 约谈、通报、惩戒). Computed at read time with
 * the same rules as the public record, so it is right even if the scheduled job has not run today.
 */
import type { Db } from "@xinbiao/db/client";
import { defaultRectifyBy, isPubliclyShown, shanghaiDate, statusOf } from "@xinbiao/db/model";
import { listEntries, merchants, objections, shops } from "@xinbiao/db/schema";
import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { SHOWN_STATUSES } from "../objections/objection-status.ts";

export interface Escalation {
  entryId: number;
  uscc: string;
  name: string;
  list: "black" | "watch";
  category: string;
  authority: string;
  documentNo: string;
  listedAt: string;
  rectifyBy: string;
  daysOverdue: number;
  escalatedAt: string | null;
  shops: number;
}

export async function overdueEntries(db: Db, now: Date): Promise<Escalation[]> {
  const today = shanghaiDate(now);
  const rows = await db
    .select({
      e: listEntries,
      name: merchants.name,
      shops: sql<number>`(select count(*) from ${shops} where ${shops.uscc} = ${listEntries.uscc})`,
      // Only an accepted (受理) objection takes an entry off this list: an unaccepted filing must not
      // hide an overdue rectification from the regulator (issue 13 item 3).
      objected: sql<number>`exists (select 1 from ${objections} where ${objections.entryId} = ${listEntries.id} and ${inArray(objections.status, [...SHOWN_STATUSES])})`,
    })
    .from(listEntries)
    .innerJoin(merchants, eq(merchants.uscc, listEntries.uscc))
    .where(
      and(
        inArray(listEntries.list, ["black", "watch"]),
        isNull(listEntries.removedAt),
        isNull(listEntries.repairedAt),
        isNull(listEntries.rectifiedAt),
        // rectifyBy (or listedAt + 3 months when absent) is before today: prefilter generously.
        lt(listEntries.listedAt, today),
      ),
    )
    .all();
  const out: Escalation[] = [];
  for (const r of rows) {
    const facts = { ...r.e, objectionOpen: Boolean(r.objected) };
    if (!isPubliclyShown(facts, today) || statusOf(facts, today) !== "overdue") continue;
    const by = r.e.rectifyBy ?? defaultRectifyBy(r.e.list, r.e.listedAt) ?? "";
    out.push({
      entryId: r.e.id,
      uscc: r.e.uscc,
      name: r.name,
      list: r.e.list as "black" | "watch",
      category: r.e.category,
      authority: r.e.authority,
      documentNo: r.e.documentNo,
      listedAt: r.e.listedAt,
      rectifyBy: by,
      daysOverdue: Math.round((Date.parse(today) - Date.parse(by)) / 86_400_000),
      escalatedAt: r.e.escalatedAt,
      shops: Number(r.shops),
    });
  }
  return out.sort((a, b) => b.daysOverdue - a.daysOverdue || a.uscc.localeCompare(b.uscc));
}
