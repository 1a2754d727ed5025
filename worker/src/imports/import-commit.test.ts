/**
 * The embedded-file commit (import-commit.ts: multi-row INSERTs, synchronous audit hashes, one write
 * transaction) must write exactly what the shared WriteSet path (D1, remote libSQL) writes: the same
 * rows in every table, the same change feed and version bumps, and an audit chain that verifies.
 * Each import below runs into two fresh databases — one through each path — and the dumps are compared.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Db, openLibsql } from "@xinbiao/db/client";
import { migrateLibsql } from "@xinbiao/db/migrate";
import { generateDataset } from "@xinbiao/db/seed";
import { afterAll, expect, it } from "vitest";
import { verifyAuditLog } from "../audit-log/audit-log.service.ts";
import { dumpDatabase } from "./db-dump.ts";
import { type ImportOptions, runImport } from "./run-import.ts";

const dir = mkdtempSync(join(tmpdir(), "xinbiao-import-commit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const NOW = new Date("2026-11-22T04:00:00.000Z");

const cell = (v: string | null | undefined) =>
  v === null || v === undefined ? "" : /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
const csv = (rows: (string | null | undefined)[][]) =>
  new TextEncoder().encode(`${rows.map((r) => r.map(cell).join(",")).join("\n")}\n`);

async function fresh(name: string) {
  const h = openLibsql({ url: `file:${join(dir, name)}` });
  await h.client.execute("PRAGMA journal_mode = WAL");
  await migrateLibsql(h.db);
  return h;
}

/** Import ids carry a random tail; everything else must match to the byte. */
const normalise = (dump: string) => dump.replace(/imp-[0-9a-z]+-[0-9a-f]{8}-[0-9a-f]{6}/g, "imp-*");

it("writes the same rows, feed, versions and a verifying audit chain as the WriteSet path", {
  timeout: 120_000,
}, async () => {
  const ds = generateDataset({ merchants: 1200, listEntries: 300, now: NOW, seed: 5 });
  const STATUS = {
    active: "存续",
    abnormal: "经营异常",
    revoked: "吊销",
    cancelled: "注销",
    exempt: "免于登记",
  };
  const head = [
    "统一社会信用代码",
    "主体名称",
    "主体类型",
    "登记状态",
    "登记机关",
    "成立日期",
    "法定代表人",
    "住所",
  ];
  const registry = (rows: typeof ds.merchants) =>
    csv([
      head,
      ...rows.map((m) => [
        m.uscc,
        m.name,
        m.kind,
        STATUS[m.licenseStatus],
        m.authority,
        m.registeredAt,
        m.legalRepresentative,
        m.address,
      ]),
    ]);
  // A later registry extract: some names and statuses changed (updates, license changes, bumps).
  const later = ds.merchants.map((m, i) =>
    i % 7 === 0
      ? { ...m, name: `${m.name}（更名）` }
      : i % 11 === 0
        ? { ...m, licenseStatus: "revoked" as const }
        : m,
  );
  const names = new Map(ds.merchants.map((m) => [m.uscc, m.name]));
  const lists = csv([
    ["主体名称", "统一社会信用代码", "名单类型", "失信类别", "认定部门", "决定文书号", "列入日期"],
    ...ds.listEntries.map((e) => [
      names.get(e.uscc),
      e.uscc,
      e.list === "black" ? "黑名单" : e.list === "watch" ? "重点关注名单" : "红名单",
      e.category,
      e.authority,
      e.documentNo,
      e.listedAt,
    ]),
  ]);
  const steps: Pick<ImportOptions, "kind" | "bytes" | "publishedAt">[] = [
    { kind: "merchants", bytes: registry(ds.merchants) },
    { kind: "lists", bytes: lists, publishedAt: "2026-11-20" },
    { kind: "merchants", bytes: registry(later) },
    { kind: "lists", bytes: lists, publishedAt: "2026-11-20" },
  ];

  const fast = await fresh("fast.db");
  const shared = await fresh("shared.db");
  // The same drizzle handle without its libSQL client takes the shared (D1 / remote) path.
  const viaWriteSet = Object.assign(Object.create(shared.db), { $client: undefined }) as Db;
  const statuses: string[] = [];
  for (const [i, s] of steps.entries()) {
    const o = { ...s, fileName: `step-${i}.csv`, actor: "test:commit" };
    const a = await runImport(fast.db, o, NOW);
    const b = await runImport(viaWriteSet, o, NOW);
    expect({ ...a, importId: null }).toEqual({ ...b, importId: null });
    statuses.push(`${a.status}:${a.inserted}/${a.updated}/${a.unchanged}`);
  }
  expect(statuses[0]).toBe("applied:1200/0/0");
  expect(statuses[1]).toMatch(/^applied:\d+\/0\/0$/);
  expect(statuses[2]).toMatch(/^applied:0\/\d+\/\d+$/);
  expect(statuses[3]).toMatch(/^unchanged:/);

  const [da, db] = [
    await dumpDatabase(`file:${join(dir, "fast.db")}`),
    await dumpDatabase(`file:${join(dir, "shared.db")}`),
  ];
  expect(da).toContain("license.revoked");
  expect(normalise(da).replace(/"[0-9a-f]{64}"/g, "h")).toBe(normalise(db).replace(/"[0-9a-f]{64}"/g, "h"));
  for (const d of [fast.db, shared.db]) expect(await verifyAuditLog(d)).toMatchObject({ ok: true });
  const n = await fast.client.execute("SELECT count(*) FROM audit_log");
  expect(Number(n.rows[0]![0])).toBeGreaterThan(1200 + 300);
  fast.close();
  shared.close();
});
