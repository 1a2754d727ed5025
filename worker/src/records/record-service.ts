/**
 * Signed envelopes for records, cached per merchant version and Shanghai day (the day matters:
 * display periods and rectification deadlines turn over at midnight in China).
 */
import type { Db } from "@xinbiao/db/client";
import {
  type PublicRecord,
  type SignedEnvelope,
  type Signer,
  shanghaiDate,
  signedPayload,
} from "@xinbiao/db/model";
import { type BuiltRecord, buildRecords } from "./build-records.ts";

/** Envelopes are valid for a day; a cached signature is reused for an hour at most. */
const ENVELOPE_TTL_MS = 24 * 3600_000;
const RESIGN_AFTER_MS = 3600_000;
const CACHE_MAX = 10_000;

export class RecordService {
  private readonly cache = new Map<string, { envelope: SignedEnvelope; signedAt: number }>();

  constructor(
    private readonly db: Db,
    private readonly signer: Signer,
  ) {}

  async records(usccs: string[], baseUrl: string, now: Date): Promise<Map<string, BuiltRecord>> {
    return buildRecords(this.db, usccs, { baseUrl, now });
  }

  async envelope(uscc: string, baseUrl: string, now: Date): Promise<SignedEnvelope | null> {
    const built = (await this.records([uscc], baseUrl, now)).get(uscc);
    if (!built) return null;
    return this.sign(built, baseUrl, now);
  }

  async sign(built: BuiltRecord, baseUrl: string, now: Date): Promise<SignedEnvelope> {
    const key = `${built.record.uscc}|${built.version}|${shanghaiDate(now)}|${baseUrl}|${this.signer.keyId}`;
    const hit = this.cache.get(key);
    if (
      hit &&
      now.getTime() - hit.signedAt < RESIGN_AFTER_MS &&
      sameRecord(hit.envelope.record, built.record)
    ) {
      return hit.envelope;
    }
    const issuedAt = now.toISOString();
    const expiresAt = new Date(now.getTime() + ENVELOPE_TTL_MS).toISOString();
    const signature = await this.signer.sign(signedPayload({ record: built.record, issuedAt, expiresAt }));
    const envelope: SignedEnvelope = {
      record: built.record,
      signature,
      keyId: this.signer.keyId,
      issuedAt,
      expiresAt,
    };
    if (this.cache.size >= CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { envelope, signedAt: now.getTime() });
    return envelope;
  }
}

function sameRecord(a: PublicRecord, b: PublicRecord): boolean {
  // The version covers merchant-row changes; related rows (lists, grades, objections) may change
  // without it, so a cached signature is reused only for a byte-identical record.
  return JSON.stringify(a) === JSON.stringify(b);
}
