/**
 * The tamper-evident audit log (issue 5 item 5): every write is appended with actor, action, entity,
 * before, after and time; each row carries the SHA-256 of the previous row, so changing, deleting or
 * re-ordering any row breaks the chain from that row on. Pure: used by the writer and the verifier.
 */
import { canonicalJson, sha256Hex } from "@xinbiao/db/model";

/** The `prevHash` of the first row. */
export const GENESIS_HASH = "0".repeat(64);

export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  /** Canonical JSON (RFC 8785) of the entity before the write, or null. */
  before: string | null;
  after: string | null;
  prevHash: string;
  hash: string;
}

/** The bytes a row's hash covers: every column but `hash`, as canonical JSON. */
export function auditRowPayload(row: Omit<AuditRow, "hash">): string {
  return canonicalJson({
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entity: row.entity,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    prevHash: row.prevHash,
  });
}

export async function auditRowHash(row: Omit<AuditRow, "hash">): Promise<string> {
  return sha256Hex(auditRowPayload(row));
}

/** JSON for the before/after columns: canonical so the same state always hashes the same. */
export function auditJson(value: unknown): string | null {
  return value === undefined || value === null ? null : canonicalJson(value);
}

export type ChainProblem =
  | { seq: number; code: "gap"; expectedSeq: number; zh: string; en: string }
  | { seq: number; code: "prev_hash"; expected: string; got: string; zh: string; en: string }
  | { seq: number; code: "hash"; expected: string; got: string; zh: string; en: string };

export interface ChainVerdict {
  ok: boolean;
  rows: number;
  lastSeq: number;
  lastHash: string;
  /** The first broken row; rows after it are not trusted either. */
  problem?: ChainProblem;
}

/**
 * Check rows in `seq` order. `start` continues a verification from an earlier page (seq and hash of
 * the last row already checked), so long logs can be verified in pages.
 */
export async function verifyChain(
  rows: Iterable<AuditRow>,
  start: { seq: number; hash: string; rows?: number } = { seq: 0, hash: GENESIS_HASH },
): Promise<ChainVerdict> {
  let prevSeq = start.seq;
  let prevHash = start.hash;
  let n = start.rows ?? 0;
  for (const row of rows) {
    if (row.seq !== prevSeq + 1) {
      return fail(n, prevSeq, prevHash, {
        seq: row.seq,
        code: "gap",
        expectedSeq: prevSeq + 1,
        zh: `第 ${prevSeq + 1} 行缺失（下一行是第 ${row.seq} 行）：审计日志有行被删除`,
        en: `row ${prevSeq + 1} is missing (next row is ${row.seq}): a row was deleted`,
      });
    }
    if (row.prevHash !== prevHash) {
      return fail(n, prevSeq, prevHash, {
        seq: row.seq,
        code: "prev_hash",
        expected: prevHash,
        got: row.prevHash,
        zh: `第 ${row.seq} 行的前序哈希与第 ${prevSeq} 行不符：链在此处断开`,
        en: `row ${row.seq}: prevHash does not match row ${prevSeq}; the chain breaks here`,
      });
    }
    const expected = await auditRowHash(row);
    if (expected !== row.hash) {
      return fail(n, prevSeq, prevHash, {
        seq: row.seq,
        code: "hash",
        expected,
        got: row.hash,
        zh: `第 ${row.seq} 行内容与其哈希不符：该行被改动过`,
        en: `row ${row.seq}: content does not match its hash; the row was altered`,
      });
    }
    prevSeq = row.seq;
    prevHash = row.hash;
    n++;
  }
  return { ok: true, rows: n, lastSeq: prevSeq, lastHash: prevHash };
}

function fail(rows: number, lastSeq: number, lastHash: string, problem: ChainProblem): ChainVerdict {
  return { ok: false, rows, lastSeq, lastHash, problem };
}
