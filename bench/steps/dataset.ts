/**
 * Step "dataset": the generator at the requested size (1M merchants ≈ 1.2M shops, 100k list entries)
 * written into a fresh temporary libSQL file through `loadDataset` (the path `npm start` and the demo
 * use). Both times come from this run. The file is then served by the HTTP and workerd steps.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { openLibsql } from "@xinbiao/db/client";
import { migrateLibsql } from "@xinbiao/db/migrate";
import { type Dataset, generateDataset, loadDataset } from "@xinbiao/db/seed";

export interface DatasetResult {
  merchants: number;
  shops: number;
  listEntries: number;
  permits: number;
  verifications: number;
  grades: number;
  commitments: number;
  generateMs: number;
  loadMs: number;
  /** ms spent per table inside loadDataset. */
  loadTableMs: Record<string, number>;
  dbFile: string;
  dbBytes: number;
  seed: number;
  now: string;
}

export async function buildDataset(
  outDir: string,
  merchants: number,
  listEntries: number,
  now: Date,
  log: (s: string) => void,
): Promise<{ result: DatasetResult; ds: Dataset }> {
  const seed = 20261122;
  const dbFile = join(outDir, `bench-${merchants}.db`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(dbFile + suffix, { force: true });

  let t = performance.now();
  const ds = generateDataset({ merchants, listEntries, now, seed });
  const generateMs = performance.now() - t;
  log(
    `generated ${ds.merchants.length} merchants, ${ds.shops.length} shops in ${(generateMs / 1000).toFixed(1)} s`,
  );

  const h = openLibsql({ url: `file:${dbFile}` });
  // A fresh file that is simply rebuilt if the run dies: no rollback journal and no fsync while it
  // is loaded (in WAL mode every page was written twice, to the WAL and again at the checkpoint);
  // WAL afterwards, as the servers expect.
  await h.client.execute("PRAGMA journal_mode = OFF");
  await h.client.execute("PRAGMA synchronous = OFF");
  await migrateLibsql(h.db);
  const loadTableMs: Record<string, number> = {};
  let last = performance.now();
  let lastTable = "";
  t = performance.now();
  await loadDataset(h.db, ds, (table, done, total) => {
    const at = performance.now();
    loadTableMs[table] = (loadTableMs[table] ?? 0) + (at - last);
    last = at;
    if (table !== lastTable || done === total) {
      lastTable = table;
      if (done === total) log(`  loaded ${table}: ${total} rows`);
    }
  });
  const loadMs = performance.now() - t;
  await h.client.execute("PRAGMA journal_mode = WAL");
  await h.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  await h.client.execute("ANALYZE");
  h.close();
  const { statSync } = await import("node:fs");
  log(`loaded in ${(loadMs / 1000).toFixed(1)} s`);
  return {
    ds,
    result: {
      merchants: ds.merchants.length,
      shops: ds.shops.length,
      listEntries: ds.listEntries.length,
      permits: ds.permits.length,
      verifications: ds.verifications.length,
      grades: ds.grades.length,
      commitments: ds.commitments.length,
      generateMs,
      loadMs,
      loadTableMs,
      dbFile,
      dbBytes: statSync(dbFile).size,
      seed,
      now: now.toISOString(),
    },
  };
}
