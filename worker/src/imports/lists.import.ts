/**
 * List publications: 黑名单 / 重点关注名单 / 红名单, in the column names of 信用中国 and the provincial
 * credit sites. Rules applied per row:
 *  - 列入日期 must not be in the future; 公示截止期 and 整改期限 must not be before it;
 *  - 黑名单 / 重点关注 entries without 整改期限 get listed + 3 months (赣信用办〔2018〕26号 转发
 *    发改财金〔2018〕716号 四：“于3个月整改到位”);
 *  - a 严重违法失信 entry may not be removed or repaired within a year of listing (severe-removal.ts);
 *  - the same (code, list, 文书号) twice in one file is a duplicate.
 * The natural key (code, list, 文书号) makes a re-import of the same publication change nothing.
 */
import { defaultRectifyBy, LIST_LABELS, type ListKind, statusOf } from "@xinbiao/db/model";
import { listEntries } from "@xinbiao/db/schema";
import { eq } from "drizzle-orm";
import { checkEarlyRemoval } from "../lifecycle/severe-removal.ts";
import type { ImportKind } from "./import-kind.ts";
import { pick, requireMerchants, sameFields, usccCell } from "./registry-lookup.ts";
import { inChunks, inKeys } from "./sql-chunks.ts";
import { isOpenEnded, parseBool, parseDate, parseListKind } from "./values.ts";

export interface ListRow {
  uscc: string;
  checkFailed: boolean;
  name: string | undefined;
  list: ListKind;
  category: string;
  authority: string;
  documentNo: string;
  listedAt: string;
  rectifyBy: string | null;
  displayUntil: string | null;
  severe: boolean;
  removedAt: string | null;
  removalReason: string | null;
  repairedAt: string | null;
  repairDocumentNo: string | null;
  /** 经营异常名录, 严重违法失信名单 …: the publication type (publications/*.spec.ts); null: a plain list. */
  publicationType: string | null;
}

function dateCell(
  ctx: Parameters<ImportKind<ListRow>["parseRow"]>[0],
  field: string,
  label: string,
  opts: { required?: boolean; openEnded?: boolean } = {},
): string | null | undefined {
  const raw = ctx.get(field);
  if (!raw) {
    if (opts.required) ctx.error(field, "required", `缺少${label}`, `${label} is empty`);
    return null;
  }
  if (opts.openEnded && isOpenEnded(raw)) return null;
  const d = parseDate(raw);
  if (!d) {
    ctx.error(
      field,
      "invalid_date",
      `${label}「${raw}」不是有效日期（应为 2026-03-05 等格式）`,
      `${label} ${JSON.stringify(raw)} is not a valid date (use e.g. 2026-03-05)`,
    );
    return undefined;
  }
  if (d > ctx.today) {
    ctx.error(
      field,
      "future_date",
      `${label} ${d} 在未来（今天是 ${ctx.today}）`,
      `${label} ${d} is in the future (today is ${ctx.today})`,
    );
    return undefined;
  }
  return d;
}

const COMPARED = [
  "category",
  "authority",
  "listedAt",
  "rectifyBy",
  "displayUntil",
  "severe",
  "publicationType",
] as const satisfies (keyof ListRow)[];

export const listsImport: ImportKind<ListRow> = {
  kind: "lists",
  entity: "list_entry",
  publicText: ["category", "authority", "removalReason"],
  sourceKind: "list",
  columns: [
    {
      field: "name",
      label: "主体名称",
      aliases: [
        "主体名称",
        "企业名称",
        "失信主体名称",
        "当事人名称",
        "当事人",
        "市场主体名称",
        "名称",
        "name",
      ],
      required: true,
    },
    {
      field: "uscc",
      label: "统一社会信用代码",
      aliases: ["统一社会信用代码", "社会信用代码", "信用代码", "统一代码", "uscc"],
      required: true,
    },
    {
      field: "list",
      label: "名单类型",
      aliases: ["名单类型", "名单类别", "名单", "名单名称", "list"],
      required: false,
    },
    {
      field: "category",
      label: "失信类别",
      aliases: ["失信类别", "失信行为", "失信情形", "类别", "列入类别", "category"],
      required: true,
      orField: "reason",
    },
    {
      // 信用中国 exports carry both 失信类别 and 列入原因 (they were refused as ambiguous, issue 15):
      // the reason is its own column; alone it stands for the category.
      field: "reason",
      label: "列入原因",
      aliases: [
        "列入原因",
        "列入事由",
        "认定事由",
        "列入经营异常名录原因",
        "列入严重违法失信名单原因",
        "reason",
      ],
      required: false,
    },
    {
      field: "publicationType",
      label: "公示类型",
      aliases: ["公示类型", "信息类别", "publicationType"],
      required: false,
    },
    {
      field: "authority",
      label: "认定部门",
      aliases: [
        "认定部门",
        "认定单位",
        "认定机关",
        "列入机关",
        "作出决定机关",
        "决定机关",
        "列入部门",
        "authority",
      ],
      required: true,
    },
    {
      field: "documentNo",
      label: "文书号",
      aliases: [
        "文书号",
        "决定文书号",
        "列入文书号",
        "认定文书号",
        "决定书文号",
        "文号",
        "documentNo",
        "document_no",
      ],
      required: true,
    },
    {
      field: "listedAt",
      label: "列入日期",
      aliases: ["列入日期", "列入时间", "认定日期", "决定日期", "作出决定日期", "listedAt", "listed_at"],
      required: true,
    },
    {
      field: "displayUntil",
      label: "公示截止期",
      aliases: [
        "公示截止期",
        "公示截止日期",
        "公示截止时间",
        "公示期限",
        "有效期至",
        "displayUntil",
        "display_until",
      ],
      required: false,
    },
    {
      field: "rectifyBy",
      label: "整改期限",
      aliases: ["整改期限", "整改截止日期", "整改截止期", "rectifyBy", "rectify_by"],
      required: false,
    },
    {
      field: "severe",
      label: "严重违法失信",
      aliases: ["严重违法失信", "是否严重违法失信", "是否严重失信", "severe"],
      required: false,
    },
    {
      field: "removedAt",
      label: "移出日期",
      aliases: ["移出日期", "移出时间", "removedAt"],
      required: false,
    },
    {
      field: "removalReason",
      label: "移出原因",
      aliases: ["移出原因", "移出事由", "removalReason"],
      required: false,
    },
    {
      field: "repairedAt",
      label: "信用修复日期",
      aliases: ["信用修复日期", "修复日期", "repairedAt"],
      required: false,
    },
    {
      field: "repairDocumentNo",
      label: "修复文书号",
      aliases: ["修复文书号", "信用修复文书号", "修复决定文书号", "repairDocumentNo"],
      required: false,
    },
  ],

  parseRow(ctx) {
    const code = usccCell(ctx);
    const listRaw = ctx.get("list");
    const list = listRaw ? parseListKind(listRaw) : (ctx.options.list ?? null);
    if (!list) {
      if (listRaw)
        ctx.error(
          "list",
          "invalid_list",
          `名单类型「${listRaw}」无法识别（黑名单 / 重点关注名单 / 红名单）`,
          `unknown list ${JSON.stringify(listRaw)} (黑名单 / 重点关注名单 / 红名单)`,
        );
      else
        ctx.error(
          "list",
          "required",
          "缺少名单类型：请加「名单类型」列或指定 --list black|watch|red",
          "no list kind: add a 名单类型 column or pass --list black|watch|red",
        );
    }
    // 失信类别 with its 列入原因 when both are given ("刷单炒信（在某平台组织虚假交易）"); either alone.
    const cat = ctx.get("category");
    const reason = ctx.get("reason");
    const category = cat && reason && reason !== cat ? `${cat}（${reason}）` : cat || reason;
    const authority = ctx.get("authority");
    const documentNo = ctx.get("documentNo");
    if (!category) ctx.error("category", "required", "缺少失信类别/列入原因", "category is empty");
    if (!authority) ctx.error("authority", "required", "缺少认定部门", "authority is empty");
    if (!documentNo) ctx.error("documentNo", "required", "缺少文书号", "document number is empty");
    const listedAt = dateCell(ctx, "listedAt", "列入日期", { required: true });
    let displayUntil: string | null | undefined = null;
    const rawUntil = ctx.get("displayUntil");
    if (rawUntil && !isOpenEnded(rawUntil)) {
      displayUntil = parseDate(rawUntil);
      if (!displayUntil) {
        ctx.error(
          "displayUntil",
          "invalid_date",
          `公示截止期「${rawUntil}」不是有效日期`,
          `display end ${JSON.stringify(rawUntil)} is not a valid date`,
        );
        displayUntil = undefined;
      }
    }
    let rectifyBy: string | null | undefined = null;
    const rawRectify = ctx.get("rectifyBy");
    if (rawRectify) {
      rectifyBy = parseDate(rawRectify);
      if (!rectifyBy) {
        ctx.error(
          "rectifyBy",
          "invalid_date",
          `整改期限「${rawRectify}」不是有效日期`,
          `rectification deadline ${JSON.stringify(rawRectify)} is not a valid date`,
        );
        rectifyBy = undefined;
      }
    }
    if (listedAt && displayUntil && displayUntil < listedAt)
      ctx.error(
        "displayUntil",
        "display_before_listing",
        `公示截止期 ${displayUntil} 早于列入日期 ${listedAt}`,
        `display end ${displayUntil} is before the listing date ${listedAt}`,
      );
    if (listedAt && rectifyBy && rectifyBy < listedAt)
      ctx.error(
        "rectifyBy",
        "rectify_before_listing",
        `整改期限 ${rectifyBy} 早于列入日期 ${listedAt}`,
        `rectification deadline ${rectifyBy} is before the listing date ${listedAt}`,
      );
    if (list === "red" && rectifyBy) {
      ctx.warn(
        "rectifyBy",
        "red_no_rectify",
        "红名单无整改期限，已忽略该列",
        "red-list entries have no rectification deadline; ignored",
      );
      rectifyBy = null;
    }
    const severeRaw = ctx.get("severe");
    let severe = /严重违法失信/.test(category);
    if (severeRaw) {
      const b = parseBool(severeRaw);
      if (b === null)
        ctx.error(
          "severe",
          "invalid_bool",
          `「${severeRaw}」应为 是 或 否`,
          `${JSON.stringify(severeRaw)} should be 是 or 否`,
        );
      else severe = severe || b;
    }
    const removedAt = ctx.has("removedAt") ? dateCell(ctx, "removedAt", "移出日期") : null;
    const repairedAt = ctx.has("repairedAt") ? dateCell(ctx, "repairedAt", "信用修复日期") : null;
    const repairDocumentNo = ctx.get("repairDocumentNo") || null;
    if (repairedAt && !repairDocumentNo)
      ctx.error(
        "repairDocumentNo",
        "required",
        "信用修复须注明修复文书号",
        "a credit repair needs its document number",
      );
    for (const [d, label, field] of [
      [removedAt, "移出日期", "removedAt"],
      [repairedAt, "信用修复日期", "repairedAt"],
    ] as const) {
      if (d && listedAt && d < listedAt)
        ctx.error(
          field,
          "before_listing",
          `${label} ${d} 早于列入日期 ${listedAt}`,
          `${field} ${d} is before the listing date ${listedAt}`,
        );
    }
    if (listedAt && severe) {
      for (const [d, field] of [
        [removedAt, "removedAt"],
        [repairedAt, "repairedAt"],
      ] as const) {
        if (!d) continue;
        const early = checkEarlyRemoval({ severe, listedAt }, d);
        if (!early.ok) ctx.error(field, "early_removal_refused", early.zh, early.en);
      }
    }
    if (
      !code ||
      !list ||
      !listedAt ||
      displayUntil === undefined ||
      rectifyBy === undefined ||
      removedAt === undefined ||
      repairedAt === undefined
    )
      return null;
    if (!category || !authority || !documentNo) return null;
    return {
      uscc: code.uscc,
      checkFailed: code.checkFailed,
      name: ctx.get("name") || undefined,
      list,
      category,
      authority,
      documentNo,
      listedAt,
      rectifyBy: rectifyBy ?? defaultRectifyBy(list, listedAt),
      displayUntil,
      severe,
      removedAt,
      removalReason: removedAt ? ctx.get("removalReason") || "认定部门移出 / removed by the authority" : null,
      repairedAt,
      repairDocumentNo: repairedAt ? repairDocumentNo : null,
      publicationType: ctx.get("publicationType") || null,
    };
  },

  key: (v) => `${v.uscc}|${v.list}|${v.documentNo}`,
  authorityOf: (v) => v.authority,
  dateOf: (v) => v.listedAt,
  publicationDateRequired: true,

  async plan(ctx) {
    await requireMerchants(ctx);
    const existing = new Map(
      (
        await inChunks([...new Set(ctx.rows.map((r) => r.value.uscc))], (c) =>
          ctx.db.select().from(listEntries).where(inKeys(listEntries.uscc, c)),
        )
      ).map((e) => [`${e.uscc}|${e.list}|${e.documentNo}`, e]),
    );
    const at = ctx.now.toISOString();
    const closing = ["removedAt", "removalReason", "repairedAt", "repairDocumentNo"] as const;
    ctx.rows.forEach((r, i) => {
      ctx.progress(i + 1);
      const v = r.value;
      const old = existing.get(listsImport.key(v));
      const fields: (keyof ListRow)[] = [...COMPARED];
      // Only a file that has removal/repair columns speaks about them; others leave them alone.
      if (ctx.has("removedAt") && v.removedAt) fields.push("removedAt", "removalReason");
      if (ctx.has("repairedAt") && v.repairedAt) fields.push("repairedAt", "repairDocumentNo");
      const detail = {
        list: v.list,
        listLabel: LIST_LABELS[v.list].zh,
        category: v.category,
        authority: v.authority,
        documentNo: v.documentNo,
        listedAt: v.listedAt,
        rectifyBy: v.rectifyBy,
        displayUntil: v.displayUntil,
      };
      if (!old) {
        ctx.counted("inserted");
        const row = {
          uscc: v.uscc,
          list: v.list,
          category: v.category,
          authority: v.authority,
          documentNo: v.documentNo,
          listedAt: v.listedAt,
          rectifyBy: v.rectifyBy,
          displayUntil: v.displayUntil,
          severe: v.severe,
          status: statusOf({ ...v, rectifiedAt: null, objectionOpen: false }, ctx.today),
          removedAt: v.removedAt,
          removalReason: v.removalReason,
          repairedAt: v.repairedAt,
          repairDocumentNo: v.repairDocumentNo,
          publicationType: v.publicationType,
          sourceId: ctx.sourceOf(r),
          createdAt: at,
          updatedAt: at,
        };
        ctx.insert(listEntries, row);
        ctx.ws.log({
          action: "list_entry.import",
          entity: "list_entry",
          entityId: listsImport.key(v),
          after: row,
        });
        ctx.ws.change({
          uscc: v.uscc,
          kind: "list",
          action:
            v.removedAt || v.repairedAt ? (v.removedAt ? "list.removed" : "list.repaired") : "list.added",
          detail,
        });
        return;
      }
      const oldView = { ...old } as unknown as Record<string, unknown>;
      const next = v as unknown as Record<string, unknown>;
      if (sameFields(oldView, next, fields as string[])) {
        ctx.counted("unchanged");
        return;
      }
      // 较早的公示不覆盖较新的公示 (issue 13 item 6): the stored entry stays as the newer one says.
      if (ctx.olderThanStored(r, old.sourceId, "名单条目 / list entry")) return;
      if (
        (old.removedAt || old.repairedAt) &&
        !fields.some((f) => closing.includes(f as (typeof closing)[number]))
      ) {
        // A closed entry stays closed unless the publication says otherwise; report, do not reopen.
        ctx.warn(
          r.line,
          "documentNo",
          "entry_closed",
          `该条目已于 ${(old.removedAt ?? old.repairedAt)!.slice(0, 10)} 移出或修复，本行未重新列入`,
          "the entry was removed or repaired earlier; this row does not re-list it",
        );
        ctx.counted("unchanged");
        return;
      }
      if (v.severe && (v.removedAt || v.repairedAt)) {
        const early = checkEarlyRemoval(
          { severe: true, listedAt: old.listedAt },
          (v.removedAt ?? v.repairedAt)!,
        );
        if (!early.ok) {
          ctx.error(
            r.line,
            v.removedAt ? "removedAt" : "repairedAt",
            "early_removal_refused",
            early.zh,
            early.en,
          );
          return;
        }
      }
      ctx.counted("updated");
      const set = { ...pick(next, fields as string[]), sourceId: ctx.sourceOf(r), updatedAt: at } as Record<
        string,
        unknown
      >;
      // A longer display period brings an expired entry back into view.
      if (v.displayUntil !== old.displayUntil) set.expiredAt = null;
      ctx.ws.add(ctx.db.update(listEntries).set(set).where(eq(listEntries.id, old.id)));
      ctx.ws.log({
        action: "list_entry.import_update",
        entity: "list_entry",
        entityId: String(old.id),
        before: pick(oldView, fields as string[]),
        after: pick(next, fields as string[]),
      });
      ctx.ws.change({
        uscc: v.uscc,
        kind: "list",
        action:
          v.removedAt && !old.removedAt
            ? "list.removed"
            : v.repairedAt && !old.repairedAt
              ? "list.repaired"
              : "list.updated",
        detail: { ...detail, entryId: old.id },
      });
    });
  },
};
