/**
 * Identity-verification marks (身份核验标识): a platform's check of the operator's identity (电子营业执照,
 * 人工核验 …). Key: (code, platform) — a newer verification replaces the older one.
 */
import { isPlatform, PLATFORM_LABELS, PLATFORMS, type Platform } from "@xinbiao/db/model";
import { verifications } from "@xinbiao/db/schema";
import { eq } from "drizzle-orm";
import type { ImportKind } from "./import-kind.ts";
import { pick, requireMerchants, sameFields, usccCell } from "./registry-lookup.ts";
import { inChunks, inKeys } from "./sql-chunks.ts";
import { parseDate } from "./values.ts";

export interface VerificationImportRow {
  uscc: string;
  checkFailed: boolean;
  name: string | undefined;
  platform: Platform;
  method: string;
  verifiedAt: string;
  expiresAt: string | null;
}

function parsePlatform(raw: string): Platform | null {
  const s = raw.trim().toLowerCase();
  if (isPlatform(s)) return s;
  return PLATFORMS.find((p) => PLATFORM_LABELS[p].zh === raw.trim()) ?? null;
}

const COMPARED = ["method", "verifiedAt", "expiresAt"] as const;

export const verificationsImport: ImportKind<VerificationImportRow> = {
  kind: "verifications",
  entity: "verification",
  publicText: ["method"],
  sourceKind: "verification",
  columns: [
    {
      field: "uscc",
      label: "统一社会信用代码",
      aliases: ["统一社会信用代码", "社会信用代码", "信用代码", "uscc"],
      required: true,
    },
    { field: "name", label: "主体名称", aliases: ["主体名称", "企业名称", "名称", "name"], required: false },
    {
      field: "platform",
      label: "平台",
      aliases: ["平台", "电商平台", "平台名称", "platform"],
      required: true,
    },
    { field: "method", label: "核验方式", aliases: ["核验方式", "认证方式", "method"], required: true },
    {
      field: "verifiedAt",
      label: "核验日期",
      aliases: ["核验日期", "核验时间", "认证日期", "verifiedAt"],
      required: true,
    },
    {
      field: "expiresAt",
      label: "有效期至",
      aliases: ["有效期至", "核验有效期至", "expiresAt"],
      required: false,
    },
  ],
  parseRow(ctx) {
    const code = usccCell(ctx);
    const platRaw = ctx.get("platform");
    const platform = parsePlatform(platRaw);
    if (!platform)
      ctx.error(
        "platform",
        "unknown_platform",
        `平台「${platRaw}」不支持（${PLATFORMS.map((p) => PLATFORM_LABELS[p].zh).join("、")}）`,
        `unsupported platform ${JSON.stringify(platRaw)}`,
      );
    const method = ctx.get("method");
    if (!method) ctx.error("method", "required", "缺少核验方式", "method is empty");
    const vRaw = ctx.get("verifiedAt");
    const verifiedAt = parseDate(vRaw);
    if (!verifiedAt)
      ctx.error(
        "verifiedAt",
        vRaw ? "invalid_date" : "required",
        `核验日期「${vRaw}」不是有效日期`,
        `date ${JSON.stringify(vRaw)} is not a valid date`,
      );
    else if (verifiedAt > ctx.today)
      ctx.error(
        "verifiedAt",
        "future_date",
        `核验日期 ${verifiedAt} 在未来`,
        `date ${verifiedAt} is in the future`,
      );
    const eRaw = ctx.get("expiresAt");
    const expiresAt = eRaw ? parseDate(eRaw) : null;
    if (eRaw && !expiresAt)
      ctx.error(
        "expiresAt",
        "invalid_date",
        `有效期至「${eRaw}」不是有效日期`,
        `date ${JSON.stringify(eRaw)} is not a valid date`,
      );
    if (!code || !platform || !method || !verifiedAt || verifiedAt > ctx.today || (eRaw && !expiresAt))
      return null;
    return {
      uscc: code.uscc,
      checkFailed: code.checkFailed,
      name: ctx.get("name") || undefined,
      platform,
      method,
      verifiedAt,
      expiresAt,
    };
  },
  key: (v) => `${v.uscc}|${v.platform}`,
  dateOf: (v) => v.verifiedAt,
  async plan(ctx) {
    await requireMerchants(ctx);
    const existing = new Map(
      (
        await inChunks([...new Set(ctx.rows.map((r) => r.value.uscc))], (c) =>
          ctx.db.select().from(verifications).where(inKeys(verifications.uscc, c)),
        )
      ).map((x) => [`${x.uscc}|${x.platform}`, x]),
    );
    ctx.rows.forEach((r, i) => {
      ctx.progress(i + 1);
      const v = r.value;
      const old = existing.get(verificationsImport.key(v));
      const o = (old ?? {}) as Record<string, unknown>;
      const n = v as unknown as Record<string, unknown>;
      if (old && sameFields(o, n, [...COMPARED])) {
        ctx.counted("unchanged");
        return;
      }
      if (old && ctx.olderThanStored(r, old.sourceId, "核验 / verification")) return;
      if (!old) {
        ctx.counted("inserted");
        const row = {
          uscc: v.uscc,
          platform: v.platform,
          method: v.method,
          verifiedAt: v.verifiedAt,
          expiresAt: v.expiresAt,
          sourceId: ctx.sourceOf(r),
        };
        ctx.insert(verifications, row);
        ctx.ws.log({
          action: "verification.import",
          entity: "verification",
          entityId: verificationsImport.key(v),
          after: row,
        });
      } else {
        ctx.counted("updated");
        ctx.ws.add(
          ctx.db
            .update(verifications)
            .set({ ...pick(n, [...COMPARED]), sourceId: ctx.sourceOf(r) })
            .where(eq(verifications.id, old.id)),
        );
        ctx.ws.log({
          action: "verification.import_update",
          entity: "verification",
          entityId: String(old.id),
          before: pick(o, [...COMPARED]),
          after: pick(n, [...COMPARED]),
        });
      }
      ctx.ws.touch(v.uscc);
    });
  },
};
