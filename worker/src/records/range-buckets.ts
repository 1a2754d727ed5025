/**
 * Range buckets (DESIGN §6: the extension asks for every shop whose hash starts with 4 hex chars, so
 * the service never learns which shop a user looks at), built once and kept in the database.
 *
 * A bucket holds ~18 shops of ~18 unrelated merchants (at 1.2M shops), so building one reads and builds
 * ~18 records: 2–3 ms, about thirty times a cached record (bench/history.md item 19). A built bucket is
 * kept (table range_buckets) with
 *   - the prefix's change counter read BEFORE the build (range_versions, moved by the triggers of
 *     migration 0004 on any write to the bucket's shops or to what their merchants' records are built
 *     from — by any writer, so a write racing the build leaves the kept bucket behind the counter), and
 *   - `valid_until`: the next midnight in China (list entries appear, lapse and fall overdue by the
 *     Shanghai day: 电子商务法 §15, 赣信用办〔2018〕26号 3-month rectification) or the first instant at
 *     which one of its records turns (a verification expiring, the freshness bound passing), if sooner.
 * It is served while both hold; otherwise it is built again. The kept body is the exact bytes sent, so
 * its ETag is stable for unchanged data.
 */
import { type RangeBucket, shanghaiDate } from "@xinbiao/db/model";
import type { AppDeps } from "../deps.ts";
import { bodyEtag } from "../middleware/public-body.ts";
import type { BuiltRecord } from "./build-records.ts";
import { compactRecord } from "./build-records.ts";
import { recordReader } from "./record-reader.ts";
import type { KeptBucket } from "./record-rows.ts";
import { recordService } from "./service-registry.ts";
import { signBucket } from "./signed-range.ts";

const DAY_MS = 24 * 3600_000;

/** The first instant at which a bucket built at `now` from `records` may read differently. */
export function bucketValidUntil(now: Date, records: Iterable<BuiltRecord>): string {
  const nowIso = now.toISOString();
  let until = new Date(Date.parse(`${shanghaiDate(now)}T00:00:00+08:00`) + DAY_MS).toISOString();
  for (const r of records) for (const mark of r.timeMarks) if (mark >= nowIso && mark < until) until = mark;
  return until;
}

/** The bucket's JSON body and ETag: kept if still good, else built (and kept for the next request). */
export async function rangeBucket(deps: AppDeps, prefix: string, baseUrl: string): Promise<KeptBucket> {
  const reader = recordReader(deps.db);
  const now = deps.now();
  const kept = await reader.keptBucket(prefix, now.toISOString());
  if (kept) return kept;

  const v = await reader.rangeVersion(prefix);
  const rows = await reader.bucket(prefix);
  const built = await recordService(deps).records(
    rows.map((r) => r.uscc),
    baseUrl,
    now,
  );
  const shops = rows.flatMap((r) => {
    const b = built.get(r.uscc);
    return b ? [{ hash: r.hash, record: compactRecord(b.record) }] : [];
  });
  // generatedAt = the newest record in the bucket, so identical data gives an identical body (ETag).
  // biome-ignore lint/complexity/useMathMinMax: ISO strings, not numbers
  const newest = shops.reduce((m, s) => (s.record.updatedAt > m ? s.record.updatedAt : m), "");
  const bucket: RangeBucket = { prefix, generatedAt: newest || "1970-01-01T00:00:00.000Z", shops };
  const validUntil = bucketValidUntil(now, built.values());
  // Signed once here and kept signed (issue 14): the extension verifies before use.
  const body = JSON.stringify(await signBucket(deps.signer, bucket, now, validUntil));
  const etag = bodyEtag(body);
  try {
    await reader.keepBucket({ prefix, v, validUntil, etag, body });
  } catch {
    // Not kept (the write lock is held by an import, a read-only replica): the answer is still right,
    // and a later request keeps it.
  }
  return { body, etag };
}
