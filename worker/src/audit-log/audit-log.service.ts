/** Reading and verifying the audit log from the database, page by page (long logs never load whole). */
import type { Db } from "@xinbiao/db/client";
import type { KeySet, PublicJwk } from "@xinbiao/db/model";
import { auditCheckpoints, auditLog, signingKeys } from "@xinbiao/db/schema";
import { asc, eq, gt, lte } from "drizzle-orm";
import { type ChainVerdict, GENESIS_HASH, verifyChain } from "./audit-chain.ts";
import { type Checkpoint, checkSignature, latestCheckpoint, type SignatureState } from "./checkpoint.ts";

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

export type CheckpointProblem = {
  code:
    | "no_checkpoint"
    | "truncated"
    | "rewritten"
    | "history_mismatch"
    | "unsigned"
    | "unknown_key"
    | "bad_signature";
  treeSize: number;
  zh: string;
  en: string;
};

export interface FullVerdict {
  ok: boolean;
  chain: ChainVerdict;
  /** The checkpoint checked against (the latest stored one, or the one given). */
  checkpoint: Checkpoint | null;
  signature: SignatureState | null;
  /** Stored checkpoints compared with the rows they name. */
  historyChecked: number;
  problem?: CheckpointProblem;
  warning?: { zh: string; en: string };
}

/** Every key this database ever published (retired ones too: old checkpoints stay verifiable). */
export async function allPublicKeys(db: Db): Promise<KeySet> {
  const rows = await db.select().from(signingKeys).all();
  return { keys: rows.map((r) => JSON.parse(r.publicJwk) as PublicJwk) };
}

/**
 * The chain, then the checkpoint: `given` (a saved or fetched one) or else the latest stored one.
 * Catches what the chain alone cannot: cut-off last rows, an emptied log, an edited-and-recomputed
 * chain (checkpoint.ts). Every stored checkpoint is compared with its row as well.
 */
export async function verifyAuditLogWithCheckpoint(
  db: Db,
  opts: { given?: Checkpoint; extraKeys?: KeySet; onProgress?: (rows: number) => void } = {},
): Promise<FullVerdict> {
  const chain = await verifyAuditLog(db, opts.onProgress);
  const checkpoint = opts.given ?? (await latestCheckpoint(db));
  const base = { chain, checkpoint, signature: null, historyChecked: 0 } as const;
  if (!chain.ok) return { ...base, ok: false };
  if (!checkpoint) {
    if (chain.rows === 0) return { ...base, ok: true };
    return {
      ...base,
      ok: false,
      problem: {
        code: "no_checkpoint",
        treeSize: 0,
        zh: `审计日志有 ${chain.rows} 行，但没有任何签名检查点：检查点记录被删除，或数据库早于检查点功能且此后未写入`,
        en: `the log has ${chain.rows} rows but no signed checkpoint: the checkpoints were deleted, or the database predates them and nothing was written since`,
      },
    };
  }
  const keys: KeySet = { keys: [...(await allPublicKeys(db)).keys, ...(opts.extraKeys?.keys ?? [])] };
  const signature = await checkSignature(checkpoint, keys);
  const withSig = { ...base, signature };
  const at = checkpoint.at;
  if (checkpoint.treeSize > chain.lastSeq)
    return {
      ...withSig,
      ok: false,
      problem: {
        code: "truncated",
        treeSize: checkpoint.treeSize,
        zh: `检查点（${at}）记录了 ${checkpoint.treeSize} 行，日志现只有 ${chain.lastSeq} 行：${chain.lastSeq === 0 ? "全部行" : `第 ${chain.lastSeq + 1} 行起`}被删除`,
        en: `the checkpoint of ${at} covers ${checkpoint.treeSize} rows, the log now ends at row ${chain.lastSeq}: ${chain.lastSeq === 0 ? "every row was deleted" : `rows from ${chain.lastSeq + 1} on were deleted`}`,
      },
    };
  const row = await db
    .select({ hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.seq, checkpoint.treeSize))
    .get();
  const headNow = checkpoint.treeSize === 0 ? GENESIS_HASH : row?.hash;
  if (headNow !== checkpoint.headHash)
    return {
      ...withSig,
      ok: false,
      problem: {
        code: "rewritten",
        treeSize: checkpoint.treeSize,
        zh: `第 ${checkpoint.treeSize} 行的哈希与检查点（${at}）签名的不同：此前的行被改动后重新计算了哈希链`,
        en: `row ${checkpoint.treeSize} no longer has the hash signed in the checkpoint of ${at}: rows up to it were edited and the chain recomputed`,
      },
    };
  // A stored checkpoint written while the service had no signing key (a database filled by CLI
  // imports before any key existed) still proves the rows were not cut or recomputed against the
  // database's own history; only a copy handed to a third party needs the signature. So: a warning
  // here, a failure for a given (saved, fetched) checkpoint.
  const unsignedStored = signature === "unsigned" && !opts.given;
  if (signature !== "valid" && !unsignedStored)
    return {
      ...withSig,
      ok: false,
      problem: {
        code:
          signature === "unsigned"
            ? "unsigned"
            : signature === "unknown_key"
              ? "unknown_key"
              : "bad_signature",
        treeSize: checkpoint.treeSize,
        zh:
          signature === "unsigned"
            ? "检查点未签名（服务没有可用的签名密钥）"
            : signature === "unknown_key"
              ? `检查点的签名密钥 ${checkpoint.keyId} 不在已发布的密钥中`
              : "检查点的签名无效：检查点被改动过",
        en:
          signature === "unsigned"
            ? "the checkpoint is not signed (the service had no usable signing key)"
            : signature === "unknown_key"
              ? `the checkpoint's key ${checkpoint.keyId} is not among the published keys`
              : "the checkpoint's signature does not verify: the checkpoint was altered",
      },
    };
  // Stored history: every checkpoint must name a row that has its hash (one query).
  const history = await db
    .select({
      treeSize: auditCheckpoints.treeSize,
      headHash: auditCheckpoints.headHash,
      rowHash: auditLog.hash,
    })
    .from(auditCheckpoints)
    .leftJoin(auditLog, eq(auditLog.seq, auditCheckpoints.treeSize))
    .where(lte(auditCheckpoints.treeSize, chain.lastSeq))
    .orderBy(asc(auditCheckpoints.treeSize))
    .all();
  const bad = history.find((h) => h.rowHash !== h.headHash);
  if (bad)
    return {
      ...withSig,
      ok: false,
      historyChecked: history.length,
      problem: {
        code: "history_mismatch",
        treeSize: bad.treeSize,
        zh: `历史检查点（${bad.treeSize} 行）与第 ${bad.treeSize} 行的哈希不符：日志或检查点被改动过`,
        en: `the stored checkpoint at ${bad.treeSize} rows does not match row ${bad.treeSize}: the log or the checkpoints were altered`,
      },
    };
  return {
    ...withSig,
    ok: true,
    historyChecked: history.length,
    ...(unsignedStored
      ? {
          warning: {
            zh: "最新检查点未签名（写入时服务没有签名密钥）：日志与库内检查点一致，但无法向第三方证明",
            en: "the latest checkpoint is not signed (no signing key when it was written): the log matches the stored checkpoints, but this cannot be proved to a third party",
          },
        }
      : {}),
  };
}
