/**
 * Registry extracts (营业执照 facts): code, name, kind, registration status, authority, dates, legal
 * representative, address, scope. Early pilot codes that fail a check character are accepted with a
 * warning and flagged (DESIGN §4). A change of registration status is announced on the change feed
 * (revoked / cancelled licenses turn a badge to danger).
 */
import { type MerchantKind, validateUsccForImport } from "@xinbiao/db/model";
import { merchantKind } from "@xinbiao/db/model/merchant-kind";
import { merchants } from "@xinbiao/db/schema";
import { eq } from "drizzle-orm";
import type { ImportKind } from "./import-kind.ts";
import { loadMerchants, pick, sameFields } from "./registry-lookup.ts";
import { parseDate } from "./values.ts";

type LicenseStatus = "active" | "abnormal" | "revoked" | "cancelled" | "exempt";

export interface MerchantImportRow {
  uscc: string;
  pilotCode: boolean;
  name: string;
  kind: MerchantKind;
  licenseStatus: LicenseStatus;
  authority: string;
  registeredAt: string | null;
  legalRepresentative: string | null;
  address: string | null;
  scope: string | null;
}

export function parseLicenseStatus(raw: string): LicenseStatus | null {
  const s = raw.trim();
  if (!s) return "active";
  if (/吊销/.test(s)) return "revoked";
  if (/注销/.test(s)) return "cancelled";
  if (/异常/.test(s)) return "abnormal";
  if (/免于登记|豁免|exempt/i.test(s)) return "exempt";
  if (/存续|在业|开业|在营|正常|在册|active/i.test(s)) return "active";
  if (["revoked", "cancelled", "abnormal"].includes(s)) return s as LicenseStatus;
  return null;
}

const COMPARED = [
  "name",
  "kind",
  "licenseStatus",
  "authority",
  "registeredAt",
  "legalRepresentative",
  "address",
  "scope",
  "pilotCode",
] as const;

/** Registry facts are fresh for half a year; after that the record shows `caution` (DESIGN §3). */
const FRESH_DAYS = 180;

export const merchantsImport: ImportKind<MerchantImportRow> = {
  kind: "merchants",
  entity: "merchant",
  publicText: ["name", "authority", "legalRepresentative", "address", "scope"],
  sourceKind: "registry",
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
      aliases: ["主体名称", "企业名称", "市场主体名称", "名称", "字号名称", "name"],
      required: true,
    },
    {
      field: "kind",
      label: "主体类型",
      aliases: ["主体类型", "市场主体类型", "企业类型", "类型", "kind"],
      required: false,
    },
    {
      field: "licenseStatus",
      label: "登记状态",
      aliases: ["登记状态", "经营状态", "企业状态", "状态", "licenseStatus"],
      required: false,
    },
    {
      field: "authority",
      label: "登记机关",
      aliases: ["登记机关", "登记机构", "发照机关", "authority"],
      required: true,
    },
    {
      field: "registeredAt",
      label: "成立日期",
      aliases: ["成立日期", "注册日期", "登记日期", "registeredAt"],
      required: false,
    },
    {
      field: "legalRepresentative",
      label: "法定代表人",
      aliases: ["法定代表人", "经营者", "负责人", "投资人", "执行事务合伙人", "legalRepresentative"],
      required: false,
    },
    {
      field: "address",
      label: "住所",
      aliases: ["住所", "经营场所", "地址", "注册地址", "address"],
      required: false,
    },
    { field: "scope", label: "经营范围", aliases: ["经营范围", "scope"], required: false },
  ],

  parseRow(ctx) {
    // DESIGN §4: a registry import tolerates a failing check character (pilot code) with a warning.
    const v = validateUsccForImport(ctx.get("uscc"), true);
    if (!v.ok) {
      ctx.error("uscc", `uscc_${v.problem.code}`, v.problem.zh, v.problem.en);
      return null;
    }
    if (v.pilot && v.warning)
      ctx.warn(
        "uscc",
        "pilot_code",
        `${v.warning.zh}；按早期试点代码收录并标注`,
        `${v.warning.en}; accepted and flagged as an early pilot code`,
      );
    const name = ctx.get("name");
    if (!name) ctx.error("name", "required", "缺少主体名称", "name is empty");
    const authority = ctx.get("authority");
    if (!authority) ctx.error("authority", "required", "缺少登记机关", "registration authority is empty");
    const statusRaw = ctx.get("licenseStatus");
    const licenseStatus = parseLicenseStatus(statusRaw);
    if (!licenseStatus)
      ctx.error(
        "licenseStatus",
        "invalid_status",
        `登记状态「${statusRaw}」无法识别（存续/在业、吊销、注销、经营异常）`,
        `unknown registration status ${JSON.stringify(statusRaw)}`,
      );
    let registeredAt: string | null = null;
    const regRaw = ctx.get("registeredAt");
    if (regRaw) {
      registeredAt = parseDate(regRaw);
      if (!registeredAt)
        ctx.error(
          "registeredAt",
          "invalid_date",
          `成立日期「${regRaw}」不是有效日期`,
          `registration date ${JSON.stringify(regRaw)} is not a valid date`,
        );
      else if (registeredAt > ctx.today)
        ctx.error(
          "registeredAt",
          "future_date",
          `成立日期 ${registeredAt} 在未来`,
          `registration date ${registeredAt} is in the future`,
        );
    }
    // Kind from the code's kind code and the 市场主体类型 vocabulary (db/model/merchant-kind.ts), never
    // from a substring: "有限责任公司(自然人投资或控股)" is a company, not a natural person (issue 13 item 2).
    const kind = merchantKind({ uscc: v.uscc, typeText: ctx.get("kind") });
    if (kind.conflict) ctx.warn("kind", "kind_conflict", kind.conflict.zh, kind.conflict.en);
    if (!name || !authority || !licenseStatus || (regRaw && (!registeredAt || registeredAt > ctx.today)))
      return null;
    return {
      uscc: v.uscc,
      pilotCode: v.pilot,
      name,
      kind: kind.kind,
      licenseStatus,
      authority,
      registeredAt,
      legalRepresentative: ctx.get("legalRepresentative") || null,
      address: ctx.get("address") || null,
      scope: ctx.get("scope") || null,
    };
  },

  key: (v) => v.uscc,
  authorityOf: (v) => v.authority,

  async plan(ctx) {
    const existing = await loadMerchants(
      ctx.db,
      ctx.rows.map((r) => r.value.uscc),
    );
    const at = ctx.now.toISOString();
    const freshUntil = new Date(ctx.now.getTime() + FRESH_DAYS * 86_400_000).toISOString();
    // The columns this file speaks about: the same for every row.
    const fields = COMPARED.filter(
      (f) => f === "name" || f === "authority" || f === "pilotCode" || f === "kind" || ctx.has(f),
    );
    ctx.rows.forEach((r, i) => {
      ctx.progress(i + 1);
      const v = r.value;
      const old = existing.get(v.uscc);
      if (!old) {
        ctx.counted("inserted");
        // Written out (not `...v`): one object shape for a million rows, same keys in the same order.
        const row = {
          uscc: v.uscc,
          pilotCode: v.pilotCode,
          name: v.name,
          kind: v.kind,
          licenseStatus: v.licenseStatus,
          authority: v.authority,
          registeredAt: v.registeredAt,
          legalRepresentative: v.legalRepresentative,
          address: v.address,
          scope: v.scope,
          divisionCode: v.uscc.slice(2, 8),
          addressIsHome: v.kind === "natural_person",
          onlineOnly: false,
          freshUntil,
          sourceId: ctx.sourceOf(r),
          createdAt: at,
          updatedAt: at,
        };
        ctx.insert(merchants, row);
        ctx.ws.log({ action: "merchant.import", entity: "merchant", entityId: v.uscc, after: row });
        return;
      }
      const oldView = old as unknown as Record<string, unknown>;
      const next = v as unknown as Record<string, unknown>;
      if (sameFields(oldView, next, [...fields])) {
        ctx.counted("unchanged");
        return;
      }
      if (ctx.olderThanStored(r, old.sourceId, "登记信息 / registry facts")) return;
      ctx.counted("updated");
      const set = { ...pick(next, [...fields]), freshUntil, sourceId: ctx.sourceOf(r) };
      ctx.ws.add(ctx.db.update(merchants).set(set).where(eq(merchants.uscc, v.uscc)));
      ctx.ws.log({
        action: "merchant.import_update",
        entity: "merchant",
        entityId: v.uscc,
        before: pick(oldView, [...fields]),
        after: pick(next, [...fields]),
      });
      ctx.ws.touch(v.uscc);
      if (old.licenseStatus !== v.licenseStatus)
        ctx.ws.change({
          uscc: v.uscc,
          kind: "license",
          action: `license.${v.licenseStatus}`,
          detail: { from: old.licenseStatus, to: v.licenseStatus },
        });
    });
  },
};
