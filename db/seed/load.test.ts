import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Db, openLibsql } from "../client.ts";
import { migrateLibsql } from "../migrate.ts";
import { merchants } from "../schema/index.ts";
import { generateDataset } from "./generate.ts";
import { insertRowsLibsql, loadDataset } from "./load.ts";

const dir = mkdtempSync(join(tmpdir(), "xinbiao-load-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const now = new Date("2026-11-22T04:00:00Z");
const TABLES = [
  "sources",
  "partners",
  "merchants",
  "permits",
  "verifications",
  "shops",
  "list_entries",
  "grades",
  "commitments",
  "meta",
];

async function fresh(name: string) {
  const h = openLibsql({ url: `file:${join(dir, name)}` });
  await migrateLibsql(h.db);
  return h;
}

async function dump(h: Awaited<ReturnType<typeof fresh>>): Promise<string> {
  const out: unknown[] = [];
  for (const t of TABLES) {
    // created_at/updated_at defaults are wall-clock: compare everything else.
    const rs = await h.client.execute(`SELECT * FROM "${t}" ORDER BY rowid`);
    out.push(
      t,
      rs.columns,
      rs.rows.map((r) =>
        rs.columns.map((c, i) =>
          c === "created_at" || c === "updated_at" ? (t === "merchants" ? r[i] : "-") : r[i],
        ),
      ),
    );
  }
  return JSON.stringify(out, (_k, v) => (typeof v === "bigint" ? Number(v) : v));
}

describe("loadDataset", () => {
  const ds = generateDataset({ merchants: 1500, now });

  it("writes the same rows through the libSQL fast path as through drizzle inserts", {
    timeout: 60_000,
  }, async () => {
    const a = await fresh("fast.db");
    await loadDataset(a.db, ds);
    const b = await fresh("drizzle.db");
    // The same drizzle handle without its libSQL client takes the portable (D1) path.
    const viaDrizzle = Object.assign(Object.create(b.db), { $client: undefined }) as Db;
    await loadDataset(viaDrizzle, ds);
    const [da, db] = [await dump(a), await dump(b)];
    expect(da.length).toBeGreaterThan(100_000);
    expect(da).toBe(db);
    // The page cache grown for the load is given back.
    expect(Number((await a.client.execute("PRAGMA cache_size")).rows[0]![0])).toBe(-2000);
    a.close();
    b.close();
  });

  it("rebuilds deferred indexes after a big load: same rows, same schema, same query plans", {
    timeout: 60_000,
  }, async () => {
    const schemaOf = async (h: Awaited<ReturnType<typeof fresh>>) =>
      JSON.stringify(
        (await h.client.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")).rows,
      );
    const a = await fresh("deferred.db");
    const plain = await schemaOf(a);
    expect(plain).toContain("merchants_name_idx");
    await loadDataset(a.db, ds, undefined, { deferIndexesFrom: 0 });
    const b = await fresh("inline.db");
    await loadDataset(b.db, ds, undefined, { deferIndexesFrom: Number.POSITIVE_INFINITY });
    expect(await schemaOf(a)).toBe(plain);
    expect(await dump(a)).toBe(await dump(b));
    const plan = await a.client.execute("EXPLAIN QUERY PLAN SELECT hash FROM shops WHERE prefix = 'abcd'");
    expect(JSON.stringify(plan.rows)).toContain("shops_prefix_idx");
    a.close();
    b.close();
  });

  it("rejects a row lacking a column, naming table, row and column, and writes nothing of it", async () => {
    const h = await fresh("bad.db");
    await loadDataset(h.db, generateDataset({ merchants: 20, now }));
    const before = (await h.db.select().from(merchants)).length;
    const rows = generateDataset({ merchants: 40, now, seed: 9 }).merchants.slice(20);
    const broken = rows.map((r, i) => (i === 7 ? { ...r, name: undefined } : r));
    await expect(insertRowsLibsql(h.client, merchants, broken)).rejects.toThrow(
      "merchants 第 8 行缺少字段 name / merchants row 8 lacks column name",
    );
    expect((await h.db.select().from(merchants)).length).toBe(before);
    h.close();
  });
});
