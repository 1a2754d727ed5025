/**
 * Bulk shop registration for partner platforms (issue 5 item 2): up to 10 000 shops per call, every
 * row validated, all-or-nothing — one bad row and nothing is written; the answer lists each bad row
 * with its field and what is wrong. The shop's `hash`/`prefix` are SHA-256 of `platform:shopId` and
 * its first 4 hex chars: the k-anonymity bucket the extension asks for (DESIGN §6).
 */
import type { Db } from "@xinbiao/db/client";
import { rangePrefix, shopHash, validateUscc } from "@xinbiao/db/model";
import { merchants, shops } from "@xinbiao/db/schema";
import { and, eq, inArray } from "drizzle-orm";
import { commitWriteSet, WriteSet } from "../audit-log/write-set.ts";
import type { Principal } from "../auth/api-keys.ts";
import { actorOf } from "../auth/api-keys.ts";
import { inChunks } from "../imports/sql-chunks.ts";
import { shopIdProblem } from "./shop-id.ts";

export const MAX_SHOPS_PER_CALL = 10_000;

export interface RowProblem {
  /** 1-based position in the request's `shops` array. */
  row: number;
  field: string;
  code: string;
  message: string;
}

export type BulkResult =
  | { ok: true; created: number; updated: number; unchanged: number; deleted?: number }
  | { ok: false; errors: RowProblem[] };

function isLoopback(host: string): boolean {
  return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
}

/** An origin as browsers report it: scheme://host[:port], https (http only on loopback). */
export function checkOrigin(value: unknown): string | null {
  if (typeof value !== "string") return "应为字符串 / must be a string";
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    return `「${value}」不是合法的来源 / ${JSON.stringify(value)} is not an origin`;
  }
  if (u.origin !== value) return `应写成「${u.origin}」（不带路径和结尾斜杠） / write it as ${u.origin}`;
  if (u.protocol !== "https:" && !(u.protocol === "http:" && isLoopback(u.hostname)))
    return "必须是 https 来源 / must be an https origin";
  return null;
}

interface ShopInput {
  platform?: unknown;
  shopId?: unknown;
  uscc?: unknown;
  origins?: unknown;
  url?: unknown;
  name?: unknown;
}

export async function upsertShops(db: Db, p: Principal, input: ShopInput[], now: Date): Promise<BulkResult> {
  const platform = p.platform!;
  const errors: RowProblem[] = [];
  const err = (row: number, field: string, code: string, message: string) =>
    errors.push({ row, field, code, message });
  const seen = new Map<string, number>();
  const valid: {
    row: number;
    shopId: string;
    uscc: string;
    origins: string[];
    url: string | null;
    name: string | null;
    pilotCandidate: boolean;
  }[] = [];

  input.forEach((raw, i) => {
    const row = i + 1;
    const before = errors.length;
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
      err(row, "", "not_object", "每行应为对象 / each row must be an object");
      return;
    }
    const plat = raw.platform ?? platform;
    if (plat !== platform)
      err(
        row,
        "platform",
        "wrong_platform",
        `此密钥只能登记 ${platform} 的店铺 / this key registers ${platform} shops only`,
      );
    const shopId = typeof raw.shopId === "string" ? raw.shopId : String(raw.shopId ?? "");
    // The platform's own string (shop-id.ts): 1688 member/winport ids as the pages write them.
    const idProblem = shopIdProblem(platform, shopId);
    if (idProblem) err(row, "shopId", "invalid_shop_id", idProblem);
    else if (seen.has(shopId))
      err(
        row,
        "shopId",
        "duplicate",
        `与第 ${seen.get(shopId)} 行重复 / duplicate of row ${seen.get(shopId)}`,
      );
    else seen.set(shopId, row);
    let uscc = "";
    let pilotCandidate = false;
    if (typeof raw.uscc !== "string") err(row, "uscc", "required", "缺少统一社会信用代码 / uscc is required");
    else {
      const r = validateUscc(raw.uscc);
      uscc = r.uscc;
      if (!r.ok) {
        if (r.problem.code === "check_digit" || r.problem.code === "org_check") pilotCandidate = true;
        else err(row, "uscc", `uscc_${r.problem.code}`, `${r.problem.zh} / ${r.problem.en}`);
      }
    }
    const origins = raw.origins;
    if (!Array.isArray(origins) || origins.length === 0 || origins.length > 20)
      err(
        row,
        "origins",
        "invalid_origins",
        "origins 应为 1–20 个来源的数组 / origins: an array of 1–20 origins",
      );
    else
      origins.forEach((o, j) => {
        const problem = checkOrigin(o);
        if (problem) err(row, `origins.${j}`, "invalid_origin", problem);
      });
    let url: string | null = null;
    if (raw.url !== undefined && raw.url !== null) {
      try {
        const u = new URL(String(raw.url));
        if (!/^https?:$/.test(u.protocol)) throw new Error("scheme");
        url = u.href;
        if (Array.isArray(origins) && !origins.includes(u.origin))
          err(
            row,
            "url",
            "url_not_in_origins",
            `店铺地址的来源 ${u.origin} 不在 origins 中 / the url's origin is not among origins`,
          );
      } catch {
        err(row, "url", "invalid_url", "url 不是合法的 http(s) 地址 / url is not an http(s) URL");
      }
    }
    const name = raw.name === undefined || raw.name === null ? null : String(raw.name);
    if (name !== null && name.length > 100)
      err(row, "name", "too_long", "名称最多 100 字 / name: 100 characters at most");
    if (errors.length === before)
      valid.push({ row, shopId, uscc, origins: origins as string[], url, name, pilotCandidate });
  });

  // Every merchant must be in the registry (a shop points at a record); a code failing its check is
  // accepted only when it is that exact early pilot code (DESIGN §4).
  const codes = [...new Set(valid.map((v) => v.uscc))];
  const known = new Map(
    (
      await inChunks(codes, (c) =>
        db
          .select({ uscc: merchants.uscc, pilot: merchants.pilotCode })
          .from(merchants)
          .where(inArray(merchants.uscc, c)),
      )
    ).map((m) => [m.uscc, m.pilot]),
  );
  for (const v of valid) {
    if (!known.has(v.uscc)) {
      const r = validateUscc(v.uscc);
      err(
        v.row,
        "uscc",
        v.pilotCandidate && !r.ok ? `uscc_${r.problem.code}` : "unknown_merchant",
        v.pilotCandidate && !r.ok
          ? `${r.problem.zh} / ${r.problem.en}`
          : `主体 ${v.uscc} 未收录 / merchant ${v.uscc} is not in the registry`,
      );
    } else if (v.pilotCandidate && !known.get(v.uscc)) {
      const r = validateUscc(v.uscc);
      if (!r.ok) err(v.row, "uscc", `uscc_${r.problem.code}`, `${r.problem.zh} / ${r.problem.en}`);
    }
  }
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };

  const existing = new Map(
    (
      await inChunks(
        valid.map((v) => v.shopId),
        (c) =>
          db
            .select()
            .from(shops)
            .where(and(eq(shops.platform, platform), inArray(shops.shopId, c))),
      )
    ).map((s) => [s.shopId, s]),
  );
  const ws = new WriteSet(actorOf(p));
  const at = now.toISOString();
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  const creates: (typeof shops.$inferInsert)[] = [];
  for (const v of valid) {
    const hash = await shopHash(platform, v.shopId);
    const next = {
      platform,
      shopId: v.shopId,
      uscc: v.uscc,
      name: v.name,
      url: v.url,
      origins: v.origins,
      partnerId: p.partnerId,
      hash,
      prefix: rangePrefix(hash),
    };
    const old = existing.get(v.shopId);
    const entityId = `${platform}:${v.shopId}`;
    if (!old) {
      created++;
      creates.push({ ...next, createdAt: at, updatedAt: at });
      ws.log({ action: "shop.create", entity: "shop", entityId, after: next });
      continue;
    }
    const before = {
      platform: old.platform,
      shopId: old.shopId,
      uscc: old.uscc,
      name: old.name,
      url: old.url,
      origins: old.origins,
      partnerId: old.partnerId,
      hash: old.hash,
      prefix: old.prefix,
    };
    if (JSON.stringify(before) === JSON.stringify(next)) {
      unchanged++;
      continue;
    }
    updated++;
    ws.add(
      db
        .update(shops)
        .set({ ...next, updatedAt: at })
        .where(and(eq(shops.platform, platform), eq(shops.shopId, v.shopId))),
    );
    ws.log({ action: "shop.update", entity: "shop", entityId, before, after: next });
  }
  // Multi-row INSERTs: 8 rows × 11 columns stays under D1's 100 bound parameters per statement.
  for (let i = 0; i < creates.length; i += 8) ws.add(db.insert(shops).values(creates.slice(i, i + 8)));
  await commitWriteSet(db, ws, now);
  return { ok: true, created, updated, unchanged };
}

export async function deleteShops(db: Db, p: Principal, input: unknown[], now: Date): Promise<BulkResult> {
  const platform = p.platform!;
  const errors: RowProblem[] = [];
  const ids: { row: number; shopId: string }[] = [];
  const seen = new Map<string, number>();
  input.forEach((raw, i) => {
    const row = i + 1;
    const shopId =
      typeof raw === "string"
        ? raw
        : typeof raw === "object" && raw !== null
          ? (raw as ShopInput).shopId
          : undefined;
    const plat =
      typeof raw === "object" && raw !== null ? ((raw as ShopInput).platform ?? platform) : platform;
    if (plat !== platform)
      errors.push({
        row,
        field: "platform",
        code: "wrong_platform",
        message: `此密钥只能删除 ${platform} 的店铺 / this key manages ${platform} shops only`,
      });
    else if (typeof shopId !== "string" || shopIdProblem(platform, shopId))
      errors.push({
        row,
        field: "shopId",
        code: "invalid_shop_id",
        message:
          typeof shopId === "string" ? shopIdProblem(platform, shopId)! : "缺少店铺编号 / shopId is required",
      });
    else if (seen.has(shopId))
      errors.push({
        row,
        field: "shopId",
        code: "duplicate",
        message: `与第 ${seen.get(shopId)} 行重复 / duplicate of row ${seen.get(shopId)}`,
      });
    else {
      seen.set(shopId, row);
      ids.push({ row, shopId });
    }
  });
  const existing = new Map(
    (
      await inChunks(
        ids.map((x) => x.shopId),
        (c) =>
          db
            .select()
            .from(shops)
            .where(and(eq(shops.platform, platform), inArray(shops.shopId, c))),
      )
    ).map((s) => [s.shopId, s]),
  );
  for (const x of ids)
    if (!existing.has(x.shopId))
      errors.push({
        row: x.row,
        field: "shopId",
        code: "not_found",
        message: `未登记店铺 ${platform}:${x.shopId} / no such shop`,
      });
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };
  const ws = new WriteSet(actorOf(p));
  for (const x of ids) {
    const old = existing.get(x.shopId)!;
    ws.add(db.delete(shops).where(and(eq(shops.platform, platform), eq(shops.shopId, x.shopId))));
    ws.log({
      action: "shop.delete",
      entity: "shop",
      entityId: `${platform}:${x.shopId}`,
      before: { uscc: old.uscc, name: old.name, url: old.url, origins: old.origins },
    });
  }
  await commitWriteSet(db, ws, now);
  return { ok: true, created: 0, updated: 0, unchanged: 0, deleted: ids.length };
}
