/**
 * The search window's query (信用中国 "查询窗口"): name substring, or USCC exact/prefix — the same
 * matching as `GET /api/v1/search` (natural persons by code only), returning full records.
 */
import { normalizeUscc, type PublicRecord } from "@xinbiao/db/model";
import { merchants } from "@xinbiao/db/schema";
import { asc, like, or, sql } from "drizzle-orm";
import type { AppDeps } from "../deps.ts";
import { recordService } from "../records/service-registry.ts";

export const PAGE_SIZE = 20;

export async function searchMerchants(
  deps: AppDeps,
  baseUrl: string,
  q: string,
  offset: number,
): Promise<{ total: number; results: PublicRecord[] }> {
  const code = normalizeUscc(q);
  const looksLikeCode = /^[0-9A-HJ-NP-RT-UW-Y]{2,18}$/.test(code) && /\d/.test(code);
  // LIKE wildcards typed by the user are literal.
  const escaped = q.replace(/[\\%_]/g, (m) => `\\${m}`);
  // Natural persons are never found by name (PIPL): a name search must not confirm who sells online.
  const byName = sql`(${merchants.name} LIKE ${`%${escaped}%`} ESCAPE '\\' AND ${merchants.kind} <> 'natural_person')`;
  const rows = await deps.db
    .select({ uscc: merchants.uscc, total: sql<number>`count(*) over ()` })
    .from(merchants)
    .where(looksLikeCode ? or(like(merchants.uscc, `${code}%`), byName) : byName)
    .orderBy(asc(merchants.name), asc(merchants.uscc))
    .limit(PAGE_SIZE)
    .offset(offset);
  const built = await recordService(deps).records(
    rows.map((r) => r.uscc),
    baseUrl,
    deps.now(),
  );
  return {
    total: rows[0]?.total ?? 0,
    results: rows.map((r) => built.get(r.uscc)?.record).filter((r): r is PublicRecord => r !== undefined),
  };
}
