/**
 * Credit grades from an authority: 市场监管 企业信用风险分类 A/B/C/D (低/一般/较高/高风险), stored as
 * `official` (DESIGN §4). Key: (code, scheme, as-of date).
 */
import { type GradeLevel, OFFICIAL_SCHEME } from "@xinbiao/db/model";
import { grades } from "@xinbiao/db/schema";
import { eq } from "drizzle-orm";
import type { ImportKind } from "./import-kind.ts";
import { requireMerchants, usccCell } from "./registry-lookup.ts";
import { inChunks, inKeys } from "./sql-chunks.ts";
import { parseDate } from "./values.ts";

export interface GradeImportRow {
  uscc: string;
  checkFailed: boolean;
  name: string | undefined;
  level: GradeLevel;
  scheme: string;
  asOf: string;
}

export function parseGradeLevel(raw: string): GradeLevel | null {
  const s = raw
    .trim()
    .toUpperCase()
    .replace(/级|类$/g, "");
  if (["A", "B", "C", "D"].includes(s)) return s as GradeLevel;
  if (/较高风险/.test(raw)) return "C";
  if (/高风险/.test(raw)) return "D";
  if (/一般风险/.test(raw)) return "B";
  if (/低风险/.test(raw)) return "A";
  return null;
}

export const gradesImport: ImportKind<GradeImportRow> = {
  kind: "grades",
  entity: "grade",
  publicText: [],
  sourceKind: "grade",
  columns: [
    {
      field: "uscc",
      label: "统一社会信用代码",
      aliases: ["统一社会信用代码", "社会信用代码", "信用代码", "uscc"],
      required: true,
    },
    { field: "name", label: "主体名称", aliases: ["主体名称", "企业名称", "名称", "name"], required: false },
    {
      field: "level",
      label: "信用等级",
      aliases: ["信用等级", "风险等级", "风险分类", "分类结果", "信用风险分类", "等级", "level"],
      required: true,
    },
    {
      field: "scheme",
      label: "分类标准",
      aliases: ["分类标准", "评价体系", "评价标准", "scheme"],
      required: false,
    },
    {
      field: "asOf",
      label: "分类日期",
      aliases: ["分类日期", "评价日期", "评定日期", "认定日期", "asOf"],
      required: true,
    },
  ],
  parseRow(ctx) {
    const code = usccCell(ctx);
    const raw = ctx.get("level");
    const level = parseGradeLevel(raw);
    if (!level)
      ctx.error(
        "level",
        "invalid_grade",
        `信用等级「${raw}」无法识别（A/B/C/D 或 低/一般/较高/高风险）`,
        `unknown grade ${JSON.stringify(raw)} (A/B/C/D)`,
      );
    const asRaw = ctx.get("asOf");
    const asOf = parseDate(asRaw);
    if (!asOf)
      ctx.error(
        "asOf",
        asRaw ? "invalid_date" : "required",
        `分类日期「${asRaw}」不是有效日期`,
        `date ${JSON.stringify(asRaw)} is not a valid date`,
      );
    else if (asOf > ctx.today)
      ctx.error("asOf", "future_date", `分类日期 ${asOf} 在未来`, `date ${asOf} is in the future`);
    if (!code || !level || !asOf || asOf > ctx.today) return null;
    return {
      uscc: code.uscc,
      checkFailed: code.checkFailed,
      name: ctx.get("name") || undefined,
      level,
      scheme: ctx.get("scheme") || OFFICIAL_SCHEME,
      asOf,
    };
  },
  key: (v) => `${v.uscc}|${v.scheme}|${v.asOf}`,
  dateOf: (v) => v.asOf,
  async plan(ctx) {
    await requireMerchants(ctx);
    const existing = new Map(
      (
        await inChunks([...new Set(ctx.rows.map((r) => r.value.uscc))], (c) =>
          ctx.db.select().from(grades).where(inKeys(grades.uscc, c)),
        )
      ).map((g) => [`${g.uscc}|${g.scheme}|${g.asOf}`, g]),
    );
    ctx.rows.forEach((r, i) => {
      ctx.progress(i + 1);
      const v = r.value;
      const old = existing.get(gradesImport.key(v));
      const detail = { level: v.level, scheme: v.scheme, asOf: v.asOf, from: old?.level ?? null };
      if (old && old.level === v.level && old.source === "official") {
        ctx.counted("unchanged");
        return;
      }
      if (old && ctx.olderThanStored(r, old.sourceId, "信用等级 / grade")) return;
      if (!old) {
        ctx.counted("inserted");
        const row = {
          uscc: v.uscc,
          level: v.level,
          source: "official" as const,
          scheme: v.scheme,
          asOf: v.asOf,
          factors: [],
          sourceId: ctx.sourceOf(r),
        };
        ctx.insert(grades, row);
        ctx.ws.log({ action: "grade.import", entity: "grade", entityId: gradesImport.key(v), after: row });
      } else {
        ctx.counted("updated");
        ctx.ws.add(
          ctx.db
            .update(grades)
            .set({ level: v.level, source: "official", sourceId: ctx.sourceOf(r) })
            .where(eq(grades.id, old.id)),
        );
        ctx.ws.log({
          action: "grade.import_update",
          entity: "grade",
          entityId: String(old.id),
          before: { level: old.level, source: old.source },
          after: { level: v.level, source: "official" },
        });
      }
      ctx.ws.change({ uscc: v.uscc, kind: "grade", action: "grade.set", detail });
    });
  },
};
