/**
 * The partner change feed (DESIGN §1, issue 5 item 2): list, grade and license changes of merchants
 * that run one of the partner's shops, paged by the monotonic `changes.seq`.
 *
 * No gap, no duplicate: `seq` is assigned inside the writing transaction and SQLite (libSQL, D1) has
 * one writer at a time, so seqs become visible in order — a reader never sees seq n+1 without n.
 * A page and the high-water mark it reports are read in one batch (one transaction, one snapshot):
 * when a page is not full, `nextCursor` jumps to the newest seq of that same snapshot, skipping only
 * changes that do not concern this partner.
 */
import type { Db } from "@xinbiao/db/client";
import { guardPublicValue } from "@xinbiao/db/model";
import { changes, shops } from "@xinbiao/db/schema";
import { and, asc, eq, gt, inArray, max, sql } from "drizzle-orm";
import { inChunks } from "../imports/sql-chunks.ts";

export interface FeedChange {
  seq: number;
  at: string;
  uscc: string;
  kind: "list" | "grade" | "license";
  action: string;
  detail: Record<string, unknown>;
  /** The partner's shops run by this merchant. */
  shops: string[];
}

export interface FeedPage {
  changes: FeedChange[];
  nextCursor: number;
  hasMore: boolean;
}

export const FEED_MAX_LIMIT = 1000;

export async function readFeed(db: Db, platform: string, cursor: number, limit: number): Promise<FeedPage> {
  const affects = sql`exists (select 1 from ${shops} where ${shops.uscc} = ${changes.uscc} and ${shops.platform} = ${platform})`;
  const [rows, top] = await db.batch([
    db
      .select()
      .from(changes)
      .where(and(gt(changes.seq, cursor), affects))
      .orderBy(asc(changes.seq))
      .limit(limit + 1),
    db.select({ top: max(changes.seq) }).from(changes),
  ]);
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const usccs = [...new Set(page.map((r) => r.uscc))];
  const shopRows = await inChunks(usccs, (chunk) =>
    db
      .select({ uscc: shops.uscc, shopId: shops.shopId })
      .from(shops)
      .where(and(eq(shops.platform, platform), inArray(shops.uscc, chunk)))
      .orderBy(asc(shops.shopId)),
  );
  const byUscc = new Map<string, string[]>();
  for (const s of shopRows) byUscc.set(s.uscc, [...(byUscc.get(s.uscc) ?? []), s.shopId]);
  const nextCursor = hasMore ? page.at(-1)!.seq : Math.max(cursor, top[0]?.top ?? 0);
  return {
    // A change's detail quotes list categories, authorities, license fields as imported: the raw
    // text stays with the regulator, partners get it through the public-output guard (pii-guard.ts).
    changes: page.map((r) => ({ ...r, detail: guardPublicValue(r.detail), shops: byUscc.get(r.uscc) ?? [] })),
    nextCursor,
    hasMore,
  };
}
