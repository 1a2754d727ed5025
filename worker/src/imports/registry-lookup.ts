/** Registry look-ups shared by the import kinds: which codes exist, under which name, as pilot codes. */
import type { Db } from "@xinbiao/db/client";
import { type UsccProblem, validateUscc } from "@xinbiao/db/model";
import { merchantKind } from "@xinbiao/db/model/merchant-kind";
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

/** The expected character of a check-character problem, for the report (issue 15). */
export function expectedOf(p: UsccProblem): { expected?: string } {
  return p.code === "check_digit" || p.code === "org_check" ? { expected: p.expected } : {};
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
      if (!p.ok)
        ctx.error(r.line, "uscc", `uscc_${p.problem.code}`, p.problem.zh, p.problem.en, {
          value: r.value.uscc,
          ...expectedOf(p.problem),
        });
      continue;
    }
    if (!m) {
      const name = r.value.name?.trim();
      if (ctx.options.strict || !name) {
        ctx.error(
          r.line,
          "uscc",
          "unknown_merchant",
          `统一社会信用代码 ${r.value.uscc} 不在主体库中，请先导入主体（merchants）${name ? "（严格模式）" : "；本行也没有主体名称，无法按公示建立主体"}`,
          `${r.value.uscc} is not in the registry; import it first (merchants)${name ? " (strict mode)" : "; the row has no name to create it from the publication"}`,
          { value: r.value.uscc },
        );
        continue;
      }
      // Issue 15: a publication naming a merchant not yet in the registry no longer refuses the file.
      // A minimal merchant is created from it (name + code + this source), marked from_publication,
      // and stale at once (fresh_until = now): its record reads 待核实 (caution, DESIGN §3) until a
      // registry extract fills in the registration facts. `--strict` keeps all-or-nothing refusal.
      const at = ctx.now.toISOString();
      const kind = merchantKind({ uscc: r.value.uscc }).kind;
      const row = {
        uscc: r.value.uscc,
        pilotCode: false,
        name,
        kind,
        licenseStatus: "active" as const,
        authority: "（登记信息待导入 / registry facts not yet imported）",
        registeredAt: null,
        legalRepresentative: null,
        address: null,
        scope: null,
        divisionCode: r.value.uscc.slice(2, 8),
        addressIsHome: kind === "natural_person",
        onlineOnly: false,
        fromPublication: true,
        freshUntil: at,
        sourceId: ctx.sourceOf(r),
        createdAt: at,
        updatedAt: at,
      };
      ctx.insert(merchants, row);
      ctx.ws.log({ action: "merchant.from_publication", entity: "merchant", entityId: row.uscc, after: row });
      known.set(row.uscc, { ...row, version: 1 } as unknown as typeof merchants.$inferSelect);
      ctx.warn(
        r.line,
        "uscc",
        "merchant_from_publication",
        `统一社会信用代码 ${r.value.uscc} 不在主体库中：已按本公示建立主体「${name}」（仅名称与代码，待导入登记信息）`,
        `${r.value.uscc} was not in the registry: created from this publication as ${JSON.stringify(name)} (name and code only, until a registry extract is imported)`,
      );
      ctx.counted("created");
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
