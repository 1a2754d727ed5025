/** Reading and verifying the audit log from the database, page by page (long logs never load whole). */
import type { Db } from "@xinbiao/db/client";
import { auditLog } from "@xinbiao/db/schema";
import { asc, gt } from "drizzle-orm";
import { type ChainVerdict, GENESIS_HASH, verifyChain } from "./audit-chain.ts";

const PAGE = 2000;

export async function verifyAuditLog(db: Db, onProgress?: (rows: number) => void): Promise<ChainVerdict> {
  let state = { seq: 0, hash: GENESIS_HASH, rows: 0 };
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, state.seq))
      .orderBy(asc(auditLog.seq))
      .limit(PAGE)
      .all();
    if (rows.length === 0) return { ok: true, rows: state.rows, lastSeq: state.seq, lastHash: state.hash };
    const v = await verifyChain(rows, state);
    onProgress?.(v.rows);
    if (!v.ok) return v;
    state = { seq: v.lastSeq, hash: v.lastHash, rows: v.rows };
  }
}

export async function readAuditLog(db: Db, after: number, limit: number) {
  return db
    .select()
    .from(auditLog)
    .where(gt(auditLog.seq, after))
    .orderBy(asc(auditLog.seq))
    .limit(limit)
    .all();
}
