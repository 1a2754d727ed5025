/**
 * 严重违法失信名单 (《市场监督管理严重违法失信名单管理办法》, 市场监管总局令第 44 号, 2021-09-01):
 * 列入严重违法失信名单原因 (事由), 列入日期, 作出决定机关, 决定书文号; 移出 likewise.
 * Display: 3 years from listing unless removed (Order 44: 列入满三年移出); early removal (信用修复) only
 * after one year (lifecycle/severe-removal.ts). Written as 黑名单 entries marked severe.
 * Fixture and sources: db/fixtures/serious-illegal-sample.csv + .source.md.
 */
import { addMonths } from "@xinbiao/db/model";
import { parseDate } from "../values.ts";
import type { PublicationSpec } from "./spec.ts";

export const seriousIllegalSpec: PublicationSpec = {
  type: "serious_illegal",
  zh: "严重违法失信名单（市场监管）",
  en: "serious illegal and dishonest list (SAMR Order 44)",
  target: "lists",
  synonyms: {
    name: ["企业名称", "当事人名称"],
    reason: ["列入严重违法失信名单原因", "列入严重违法失信企业名单原因", "列入事由", "列入原因"],
    authority: ["作出决定机关(列入)", "列入作出决定机关", "作出决定机关", "列入决定机关"],
    documentNo: ["列入决定书文号", "决定书文号", "列入文号"],
    listedAt: ["列入日期", "列入时间"],
    removedAt: ["移出日期"],
    removalReason: ["移出严重违法失信名单原因", "移出原因"],
  },
  fill: {
    list: "black",
    severe: "是",
    publicationType: "严重违法失信名单",
    displayUntil: (get) => {
      const d = parseDate(get("listedAt"));
      return d ? addMonths(d, 36) : "";
    },
  },
  signature: [/严重违法失信(企业)?名单/],
  specificity: 3,
  displayRule: "自列入之日起公示 3 年；满 1 年可申请提前移出（市场监管总局令第 44 号）",
  fixture: "serious-illegal-sample.csv",
};
