/**
 * Signed range buckets and prefix set (issue 14): a cached or relayed copy cannot turn a warning
 * green, because the extension verifies the signature (db/model/signed-data.ts) before it uses
 * either. Signing costs one Ed25519 signature over the canonical JSON — done once when a bucket is
 * built (the kept body in range_buckets is the signed bytes, served as they are), and once per
 * prefix-set version and day, never per request.
 */
import { type PrefixSet, type RangeBucket, type Signer, shanghaiDate } from "@xinbiao/db/model";
import { SIGNED_KINDS, type Signed, signData } from "@xinbiao/db/model/signed-data";

const DAY_MS = 24 * 3600_000;

/** The next midnight in China after `now`: list entries appear, lapse and fall overdue by that day. */
export function nextShanghaiMidnight(now: Date): string {
  return new Date(Date.parse(`${shanghaiDate(now)}T00:00:00+08:00`) + DAY_MS).toISOString();
}

/**
 * The bucket as sent: signed, good until `validUntil` (records/range-buckets.ts: the next Shanghai
 * midnight or the first instant one of its records turns) — the instant it would be built again.
 */
export async function signBucket(
  signer: Signer,
  bucket: RangeBucket,
  now: Date,
  validUntil: string,
): Promise<Signed<RangeBucket>> {
  return signData(signer, SIGNED_KINDS.rangeBucket, bucket, now.toISOString(), validUntil);
}

/** The prefix set is re-signed at most this often while its content stays the same. */
export const PREFIX_SIGN_EVERY_MS = 3600_000;
/** A signed prefix set is good this long (the extension refreshes hourly), and never past midnight. */
export const PREFIX_VALID_MS = 2 * 3600_000;

const signedSets = new WeakMap<
  Signer,
  { version: string; day: string; at: number; set: Signed<PrefixSet> }
>();

/**
 * The prefix set, signed: once per content version, Shanghai day and hour (a short validity, so a
 * relayed morning copy cannot hide an afternoon 黑名单 entry for long).
 */
export async function signedPrefixSet(signer: Signer, set: PrefixSet, now: Date): Promise<Signed<PrefixSet>> {
  const day = shanghaiDate(now);
  const hit = signedSets.get(signer);
  if (hit && hit.version === set.version && hit.day === day && now.getTime() - hit.at < PREFIX_SIGN_EVERY_MS)
    return hit.set;
  const midnight = nextShanghaiMidnight(now);
  const until = new Date(Math.min(now.getTime() + PREFIX_VALID_MS, Date.parse(midnight))).toISOString();
  const signed = await signData(signer, SIGNED_KINDS.prefixSet, set, now.toISOString(), until);
  signedSets.set(signer, { version: set.version, day, at: now.getTime(), set: signed });
  return signed;
}
