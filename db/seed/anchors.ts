/**
 * Named demo merchants: one per state the surfaces must show. Fictitious names; the USCCs are built
 * with valid check characters (except the pilot code, which is deliberately off by its check).
 * Shop ids here are what the extension's fixture pages and the browser tests use.
 */
import type { GradeLevel, ListKind } from "../model/record.ts";
import type { Platform } from "../model/shop-key.ts";
import { buildUscc } from "../model/uscc.ts";

export interface Anchor {
  key: string;
  uscc: string;
  name: string;
  kind: "enterprise" | "individual_business" | "natural_person";
  licenseStatus: "active" | "abnormal" | "revoked" | "cancelled" | "exempt";
  authority: string;
  registeredAt?: string;
  legalRepresentative: string;
  idNumber?: string;
  phone?: string;
  address: string;
  scope: string;
  onlineOnly?: boolean;
  pilotCode?: boolean;
  stale?: boolean;
  verified: boolean;
  shopName?: string;
  shops: [Platform, string][];
  permits?: { kind: string; number: string; authority: string; validFrom: string; validTo?: string }[];
  grade?: { level: GradeLevel; source: "official" | "computed"; factors?: string[] };
  lists?: {
    list: ListKind;
    category: string;
    authority: string;
    documentNo: string;
    daysAgo: number;
    displayDays?: number;
    severe?: boolean;
    repaired?: boolean;
    removed?: boolean;
  }[];
  commitment?: boolean;
}

const pilot = (() => {
  // A real-looking early pilot code: valid structure, last check character deliberately off by one.
  const good = buildUscc("91", "320411", "7A3M9K2P");
  return good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
})();

export const ANCHORS: Anchor[] = [
  {
    key: "trusted",
    uscc: buildUscc("91", "320214", "MA1XB7Q0"),
    name: "无锡禾沐岫电子商务有限公司",
    kind: "enterprise",
    licenseStatus: "active",
    authority: "无锡市新吴区市场监督管理局",
    registeredAt: "2016-03-08",
    legalRepresentative: "周晓东",
    idNumber: "320214198203154321",
    phone: "13861234567",
    address: "江苏省无锡市新吴区长江路 88 号",
    scope: "网上销售日用百货、茶叶、预包装食品",
    verified: true,
    shopName: "禾沐岫旗舰店",
    shops: [
      ["taobao", "100001"],
      ["tmall", "100001"],
      ["jd", "1000001"],
      ["pinduoduo", "100001"],
      ["1688", "100001"],
    ],
    permits: [
      {
        kind: "食品经营许可证",
        number: "JY13202140012345",
        authority: "无锡市新吴区市场监督管理局",
        validFrom: "2023-05-01",
        validTo: "2028-04-30",
      },
    ],
    grade: { level: "A", source: "official" },
    lists: [
      {
        list: "red",
        category: "诚信经营示范店",
        authority: "无锡市市场监督管理局",
        documentNo: "锡市监信〔2026〕12号",
        daysAgo: 120,
      },
    ],
    commitment: true,
  },
  {
    key: "normal",
    uscc: buildUscc("91", "320506", "MA2CD8R1"),
    name: "苏州澄渚家居用品有限公司",
    kind: "enterprise",
    licenseStatus: "active",
    authority: "苏州市吴中区市场监督管理局",
    legalRepresentative: "陈海燕",
    address: "江苏省苏州市吴中区湖滨路 16 号",
    scope: "家居用品、厨具网上销售",
    verified: true,
    shopName: "澄渚家居专营店",
    shops: [
      ["taobao", "100002"],
      ["tmall", "100002"],
      ["jd", "1000002"],
      ["pinduoduo", "100002"],
      ["1688", "100002"],
    ],
    grade: { level: "B", source: "official" },
  },
  {
    key: "blacklisted",
    uscc: buildUscc("91", "360481", "MA3EF9T2"),
    name: "瑞昌栖榉数码科技有限公司",
    kind: "enterprise",
    licenseStatus: "active",
    authority: "瑞昌市市场监督管理局",
    legalRepresentative: "司马志强",
    idNumber: "360481197505061234",
    phone: "13912345678",
    address: "江西省九江市瑞昌市建设路 5 号",
    scope: "数码产品网上销售",
    verified: false,
    shopName: "栖榉数码",
    shops: [
      ["taobao", "100003"],
      ["tmall", "100003"],
      ["jd", "1000003"],
      ["pinduoduo", "100003"],
      ["1688", "100003"],
    ],
    grade: { level: "D", source: "computed", factors: ["列入黑名单或执照被吊销/注销"] },
    lists: [
      {
        list: "black",
        category: "刷单炒信",
        authority: "瑞昌市发展和改革委员会",
        documentNo: "瑞信用〔2026〕3号",
        daysAgo: 40,
      },
    ],
  },
  {
    key: "watchlisted",
    uscc: buildUscc("91", "330782", "MA4GH0U3"),
    name: "义乌篱芷服饰有限公司",
    kind: "enterprise",
    licenseStatus: "active",
    authority: "义乌市市场监督管理局",
    legalRepresentative: "王芳",
    address: "浙江省金华市义乌市新华路 201 号",
    scope: "服装服饰网上零售",
    verified: true,
    shopName: "篱芷女装",
    shops: [
      ["taobao", "100004"],
      ["jd", "1000004"],
      ["pinduoduo", "100004"],
    ],
    grade: { level: "C", source: "official" },
    lists: [
      {
        list: "watch",
        category: "虚假宣传",
        authority: "义乌市市场监督管理局",
        documentNo: "义市监罚〔2026〕88号",
        daysAgo: 30,
      },
    ],
  },
  {
    key: "overdue",
    uscc: buildUscc("91", "341202", "MA5JK1W4"),
    name: "阜阳汀苒母婴用品有限公司",
    kind: "enterprise",
    licenseStatus: "active",
    authority: "阜阳市颍州区市场监督管理局",
    legalRepresentative: "欧阳娜娜",
    address: "安徽省阜阳市颍州区中山路 12 号",
    scope: "母婴用品网上销售",
    verified: true,
    shops: [
      ["taobao", "100005"],
      ["pinduoduo", "100005"],
    ],
    grade: { level: "C", source: "computed", factors: ["列入重点关注名单或经营异常名录"] },
    lists: [
      {
        list: "watch",
        category: "合同违约",
        authority: "阜阳市市场监督管理局",
        documentNo: "阜市监罚〔2026〕7号",
        daysAgo: 150,
      },
    ],
  },
  {
    key: "revoked",
    uscc: buildUscc("91", "320412", "MA6LM2X5"),
    name: "常州砚溪食品有限公司",
    kind: "enterprise",
    licenseStatus: "revoked",
    authority: "常州市武进区市场监督管理局",
    legalRepresentative: "李勇",
    address: "江苏省常州市武进区人民路 300 号",
    scope: "预包装食品销售",
    verified: true,
    shops: [
      ["taobao", "100006"],
      ["jd", "1000006"],
    ],
    grade: { level: "D", source: "computed", factors: ["列入黑名单或执照被吊销/注销"] },
  },
  {
    key: "abnormal",
    uscc: buildUscc("92", "320102", "MA7NP3Y6"),
    name: "南京玄武棠悠茶业店",
    kind: "individual_business",
    licenseStatus: "abnormal",
    authority: "南京市玄武区市场监督管理局",
    legalRepresentative: "刘敏",
    address: "江苏省南京市玄武区中山路 66 号",
    scope: "茶叶及茶具销售",
    verified: true,
    shops: [["taobao", "100007"]],
    grade: { level: "C", source: "computed", factors: ["列入重点关注名单或经营异常名录"] },
  },
  {
    key: "natural_person",
    uscc: buildUscc("99", "320583", "MA8QR4A7"),
    name: "张三",
    kind: "natural_person",
    licenseStatus: "exempt",
    authority: "（免于登记）",
    legalRepresentative: "张三",
    idNumber: "320583199001011234",
    phone: "13700001111",
    address: "江苏省苏州市昆山市和平路 9 号 2 幢 301 室",
    scope: "个人网店：手工编织品",
    verified: true,
    shopName: "小张手作",
    shops: [
      ["taobao", "100008"],
      ["pinduoduo", "100008"],
    ],
    grade: { level: "B", source: "computed", factors: ["登记未满 2 年"] },
  },
  {
    key: "expired_entry",
    uscc: buildUscc("91", "320205", "MA9RT5B8"),
    name: "无锡楹蔚农产品有限公司",
    kind: "enterprise",
    licenseStatus: "active",
    authority: "无锡市锡山区市场监督管理局",
    legalRepresentative: "赵磊",
    address: "江苏省无锡市锡山区解放路 45 号",
    scope: "初级农产品网上销售",
    verified: true,
    shops: [["jd", "1000009"]],
    grade: { level: "B", source: "official" },
    lists: [
      // Past its display period: must appear on no public surface.
      {
        list: "black",
        category: "制假售假",
        authority: "无锡市市场监督管理局",
        documentNo: "锡市监〔2022〕9号",
        daysAgo: 1300,
        displayDays: -200,
      },
      // Repaired: gone publicly, kept in the audit log.
      {
        list: "watch",
        category: "虚假宣传",
        authority: "无锡市市场监督管理局",
        documentNo: "锡市监罚〔2025〕31号",
        daysAgo: 200,
        repaired: true,
      },
    ],
  },
  {
    key: "pilot",
    uscc: pilot,
    name: "常州翎旻电子商务有限公司",
    kind: "enterprise",
    licenseStatus: "active",
    authority: "常州市新北区市场监督管理局",
    legalRepresentative: "孙涛",
    address: "江苏省常州市新北区长江路 9 号",
    scope: "网上销售电子产品",
    pilotCode: true,
    verified: true,
    shops: [["tmall", "100010"]],
    grade: { level: "B", source: "official" },
  },
  {
    key: "stale",
    uscc: buildUscc("91", "440305", "MAAUW6C9"),
    name: "深圳芮桦数码科技有限公司",
    kind: "enterprise",
    licenseStatus: "active",
    authority: "深圳市市场监督管理局",
    legalRepresentative: "黄超",
    address: "广东省深圳市南山区科技路 1 号",
    scope: "数码产品销售",
    stale: true,
    verified: true,
    shops: [["jd", "1000011"]],
    grade: { level: "A", source: "official" },
  },
];

export function anchor(key: string): Anchor {
  const a = ANCHORS.find((x) => x.key === key);
  if (!a) throw new Error(`no demo anchor named ${key}`);
  return a;
}
