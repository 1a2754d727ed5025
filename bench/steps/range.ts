/** Step "range": bucket sizes over all shops (k-anonymity buckets of DESIGN §6), straight from SQL. */
import { openLibsql } from "@xinbiao/db/client";

export interface RangeResult {
  shops: number;
  buckets: number;
  mean: number;
  max: number;
  min: number;
  queryPlan: string[];
}

export async function measureRange(dbFile: string): Promise<RangeResult> {
  const h = openLibsql({ url: `file:${dbFile}` });
  try {
    const rs = await h.client.execute("SELECT count(*) AS n FROM shops GROUP BY prefix");
    const sizes = rs.rows.map((r) => Number(r.n));
    const plan = await h.client.execute(
      "EXPLAIN QUERY PLAN SELECT hash, uscc FROM shops WHERE prefix = 'abcd' ORDER BY hash",
    );
    return {
      shops: sizes.reduce((a, b) => a + b, 0),
      buckets: sizes.length,
      mean: sizes.reduce((a, b) => a + b, 0) / sizes.length,
      max: Math.max(...sizes),
      min: Math.min(...sizes),
      queryPlan: plan.rows.map((r) => String(r.detail)),
    };
  } finally {
    h.close();
  }
}

/** Query plans of the record builder's per-table lookups (the hot path of every endpoint). */
export async function recordQueryPlans(dbFile: string): Promise<Record<string, string[]>> {
  const h = openLibsql({ url: `file:${dbFile}` });
  const out: Record<string, string[]> = {};
  try {
    for (const t of ["merchants", "permits", "verifications", "list_entries", "grades", "commitments"]) {
      const rs = await h.client.execute(
        `EXPLAIN QUERY PLAN SELECT * FROM "${t}" WHERE uscc IN ('91320214745555318W')`,
      );
      out[t] = rs.rows.map((r) => String(r.detail));
    }
  } finally {
    h.close();
  }
  return out;
}
