/**
 * 失信被执行人 (最高人民法院 全国法院失信被执行人名单; 《最高人民法院关于公布失信被执行人名单信息的若干规定》):
 * 被执行人姓名/名称, 身份证号码/组织机构代码, 法定代表人或者负责人姓名, 执行法院, 省份, 执行依据文号, 立案时间,
 * 案号, 做出执行依据单位, 生效法律文书确定的义务, 被执行人的履行情况, 失信被执行人行为具体情形, 发布时间.
 * Fixture and sources: db/fixtures/court-dishonest-sample.csv + .source.md.
 *
 * A company row carries its 统一社会信用代码 and becomes a 黑名单 entry of type 失信被执行人 (authority: the
 * court, document: the case number). A natural person is identified by an ID number (GB 11643): it is
 * matched against the operators of natural-person shops this service knows (their ID numbers are held
 * privately, merchants.legal_representative_id_number) and, when it matches, the entry hangs off that
 * merchant — the ID number itself is never stored or published (PIPL; the court publishes it masked on
 * its own site). An unmatched person's row is skipped with a warning that does not repeat the number.
 */
import { merchants } from "@xinbiao/db/schema";
import { and, eq, isNotNull } from "drizzle-orm";
import type { PublicationSpec } from "./spec.ts";

const ID_NUMBER = /^\d{17}[\dXx]$/;

export const courtDishonestSpec: PublicationSpec = {
  type: "court_dishonest",
  zh: "失信被执行人（法院）",
  en: "dishonest judgment debtors (court list)",
  target: "lists",
  synonyms: {
    name: ["被执行人姓名/名称", "被执行人姓名", "被执行人名称", "失信被执行人名称"],
    uscc: ["身份证号码/组织机构代码", "证件号码", "身份证号/组织机构代码"],
    authority: ["执行法院"],
    documentNo: ["案号"],
    reason: ["失信被执行人行为具体情形", "失信情形"],
  },
  extraColumns: [
    { field: "duty", label: "生效法律文书确定的义务", aliases: ["生效法律文书确定的义务"], required: false },
    {
      field: "performance",
      label: "被执行人的履行情况",
      aliases: ["被执行人的履行情况", "履行情况"],
      required: false,
    },
    { field: "basisNo", label: "执行依据文号", aliases: ["执行依据文号"], required: false },
    { field: "basisUnit", label: "做出执行依据单位", aliases: ["做出执行依据单位"], required: false },
    { field: "filedAt", label: "立案时间", aliases: ["立案时间"], required: false },
    { field: "province", label: "省份", aliases: ["省份"], required: false },
    {
      field: "responsible",
      label: "法定代表人或者负责人姓名",
      aliases: ["法定代表人或者负责人姓名"],
      required: false,
    },
  ],
  // 发布时间 is the publication date (公示日期 column) and the listing date alike.
  fill: {
    list: "black",
    category: "失信被执行人",
    publicationType: "失信被执行人",
    listedAt: (get) => get("publishedAt"),
  },
  prepare: async (db) => {
    const rows = await db
      .select({ uscc: merchants.uscc, id: merchants.legalRepresentativeIdNumber })
      .from(merchants)
      .where(and(eq(merchants.kind, "natural_person"), isNotNull(merchants.legalRepresentativeIdNumber)));
    return new Map(rows.map((r) => [r.id!.toUpperCase(), r.uscc]));
  },
  transform: {
    // An ID number becomes the code of the natural-person merchant it identifies ("" when none).
    uscc: (raw, lookup) => (ID_NUMBER.test(raw) ? (lookup.get(raw.toUpperCase()) ?? "") : raw),
  },
  skip: (_get, raw, lookup) =>
    ID_NUMBER.test(raw("uscc")) && !lookup.has(raw("uscc").toUpperCase())
      ? {
          code: "natural_person_unmatched",
          zh: "被执行人为自然人（证件号码为身份证号），与本服务收录的个人网店经营者均不匹配：未导入，证件号码不保存",
          en: "the debtor is a natural person (ID number) matching no individual seller known here: not imported, the number is not kept",
        }
      : null,
  signature: [/失信被执行人|被执行人姓名|执行法院/],
  specificity: 3,
  displayRule:
    "按法院公布期间公示；法院删除（履行完毕、撤销等）后移出（《最高人民法院关于公布失信被执行人名单信息的若干规定》第十条）",
  fixture: "court-dishonest-sample.csv",
};
