/**
 * The audit log (issue 5 item 5): a real history of writes verifies; a tampered copy fails and the
 * verifier names the first broken row — through the function, the API and the CLI.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import { auditLog } from "@xinbiao/db/schema";
import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, keysForRoles } from "../auth/test-keys.ts";
import { runImport } from "../imports/run-import.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { verifyAuditLog } from "./audit-log.service.ts";

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

async function tamperedCopy(name: string, sql: string): Promise<string> {
  const path = join(t.dir, name);
  copyFileSync(t.url.slice(5), path);
  const c = createClient({ url: `file:${path}` });
  await c.execute(sql);
  c.close();
  return path;
}

const cli = (db: string) => {
  try {
    return {
      code: 0,
      out: execFileSync(
        process.execPath,
        ["--import", "tsx", "worker/src/cli/audit-log-verify.cli.ts", "--db", db],
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
