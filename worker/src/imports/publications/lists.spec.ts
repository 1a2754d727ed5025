/**
 * 黑名单 / 重点关注名单 / 红名单 as 信用中国 and the provincial credit sites publish them: a 名单类型
 * column, or one file per list (`blacklist`, `watchlist`, `redlist` name the list; `--list` too).
 * Display: the 公示截止期 the agency gives; 黑名单 and 重点关注 entries without 整改期限 get listed + 3
 * months to rectify (赣信用办〔2018〕26号 转发 发改财金〔2018〕716号 四). 黑名单 is also called
 * 严重失信主体名单 (《失信行为纠正后的信用信息修复管理办法（试行）》, 国家发展改革委令 2023 年第 58 号).
 */
import type { PublicationSpec } from "./spec.ts";

const LIST_SYNONYMS = {
  name: ["失信主体名称", "严重失信主体名称", "守信主体名称"],
  category: ["严重失信主体名单类别", "失信类型"],
  authority: ["认定单位名称", "列入决定机关", "数据来源单位"],
  documentNo: ["认定文书号", "列入决定文书号"],
  listedAt: ["认定日期", "列入名单日期"],
};

const RULE =
  "公示截止期按认定部门公布；黑名单/重点关注无整改期限时按列入后 3 个月（赣信用办〔2018〕26号 / 发改财金〔2018〕716号 四）";

export const listsSpec: PublicationSpec = {
  type: "lists",
  zh: "信用名单（含名单类型列）",
  en: "credit lists (with a list-type column)",
  target: "lists",
  synonyms: LIST_SYNONYMS,
  signature: [
    /^(失信类别|失信行为|失信情形|列入原因|列入事由|认定事由)$/,
    /文书号|文号/,
    /^(名单类型|名单类别|名单|名单名称)$/,
  ],
  specificity: 1,
  displayRule: RULE,
  fixture: "lists-creditchina-sample.utf8.csv",
};

export const blacklistSpec: PublicationSpec = {
  type: "blacklist",
  zh: "黑名单 / 严重失信主体名单",
  en: "blacklist (严重失信主体名单)",
  target: "lists",
  synonyms: LIST_SYNONYMS,
  fill: { list: "black", publicationType: "严重失信主体名单" },
  displayRule: RULE,
  fixture: "blacklist-xinyong-sample.csv",
};

export const watchlistSpec: PublicationSpec = {
  type: "watchlist",
  zh: "重点关注名单",
  en: "watch list (重点关注名单)",
  target: "lists",
  synonyms: LIST_SYNONYMS,
  fill: { list: "watch", publicationType: "重点关注名单" },
  displayRule: RULE,
};

export const redlistSpec: PublicationSpec = {
  type: "redlist",
  zh: "红名单（守信激励）",
  en: "red list (守信激励)",
  target: "lists",
  synonyms: { ...LIST_SYNONYMS, category: ["守信类别", "红名单类别", "荣誉名称"] },
  fill: { list: "red", publicationType: "红名单" },
  displayRule: "红名单按认定部门公布的有效期公示，无整改期限",
};
