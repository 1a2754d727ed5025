/**
 * 经营异常名录 (国家企业信用信息公示系统): 企业名称, 统一社会信用代码, 列入经营异常名录原因, 列入日期,
 * 作出决定机关 (列入), 移出经营异常名录原因, 移出日期, 作出决定机关 (移出). The columns are those the
 * system shows and 《企业经营异常名录管理暂行办法》 requires of a decision (列入/移出 日期, 事由, 作出决定机关);
 * fixture and sources: db/fixtures/abnormal-operations-sample.csv + .source.md.
 * Written as 重点关注 (watch) entries with publication type 经营异常名录: shown while listed; a 移出
 * closes the entry. The list carries no document number: the key is the listing date
 * (one listing per subject and day), so a later 移出 row of the same listing closes it.
 */
import type { PublicationSpec } from "./spec.ts";

export const abnormalOperationsSpec: PublicationSpec = {
  type: "abnormal_operations",
  zh: "经营异常名录",
  en: "business-abnormality list (经营异常名录)",
  target: "lists",
  synonyms: {
    name: ["企业名称", "市场主体名称"],
    reason: ["列入经营异常名录原因", "列入异常原因", "列入经营异常原因", "列入原因"],
    authority: ["作出决定机关(列入)", "列入作出决定机关", "列入决定机关", "列入决定机构", "作出决定机关"],
    listedAt: ["列入日期", "列入时间"],
    removedAt: ["移出日期", "移出时间"],
    removalReason: ["移出经营异常名录原因", "移出原因", "移出事由"],
    documentNo: ["列入决定书文号", "决定书文号"],
  },
  fill: {
    list: "watch",
    publicationType: "经营异常名录",
    documentNo: (get) => `经营异常名录·${get("listedAt")}`,
  },
  signature: [/经营异常/],
  specificity: 3,
  displayRule:
    "列入期间公示，移出后不再作为警示；满 3 年未移出的转入严重违法失信名单（《市场监督管理严重违法失信名单管理办法》，市场监管总局令第 44 号）",
  fixture: "abnormal-operations-sample.csv",
};
