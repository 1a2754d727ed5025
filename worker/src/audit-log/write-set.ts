/**
 * Every write of the data-operations side goes through a WriteSet: the data statements, the change
 * feed rows (DESIGN §1 partner feed), the merchant version bumps (record caches key on them) and the
 * audit rows are committed in ONE `db.batch` — a transaction on libSQL and D1 — so an import, a key
 * revocation or a regulator decision lands completely or not at all, and never without its audit row.
 */
import type { Db } from "@xinbiao/db/client";
import { auditLog, changes, merchants } from "@xinbiao/db/schema";
import { desc, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { type AuditRow, auditJson, auditRowHash, GENESIS_HASH } from "./audit-chain.ts";
import { checkpointInsert, makeCheckpoint } from "./checkpoint.ts";

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface ChangeEntry {
  uscc: string;
  kind: "list" | "grade" | "license";
  action: string;
  detail: Record<string, unknown>;
}

/** D1 binds at most 100 parameters per statement. */
const IN_CHUNK = 90;
const AUDIT_ROWS_PER_INSERT = 9; // 10 columns × 9 rows = 90 parameters

export class WriteSet {
  readonly statements: BatchItem<"sqlite">[] = [];
  readonly audit: AuditEntry[] = [];
  readonly changes: ChangeEntry[] = [];
  /** Merchants whose record changed: version + 1, updatedAt = now. */
  readonly touched = new Set<string>();

  constructor(readonly actor: string) {}

  add(...stmts: BatchItem<"sqlite">[]): this {
    this.statements.push(...stmts);
    return this;
  }
  log(entry: AuditEntry): this {
    this.audit.push(entry);
    return this;
  }
  change(entry: ChangeEntry): this {
    this.changes.push(entry);
    this.touched.add(entry.uscc);
    return this;
  }
  touch(uscc: string): this {
    this.touched.add(uscc);
    return this;
  }
  get empty(): boolean {
    return this.statements.length === 0 && this.audit.length === 0 && this.changes.length === 0;
  }
}

export interface CommitResult {
  auditSeqs: [number, number] | null;
  statements: number;
}

// Audit appends from one process are serialised here; a second process racing us is caught by the
// primary key on audit_log.seq (our explicit seq collides, the whole batch rolls back, we retry).
const queues = new WeakMap<Db, Promise<unknown>>();

function serialised<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const prev = queues.get(db) ?? Promise.resolve();
  const next = prev.then(fn, fn);
  queues.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}

function isSeqConflict(err: unknown): boolean {
  const text =
    String((err as { message?: string })?.message ?? err) + String((err as { cause?: unknown })?.cause ?? "");
  return (
    /UNIQUE constraint failed: (audit_log\.seq|audit_checkpoints\.tree_size)|PRIMARY KEY/i.test(text) &&
    /audit_log|audit_checkpoints/.test(text)
  );
}

export async function commitWriteSet(db: Db, ws: WriteSet, now: Date): Promise<CommitResult> {
  if (ws.empty) return { auditSeqs: null, statements: 0 };
  const at = now.toISOString();
  return serialised(db, async () => {
    for (let attempt = 0; ; attempt++) {
      const last = await db
        .select({ seq: auditLog.seq, hash: auditLog.hash })
        .from(auditLog)
        .orderBy(desc(auditLog.seq))
        .limit(1)
        .get();
      let prevSeq = last?.seq ?? 0;
      let prevHash = last?.hash ?? GENESIS_HASH;
      const firstSeq = prevSeq + 1;
      const rows: AuditRow[] = [];
      for (const e of ws.audit) {
        const base = {
          seq: prevSeq + 1,
          at,
          actor: ws.actor,
          action: e.action,
          entity: e.entity,
          entityId: e.entityId,
          before: auditJson(e.before),
          after: auditJson(e.after),
          prevHash,
        };
        const hash = await auditRowHash(base);
        rows.push({ ...base, hash });
        prevSeq = base.seq;
        prevHash = hash;
      }
      const stmts: BatchItem<"sqlite">[] = [...ws.statements];
      for (const c of ws.changes) {
        stmts.push(
          db.insert(changes).values({ at, uscc: c.uscc, kind: c.kind, action: c.action, detail: c.detail }),
        );
      }
      const touched = [...ws.touched];
      for (let i = 0; i < touched.length; i += IN_CHUNK) {
        stmts.push(
          db
            .update(merchants)
            .set({ version: sql`${merchants.version} + 1`, updatedAt: at })
            .where(inArray(merchants.uscc, touched.slice(i, i + IN_CHUNK))),
        );
      }
      for (let i = 0; i < rows.length; i += AUDIT_ROWS_PER_INSERT) {
        stmts.push(db.insert(auditLog).values(rows.slice(i, i + AUDIT_ROWS_PER_INSERT)));
      }
      // The signed tree head of the log as this batch leaves it, in the same transaction
      // (checkpoint.ts): truncation and rewrites become detectable.
      if (rows.length)
        stmts.push(
          checkpointInsert(db, await makeCheckpoint(db, { treeSize: prevSeq, headHash: prevHash }, at)),
        );
      try {
        await db.batch(stmts as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
        return { auditSeqs: rows.length ? [firstSeq, prevSeq] : null, statements: stmts.length };
      } catch (err) {
        if (attempt < 5 && isSeqConflict(err)) continue;
        throw err;
      }
    }
  });
}
