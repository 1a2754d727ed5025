/**
 * Licenses and permits (行政许可: 食品经营许可证 …) shown with a merchant's record — the "permits related
 * to the business" of 电子商务法 §15. Key: (code, permit kind, number).
 */
import { permits } from "@xinbiao/db/schema";
import { eq } from "drizzle-orm";
import type { ImportKind } from "./import-kind.ts";
import { pick, requireMerchants, sameFields, usccCell } from "./registry-lookup.ts";
import { inChunks, inKeys } from "./sql-chunks.ts";
import { isOpenEnded, parseDate } from "./values.ts";

export interface PermitImportRow {
  uscc: string;
  checkFailed: boolean;
  name: string | undefined;
  kind: string;
  number: string;
  authority: string;
  validFrom: string;
  validTo: string | null;
}

const COMPARED = ["authority", "validFrom", "validTo"] as const;

export const permitsImport: ImportKind<PermitImportRow> = {
  kind: "permits",
  entity: "permit",
  publicText: ["kind", "authority"],
  sourceKind: "license",
  columns: [
    {
      field: "uscc",
      label: "统一社会信用代码",
      aliases: ["统一社会信用代码", "社会信用代码", "信用代码", "uscc"],
      required: true,
    },
    {
      field: "name",
      label: "主体名称",
      aliases: ["主体名称", "企业名称", "行政相对人名称", "名称", "name"],
      required: false,
    },
    {
      field: "kind",
      label: "许可证名称",
      aliases: ["许可证名称", "许可证书名称", "许可类别", "许可文件名称", "证照名称", "kind"],
      required: true,
    },
    {
      field: "number",
      label: "许可证编号",
      aliases: ["许可证编号", "许可编号", "证书编号", "证照编号", "number"],
      required: true,
    },
    {
      field: "authority",
      label: "许可机关",
      aliases: ["许可机关", "发证机关", "许可决定机关", "authority"],
      required: true,
    },
    {
      field: "validFrom",
      label: "有效期自",
      aliases: ["有效期自", "许可决定日期", "发证日期", "许可日期", "validFrom"],
      required: true,
    },
    {
      field: "validTo",
      label: "有效期至",
      aliases: ["有效期至", "许可截止期", "有效期截止", "validTo"],
      required: false,
    },
  ],
  parseRow(ctx) {
    const code = usccCell(ctx);
    const kind = ctx.get("kind");
    const number = ctx.get("number");
    const authority = ctx.get("authority");
    if (!kind) ctx.error("kind", "required", "缺少许可证名称", "permit kind is empty");
    if (!number) ctx.error("number", "required", "缺少许可证编号", "permit number is empty");
    if (!authority) ctx.error("authority", "required", "缺少许可机关", "authority is empty");
    const fromRaw = ctx.get("validFrom");
    const validFrom = parseDate(fromRaw);
    if (!validFrom)
      ctx.error(
        "validFrom",
        fromRaw ? "invalid_date" : "required",
        `有效期自「${fromRaw}」不是有效日期`,
        `validFrom ${JSON.stringify(fromRaw)} is not a valid date`,
      );
    else if (validFrom > ctx.today)
      ctx.error(
        "validFrom",
        "future_date",
        `有效期自 ${validFrom} 在未来`,
        `validFrom ${validFrom} is in the future`,
      );
    const toRaw = ctx.get("validTo");
    const validTo = !toRaw || isOpenEnded(toRaw) ? null : parseDate(toRaw);
    if (toRaw && !isOpenEnded(toRaw) && !validTo)
      ctx.error(
        "validTo",
        "invalid_date",
        `有效期至「${toRaw}」不是有效日期`,
        `validTo ${JSON.stringify(toRaw)} is not a valid date`,
      );
    if (validFrom && validTo && validTo < validFrom)
      ctx.error(
        "validTo",
        "before_start",
        `有效期至 ${validTo} 早于有效期自 ${validFrom}`,
        `validTo ${validTo} is before validFrom ${validFrom}`,
      );
    if (
      !code ||
      !kind ||
      !number ||
      !authority ||
      !validFrom ||
      validFrom > ctx.today ||
      (toRaw && !isOpenEnded(toRaw) && !validTo)
    )
      return null;
    if (validTo && validTo < validFrom) return null;
    return {
      uscc: code.uscc,
      checkFailed: code.checkFailed,
      name: ctx.get("name") || undefined,
      kind,
      number,
      authority,
      validFrom,
      validTo,
    };
  },
  key: (v) => `${v.uscc}|${v.kind}|${v.number}`,
  authorityOf: (v) => v.authority,
  dateOf: (v) => v.validFrom,
  async plan(ctx) {
    await requireMerchants(ctx);
    const existing = new Map(
      (
        await inChunks([...new Set(ctx.rows.map((r) => r.value.uscc))], (c) =>
          ctx.db.select().from(permits).where(inKeys(permits.uscc, c)),
        )
      ).map((p) => [`${p.uscc}|${p.kind}|${p.number}`, p]),
    );
    ctx.rows.forEach((r, i) => {
      ctx.progress(i + 1);
      const v = r.value;
      const old = existing.get(permitsImport.key(v));
      const detail = {
        kind: v.kind,
        number: v.number,
        authority: v.authority,
        validFrom: v.validFrom,
        validTo: v.validTo,
      };
      if (!old) {
        ctx.counted("inserted");
        const row = { uscc: v.uscc, ...detail, sourceId: ctx.sourceOf(r) };
        ctx.insert(permits, row);
        ctx.ws.log({ action: "permit.import", entity: "permit", entityId: permitsImport.key(v), after: row });
        ctx.ws.change({ uscc: v.uscc, kind: "license", action: "permit.added", detail });
        return;
      }
      const o = old as unknown as Record<string, unknown>;
      const n = v as unknown as Record<string, unknown>;
      if (sameFields(o, n, [...COMPARED])) {
        ctx.counted("unchanged");
        return;
      }
      if (ctx.olderThanStored(r, old.sourceId, "许可 / permit")) return;
      ctx.counted("updated");
      ctx.ws.add(
        ctx.db
          .update(permits)
          .set({ ...pick(n, [...COMPARED]), sourceId: ctx.sourceOf(r) })
          .where(eq(permits.id, old.id)),
      );
      ctx.ws.log({
        action: "permit.import_update",
        entity: "permit",
        entityId: String(old.id),
        before: pick(o, [...COMPARED]),
        after: pick(n, [...COMPARED]),
      });
      ctx.ws.change({ uscc: v.uscc, kind: "license", action: "permit.updated", detail });
    });
  },
};
