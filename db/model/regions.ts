/**
 * Administrative divisions (GB/T 2260) and the credit brand shown for each.
 *
 * The brand is the provincial credit portal where one backs the badge: the seeds come from Jiangsu
 * (苏政办规〔2023〕13号), Jiangxi (赣信用办〔2018〕26号, 瑞昌) and Anhui (颍州), so those provinces carry
 * their own brand; every other region shows 信用中国, the national portal.
 */

export interface Province {
  code: string; // two-digit prefix, e.g. "32"
  zh: string;
  en: string;
}

export interface Brand {
  id: string;
  zh: string;
  en: string;
  url: string;
}

export const PROVINCES: Record<string, Province> = Object.fromEntries(
  (
    [
      ["11", "北京市", "Beijing"],
      ["12", "天津市", "Tianjin"],
      ["13", "河北省", "Hebei"],
      ["14", "山西省", "Shanxi"],
      ["15", "内蒙古自治区", "Inner Mongolia"],
      ["21", "辽宁省", "Liaoning"],
      ["22", "吉林省", "Jilin"],
      ["23", "黑龙江省", "Heilongjiang"],
      ["31", "上海市", "Shanghai"],
      ["32", "江苏省", "Jiangsu"],
      ["33", "浙江省", "Zhejiang"],
      ["34", "安徽省", "Anhui"],
      ["35", "福建省", "Fujian"],
      ["36", "江西省", "Jiangxi"],
      ["37", "山东省", "Shandong"],
      ["41", "河南省", "Henan"],
      ["42", "湖北省", "Hubei"],
      ["43", "湖南省", "Hunan"],
      ["44", "广东省", "Guangdong"],
      ["45", "广西壮族自治区", "Guangxi"],
      ["46", "海南省", "Hainan"],
      ["50", "重庆市", "Chongqing"],
      ["51", "四川省", "Sichuan"],
      ["52", "贵州省", "Guizhou"],
      ["53", "云南省", "Yunnan"],
      ["54", "西藏自治区", "Tibet"],
      ["61", "陕西省", "Shaanxi"],
      ["62", "甘肃省", "Gansu"],
      ["63", "青海省", "Qinghai"],
      ["64", "宁夏回族自治区", "Ningxia"],
      ["65", "新疆维吾尔自治区", "Xinjiang"],
    ] as const
  ).map(([code, zh, en]) => [code, { code, zh, en }]),
);

export const NATIONAL_BRAND: Brand = {
  id: "creditchina",
  zh: "信用中国",
  en: "Credit China",
  url: "https://www.creditchina.gov.cn/",
};

/** Province prefix → provincial brand. Anything not here falls back to 信用中国. */
export const PROVINCIAL_BRANDS: Record<string, Brand> = {
  "32": { id: "jiangsu", zh: "信用江苏", en: "Credit Jiangsu", url: "https://credit.jiangsu.gov.cn/" },
  "36": { id: "jiangxi", zh: "信用江西", en: "Credit Jiangxi", url: "https://credit.jiangxi.gov.cn/" },
  "34": { id: "anhui", zh: "信用安徽", en: "Credit Anhui", url: "https://credit.ah.gov.cn/" },
};

/**
 * Real county-level divisions used by the demo generator (and shown by name on pages). Not complete:
 * a code missing here still resolves to its province and brand.
 */
export const DIVISIONS: Record<string, string> = {
  "110105": "北京市朝阳区",
  "110108": "北京市海淀区",
  "310104": "上海市徐汇区",
  "310115": "上海市浦东新区",
  "320102": "南京市玄武区",
  "320104": "南京市秦淮区",
  "320105": "南京市建邺区",
  "320106": "南京市鼓楼区",
  "320115": "南京市江宁区",
  "320205": "无锡市锡山区",
  "320206": "无锡市惠山区",
  "320211": "无锡市滨湖区",
  "320213": "无锡市梁溪区",
  "320214": "无锡市新吴区",
  "320402": "常州市天宁区",
  "320404": "常州市钟楼区",
  "320411": "常州市新北区",
  "320412": "常州市武进区",
  "320413": "常州市金坛区",
  "320481": "常州市溧阳市",
  "320505": "苏州市虎丘区",
  "320506": "苏州市吴中区",
  "320507": "苏州市相城区",
  "320508": "苏州市姑苏区",
  "320581": "苏州市常熟市",
  "320582": "苏州市张家港市",
  "320583": "苏州市昆山市",
  "320585": "苏州市太仓市",
  "320612": "南通市通州区",
  "321002": "扬州市广陵区",
  "321102": "镇江市京口区",
  "330106": "杭州市西湖区",
  "330108": "杭州市滨江区",
  "330782": "金华市义乌市",
  "340104": "合肥市蜀山区",
  "341202": "阜阳市颍州区",
  "350203": "厦门市思明区",
  "360102": "南昌市东湖区",
  "360111": "南昌市青山湖区",
  "360481": "九江市瑞昌市",
  "370102": "济南市历下区",
  "410105": "郑州市金水区",
  "420106": "武汉市武昌区",
  "430104": "长沙市岳麓区",
  "440106": "广州市天河区",
  "440304": "深圳市福田区",
  "440305": "深圳市南山区",
  "500103": "重庆市渝中区",
  "510107": "成都市武侯区",
  "610113": "西安市雁塔区",
};

export interface Region {
  code: string;
  province: string;
  provinceEn: string;
  division: string | null;
  brand: Brand;
}

/** Division code (6 digits, from USCC positions 3–8) → province and brand. */
export function regionOf(divisionCode: string): Region {
  const prefix = divisionCode.slice(0, 2);
  const province = PROVINCES[prefix];
  return {
    code: divisionCode,
    province: province?.zh ?? "未知地区",
    provinceEn: province?.en ?? "unknown region",
    division: DIVISIONS[divisionCode] ?? null,
    brand: brandOf(divisionCode),
  };
}

export function brandOf(divisionCode: string): Brand {
  return PROVINCIAL_BRANDS[divisionCode.slice(0, 2)] ?? NATIONAL_BRAND;
}
