/** Registry look-ups shared by the import kinds: which codes exist, under which name, as pilot codes. */
import type { Db } from "@xinbiao/db/client";
import { validateUscc } from "@xinbiao/db/model";
import { merchants } from "@xinbiao/db/schema";
import type { PlanCtx, RowCtx } from "./import-kind.ts";
import { inChunks, inKeys } from "./sql-chunks.ts";

export async function loadMerchants(db: Db, usccs: string[]) {
  const rows = await inChunks([...new Set(usccs)], (c) =>
    db.select().from(merchants).where(inKeys(merchants.uscc, c)),
  );
  return new Map(rows.map((m) => [m.uscc, m]));
}

/** Parse the 统一社会信用代码 cell. A code failing only a check character may be a registered pilot code. */
export function usccCell(ctx: RowCtx, field = "uscc"): { uscc: string; checkFailed: boolean } | null {
  const raw = ctx.get(field);
  const r = validateUscc(raw);
  if (r.ok) return { uscc: r.uscc, checkFailed: false };
  if (r.problem.code === "check_digit" || r.problem.code === "org_check")
    return { uscc: r.uscc, checkFailed: true };
  ctx.error(field, `uscc_${r.problem.code}`, r.problem.zh, r.problem.en);
  return null;
}

/**
 * Rows of kinds other than `merchants` must name a merchant in the registry (import the registry
 * first). Returns the registry rows by code; reports the rows that fail.
 */
export async function requireMerchants<
  V extends { uscc: string; checkFailed: boolean; name?: string | undefined },
>(ctx: PlanCtx<V>): Promise<Map<string, typeof merchants.$inferSelect>> {
  const known = await loadMerchants(
    ctx.db,
    ctx.rows.map((r) => r.value.uscc),
  );
  for (const r of ctx.rows) {
    const m = known.get(r.value.uscc);
    if (r.value.checkFailed && !m?.pilotCode) {
      const p = validateUscc(r.value.uscc);
      if (!p.ok) ctx.error(r.line, "uscc", `uscc_${p.problem.code}`, p.problem.zh, p.problem.en);
      continue;
    }
    if (!m) {
      ctx.error(
        r.line,
        "uscc",
        "unknown_merchant",
        `统一社会信用代码 ${r.value.uscc} 不在主体库中，请先导入主体（merchants）`,
        `${r.value.uscc} is not in the registry; import it first (merchants)`,
      );
      continue;
    }
    if (r.value.name && r.value.name !== m.name) {
      ctx.warn(
        r.line,
        "name",
        "name_mismatch",
        `主体名称「${r.value.name}」与主体库中的「${m.name}」不一致（以主体库为准）`,
        `name ${JSON.stringify(r.value.name)} differs from the registry's ${JSON.stringify(m.name)} (the registry wins)`,
      );
    }
  }
  return known;
}

/** Field-by-field equality of the columns a kind writes (JSON for arrays). */
export function sameFields<T extends Record<string, unknown>>(
  a: T,
  b: Partial<T>,
  fields: (keyof T)[],
): boolean {
  return fields.every((f) => JSON.stringify(a[f] ?? null) === JSON.stringify(b[f] ?? null));
}

export function pick<T extends Record<string, unknown>>(o: T, fields: (keyof T)[]): Partial<T> {
  return Object.fromEntries(fields.map((f) => [f, o[f] ?? null])) as Partial<T>;
}
