/**
 * The compact prefix set of DESIGN §6: the first 8 hex chars of every shop hash whose merchant has
 * a publicly shown 黑名单 or 重点关注 entry. The extension keeps it locally so warnings show at once and
 * offline; a hit is then confirmed through the range bucket.
 */
import { PREFIX_SET_LENGTH, type PrefixSet, sha256Hex, shanghaiDate } from "@xinbiao/db/model";
import { listEntries, shops } from "@xinbiao/db/schema";
import { and, eq, gte, inArray, isNull, lte, or } from "drizzle-orm";
import type { AppDeps } from "../deps.ts";

const cache = new WeakMap<AppDeps, { day: string; at: number; set: PrefixSet }>();
const TTL_MS = 60_000;

export async function loadPrefixSet(deps: AppDeps): Promise<PrefixSet> {
  const now = deps.now();
  const today = shanghaiDate(now);
  const hit = cache.get(deps);
  if (hit && hit.day === today && now.getTime() - hit.at < TTL_MS) return hit.set;

  const rows = await deps.db
    .selectDistinct({ hash: shops.hash, list: listEntries.list })
    .from(listEntries)
    .innerJoin(shops, eq(shops.uscc, listEntries.uscc))
    .where(
      and(
        inArray(listEntries.list, ["black", "watch"]),
        isNull(listEntries.removedAt),
        isNull(listEntries.repairedAt),
        lte(listEntries.listedAt, today),
        or(isNull(listEntries.displayUntil), gte(listEntries.displayUntil, today)),
      ),
    );
  const black = new Set<string>();
  const watch = new Set<string>();
  for (const r of rows) (r.list === "black" ? black : watch).add(r.hash.slice(0, PREFIX_SET_LENGTH));
  const b = [...black].sort();
  const w = [...watch].sort();
  const version = (await sha256Hex(`${b.join(",")}|${w.join(",")}`)).slice(0, 16);
  const set: PrefixSet = {
    version,
    prefixLength: PREFIX_SET_LENGTH,
    generatedAt: `${today}T00:00:00+08:00`,
    black: b,
    watch: w,
  };
  cache.set(deps, { day: today, at: now.getTime(), set });
  return set;
}
