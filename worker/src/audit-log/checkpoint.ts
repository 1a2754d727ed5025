/**
 * Signed checkpoints of the audit log (issue 13 item 5), shaped after Certificate Transparency's
 * signed tree head (RFC 6962 §3.5: tree size, root hash, timestamp, signature). Our log is a hash
 * chain, not a Merkle tree, so the "root" is the hash of the last row: it commits to every row before
 * it. A chain alone verifies after the last rows are cut off, after every row is deleted, or after a
 * row is edited and the chain recomputed from there; a checkpoint does not:
 *  - cut rows:     the checkpoint's treeSize is beyond the last row;
 *  - all deleted:  treeSize > 0 and no rows;
 *  - recomputed:   the row at seq = treeSize no longer has the signed hash.
 * One checkpoint is written in the same transaction as every batch of audit rows (write-set.ts, the
 * import writer) and kept as history (audit_checkpoints); the latest is public at
 * GET /.well-known/xinbiao-audit-checkpoint.json. Anyone who saved a published checkpoint can later
 * check the log against it (`npm run audit-log:verify -- --checkpoint <file|url>`) even if whoever
 * holds the database also rewrote the stored checkpoints — the signature (Ed25519, the service key
 * published at /.well-known/xinbiao-keys.json) shows the saved copy came from the service.
 */
import type { Db } from "@xinbiao/db/client";
import { createSigner, type KeySet, type PrivateJwk, type Signer, verifySignature } from "@xinbiao/db/model";
import { auditCheckpoints, signingKeys } from "@xinbiao/db/schema";
import { asc, desc, isNull } from "drizzle-orm";

export const CHECKPOINT_LOG = "xinbiao-audit-log/v1";

export interface Checkpoint {
  treeSize: number;
  headHash: string;
  at: string;
  keyId: string | null;
  signature: string | null;
}

/** The public document: what is signed plus the signature. */
export interface PublishedCheckpoint {
  log: string;
  treeSize: number;
  headHash: string;
  timestamp: string;
  keyId: string | null;
  signature: string | null;
}

/** Exactly the bytes the signature covers (canonical JSON, RFC 8785, by the signer). */
export function treeHeadPayload(c: { treeSize: number; headHash: string; at: string }) {
  return { log: CHECKPOINT_LOG, treeSize: c.treeSize, headHash: c.headHash, timestamp: c.at };
}

export function publish(c: Checkpoint): PublishedCheckpoint {
  return {
    log: CHECKPOINT_LOG,
    treeSize: c.treeSize,
    headHash: c.headHash,
    timestamp: c.at,
    keyId: c.keyId,
    signature: c.signature,
  };
}

export function fromPublished(p: PublishedCheckpoint): Checkpoint {
  return {
    treeSize: p.treeSize,
    headHash: p.headHash,
    at: p.timestamp,
    keyId: p.keyId,
    signature: p.signature,
  };
}

// The signer a database's checkpoints are signed with. createApp registers the app's signer (on
// Workers the key is a secret, not in the database); the CLIs and jobs that open the database
// without an app fall back to the key stored in it (the embedded default keeps it there).
const registered = new WeakMap<Db, Signer>();
const stored = new WeakMap<Db, Promise<Signer | null>>();

export function useCheckpointSigner(db: Db, signer: Signer): void {
  registered.set(db, signer);
}

async function storedSigner(db: Db): Promise<Signer | null> {
  const rows = await db
    .select()
    .from(signingKeys)
    .where(isNull(signingKeys.retiredAt))
    .orderBy(asc(signingKeys.createdAt))
    .all();
  const k = rows.filter((r) => r.privateJwk).at(-1);
  return k?.privateJwk ? createSigner(JSON.parse(k.privateJwk) as PrivateJwk) : null;
}

export async function checkpointSigner(db: Db): Promise<Signer | null> {
  const r = registered.get(db);
  if (r) return r;
  let p = stored.get(db);
  if (!p) {
    p = storedSigner(db).catch(() => null);
    stored.set(db, p);
  }
  const s = await p;
  // A key created after the first look (first start) is picked up next time.
  if (!s) stored.delete(db);
  return s;
}

/**
 * The checkpoint for a log whose last row is (treeSize, headHash). Unsigned only when this process
 * has no usable key (a database filled by CLI imports before any key exists, or a deployment
 * refusing to sign: node/embedded.ts missing_signing_key); the verifier warns about an unsigned
 * stored checkpoint and refuses an unsigned given one, so that state cannot pass unnoticed.
 */
export async function makeCheckpoint(
  db: Db,
  head: { treeSize: number; headHash: string },
  at: string,
): Promise<Checkpoint> {
  const signer = await checkpointSigner(db);
  let keyId: string | null = null;
  let signature: string | null = null;
  if (signer) {
    try {
      signature = await signer.sign(treeHeadPayload({ ...head, at }));
      keyId = signer.keyId;
    } catch {
      // A refusing signer: the write still lands, with an unsigned checkpoint (see above).
    }
  }
  return { ...head, at, keyId, signature };
}

export function checkpointInsert(db: Db, c: Checkpoint) {
  return db.insert(auditCheckpoints).values(c);
}

export async function latestCheckpoint(db: Db): Promise<Checkpoint | null> {
  return (
    (await db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.treeSize)).limit(1).get()) ?? null
  );
}

export type SignatureState = "valid" | "unsigned" | "unknown_key" | "bad";

export async function checkSignature(c: Checkpoint, keys: KeySet): Promise<SignatureState> {
  if (!c.signature || !c.keyId) return "unsigned";
  if (!keys.keys.some((k) => k.kid === c.keyId)) return "unknown_key";
  return (await verifySignature(treeHeadPayload(c), c.signature, c.keyId, keys)) ? "valid" : "bad";
}
