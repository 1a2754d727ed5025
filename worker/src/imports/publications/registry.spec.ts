/**
 * 市场主体登记信息 (registry extracts): 统一社会信用代码, 企业名称, 市场主体类型, 登记状态, 登记机关, 成立日期,
 * 法定代表人, 住所, 经营范围. Kind from the code and 市场主体类型 (db/model/merchant-kind.ts).
 * Fresh for 180 days (DESIGN §3). Fixture: db/fixtures/merchants-sample.csv.
 */
import type { PublicationSpec } from "./spec.ts";

export const registrySpec: PublicationSpec = {
  type: "merchants",
  zh: "市场主体登记信息",
  en: "registry extract",
  target: "merchants",
  signature: [/统一社会信用代码|社会信用代码|信用代码/, /^(登记机关|登记机构|发照机关)$/],
  specificity: 1,
  displayRule: "登记信息 180 天内为新鲜；超过后记录显示“待核实”（DESIGN §3）",
  fixture: "merchants-sample.csv",
};

export const gradesSpec: PublicationSpec = {
  type: "grades",
  zh: "信用风险分类 / 信用等级",
  en: "credit grades",
  target: "grades",
  signature: [/信用等级|风险等级|风险分类|分类结果/],
  specificity: 2,
  displayRule: "以最近一次分类结果为准（分类日期）",
};

export const verificationsSpec: PublicationSpec = {
  type: "verifications",
  zh: "身份核验标识",
  en: "identity verifications",
  target: "verifications",
  signature: [/核验方式|认证方式/],
  specificity: 2,
  displayRule: "核验有效期内显示",
};

export const permitsSpec: PublicationSpec = {
  type: "permits",
  zh: "许可证 / 证照",
  en: "licenses and permits",
  target: "permits",
  signature: [/许可证(名称|编号)|证照(名称|编号)/],
  specificity: 1,
  displayRule: "许可有效期内公示",
};
