/**
 * The audit log (issue 5 item 5, issue 13 item 5): a real history of writes verifies; a tampered copy
 * fails and the verifier names the first broken row — through the function, the API and the CLI.
 * Every write batch leaves a signed checkpoint (published at /.well-known/…): cutting off the last
 * rows, deleting every row, and editing a row then recomputing the chain all verify as an intact
 * chain, and all three are caught against the checkpoint — the stored one, or a saved copy when the
 * stored checkpoints were rewritten too.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import { openLibsql } from "@xinbiao/db/client";
import { migrateLibsql } from "@xinbiao/db/migrate";
import { type KeySet, verifySignature } from "@xinbiao/db/model";
import { auditCheckpoints, auditLog } from "@xinbiao/db/schema";
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, keysForRoles } from "../auth/test-keys.ts";
import { runImport } from "../imports/run-import.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { auditRowHash } from "./audit-chain.ts";
import { verifyAuditLog, verifyAuditLogWithCheckpoint } from "./audit-log.service.ts";
import { treeHeadPayload } from "./checkpoint.ts";
import { commitWriteSet, WriteSet } from "./write-set.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
let t: TestApp;
let keys: Awaited<ReturnType<typeof keysForRoles>>;

beforeAll(async () => {
  t = await openTestApp();
  keys = await keysForRoles(t.db, TEST_NOW);
  for (const f of ["merchants-sample.csv", "lists-creditchina-sample.gb18030.csv"])
    await runImport(
      t.db,
      {
        kind: f.startsWith("m") ? "merchants" : "lists",
        bytes: new Uint8Array(readFileSync(join(ROOT, "db/fixtures", f))),
        fileName: f,
        actor: "test",
      },
      TEST_NOW,
    );
  // Flush the WAL so a file copy carries everything.
  await createClient({ url: t.url }).execute("PRAGMA wal_checkpoint(TRUNCATE)");
});
afterAll(() => t.cleanup());

function createDbAt(path: string) {
  return openLibsql({ url: `file:${path}` }).db;
}

async function tamperedCopy(name: string, sql: string): Promise<string> {
  const path = join(t.dir, name);
  copyFileSync(t.url.slice(5), path);
  const c = createClient({ url: `file:${path}` });
  await c.execute(sql);
  c.close();
  return path;
}

const cli = (db: string, ...extra: string[]) => {
  try {
    return {
      code: 0,
      out: execFileSync(
        process.execPath,
        ["--import", "tsx", "worker/src/cli/audit-log-verify.cli.ts", "--db", db, ...extra],
        { cwd: ROOT, encoding: "utf8", stdio: "pipe" },
      ),
    };
  } catch (e) {
    const err = e as { status: number; stderr: string };
    return { code: err.status, out: err.stderr };
  }
};

describe("audit log", () => {
  it("records every write with actor, action, entity, before/after, chained by SHA-256", async () => {
    const rows = await t.db.select().from(auditLog).orderBy(asc(auditLog.seq)).all();
    expect(rows.length).toBeGreaterThan(20);
    expect(rows[0]!.prevHash).toBe("0".repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    expect(new Set(rows.map((r) => r.action))).toEqual(
      new Set([
        "api_key.create",
        "api_key.revoke",
        "source.create",
        "merchant.import",
        "import.apply",
        "list_entry.import",
      ]),
    );
    expect(await verifyAuditLog(t.db)).toMatchObject({ ok: true, rows: rows.length });
    const api = await t.app.request("/api/v1/audit/log/verify", bearer(keys.auditor));
    expect(api.status).toBe(200);
  });

  it("the CLI passes on the real history", () => {
    const r = cli(t.url);
    expect(r.code).toBe(0);
    expect(r.out).toContain("审计日志完整 / audit log intact");
  });

  it.each([
    [
      "an altered row",
      `UPDATE audit_log SET after = replace(after, '"list":"black"', '"list":"red"') WHERE seq = (SELECT min(seq) FROM audit_log WHERE action = 'list_entry.import')`,
      "hash",
    ],
    ["a deleted row", "DELETE FROM audit_log WHERE seq = 5", "gap"],
    [
      "a rehashed row (its successor still points at the old hash)",
      "UPDATE audit_log SET actor = 'someone-else', hash = '" + "ab".repeat(32) + "' WHERE seq = 7",
      "hash",
    ],
  ])("the CLI fails on a copy with %s and names the first broken row", async (_name, sql, code) => {
    const path = await tamperedCopy(`tampered-${code}-${Math.random().toString(36).slice(2)}.db`, sql);
    const c = createClient({ url: `file:${path}` });
    const target = sql.includes("seq = 5")
      ? 5
      : sql.includes("seq = 7")
        ? 7
        : Number(
            (await c.execute("SELECT min(seq) AS s FROM audit_log WHERE action = 'list_entry.import'"))
              .rows[0]!.s,
          );
    c.close();
    const r = cli(`file:${path}`);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`audit log BROKEN at row ${code === "gap" ? 6 : target}`);
    expect(r.out).toContain(code === "gap" ? "第 5 行缺失" : `第 ${target} 行内容与其哈希不符`);
  });
});

/** Recompute every row's hash from `fromSeq` on, as an attacker who edited a row would. */
async function recomputeChain(path: string, fromSeq: number) {
  const c = createClient({ url: `file:${path}` });
  const rows = (await c.execute("SELECT * FROM audit_log ORDER BY seq")).rows;
  let prev = fromSeq > 1 ? String(rows.find((r) => Number(r.seq) === fromSeq - 1)!.hash) : "0".repeat(64);
  for (const r of rows) {
    if (Number(r.seq) < fromSeq) continue;
    const base = {
      seq: Number(r.seq),
      at: String(r.at),
      actor: String(r.actor),
      action: String(r.action),
      entity: String(r.entity),
      entityId: String(r.entity_id),
      before: r.before === null ? null : String(r.before),
      after: r.after === null ? null : String(r.after),
      prevHash: prev,
    };
    const hash = await auditRowHash(base);
    await c.execute({
      sql: "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?",
      args: [prev, hash, base.seq],
    });
    prev = hash;
  }
  c.close();
}

describe("signed checkpoints", () => {
  let saved = "";

  it("every write batch leaves a signed checkpoint; the latest is public and verifies with the published keys", async () => {
    const cps = await t.db.select().from(auditCheckpoints).all();
    const rows = await t.db.select().from(auditLog).orderBy(asc(auditLog.seq)).all();
    expect(cps.length).toBeGreaterThan(3); // keys, then each import: one per batch
    for (const cp of cps) expect(rows.find((r) => r.seq === cp.treeSize)?.hash).toBe(cp.headHash);
    const res = await t.app.request("/.well-known/xinbiao-audit-checkpoint.json");
    expect(res.status).toBe(200);
    const pub = await res.json<Record<string, unknown>>();
    expect(pub).toMatchObject({
      log: "xinbiao-audit-log/v1",
      treeSize: rows.length,
      headHash: rows.at(-1)!.hash,
    });
    const keys = await (await t.app.request("/.well-known/xinbiao-keys.json")).json<KeySet>();
    const payload = treeHeadPayload({
      treeSize: pub.treeSize as number,
      headHash: pub.headHash as string,
      at: pub.timestamp as string,
    });
    expect(await verifySignature(payload, pub.signature as string, pub.keyId as string, keys)).toBe(true);
    expect(
      await verifySignature({ ...payload, treeSize: 1 }, pub.signature as string, pub.keyId as string, keys),
    ).toBe(false);
    const first = await t.app.request(
      `/.well-known/xinbiao-audit-checkpoint.json?treeSize=${cps[0]!.treeSize}`,
    );
    expect((await first.json<Record<string, unknown>>()).headHash).toBe(cps[0]!.headHash);
    expect(await verifyAuditLogWithCheckpoint(t.db)).toMatchObject({ ok: true, signature: "valid" });
    saved = join(t.dir, "saved-checkpoint.json");
    writeFileSync(saved, JSON.stringify(pub));
  });

  it("the honest log passes against the stored and the saved checkpoint", () => {
    const r = cli(t.url);
    expect(r.code).toBe(0);
    expect(r.out).toContain("matches the signed checkpoint");
    const g = cli(t.url, "--checkpoint", saved);
    expect(g.code, g.out).toBe(0);
    expect(g.out).toContain("given");
  });

  it("cutting off the last rows is caught", async () => {
    const path = await tamperedCopy(
      "cut.db",
      "DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 3 FROM audit_log)",
    );
    expect((await verifyAuditLog(createDbAt(path))).ok).toBe(true); // the chain alone cannot tell
    const r = cli(`file:${path}`);
    expect(r.code).toBe(1);
    expect(r.out).toContain("(truncated)");
    expect(r.out).toMatch(/rows from \d+ on were deleted/);
  });

  it("deleting every row is caught", async () => {
    const path = await tamperedCopy("emptied.db", "DELETE FROM audit_log");
    const r = cli(`file:${path}`);
    expect(r.code).toBe(1);
    expect(r.out).toContain("every row was deleted");
  });

  it("editing a row and recomputing the chain is caught", async () => {
    const path = await tamperedCopy(
      "recomputed.db",
      `UPDATE audit_log SET after = replace(after, '"list":"black"', '"list":"red"') WHERE seq = (SELECT min(seq) FROM audit_log WHERE action = 'list_entry.import')`,
    );
    const c = createClient({ url: `file:${path}` });
    const seq = Number(
      (await c.execute("SELECT min(seq) AS s FROM audit_log WHERE action = 'list_entry.import'")).rows[0]!.s,
    );
    c.close();
    await recomputeChain(path, seq);
    expect((await verifyAuditLog(createDbAt(path))).ok).toBe(true); // a consistent chain again
    const r = cli(`file:${path}`);
    expect(r.code).toBe(1);
    expect(r.out).toContain("(rewritten)");
  });

  it("rewriting the stored checkpoints too is caught by a saved copy; deleting them is caught alone", async () => {
    // The attacker recomputes the chain and replaces the stored checkpoints by one over the new head
    // (even re-signed, it does not match the head a third party saved earlier).
    const path = await tamperedCopy(
      "rewritten-all.db",
      `UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3`,
    );
    await recomputeChain(path, 3);
    const c = createClient({ url: `file:${path}` });
    await c.execute("DELETE FROM audit_checkpoints");
    c.close();
    const alone = cli(`file:${path}`);
    expect(alone.code).toBe(1);
    expect(alone.out).toContain("(no_checkpoint)");
    const r = cli(`file:${path}`, "--checkpoint", saved);
    expect(r.code).toBe(1);
    expect(r.out).toContain("(rewritten)");
  });

  it("without any signing key the checkpoints are unsigned: a warning, still catching truncation", async () => {
    const path = join(t.dir, "keyless.db");
    const h = openLibsql({ url: `file:${path}` });
    await migrateLibsql(h.db);
    for (let i = 0; i < 3; i++) {
      const ws = new WriteSet("test:keyless");
      ws.log({ action: "test.write", entity: "test", entityId: String(i), after: { i } });
      await commitWriteSet(h.db, ws, TEST_NOW);
    }
    const v = await verifyAuditLogWithCheckpoint(h.db);
    expect(v).toMatchObject({
      ok: true,
      signature: "unsigned",
      warning: { en: expect.stringContaining("not signed") },
    });
    await h.client.execute("DELETE FROM audit_log WHERE seq = 3");
    expect(await verifyAuditLogWithCheckpoint(h.db)).toMatchObject({
      ok: false,
      problem: { code: "truncated" },
    });
    h.close();
  });
});
