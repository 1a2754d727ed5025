/**
 * Deterministic demo and benchmark data (DESIGN §5). Fictitious names only: brand syllables are drawn
 * from a list of uncommon character pairs so that no list entry stands next to a real company's name.
 * Same `seed` + same `now` → the same rows, byte for byte.
 */
import * as nodeCrypto from "node:crypto";
import { COMPUTED_SCHEME, computeGrade, OFFICIAL_SCHEME } from "../model/grade.ts";
import { addMonths, defaultRectifyBy } from "../model/lists.ts";
import { merchantKind, NATURAL_PERSON_KIND_CODE } from "../model/merchant-kind.ts";
import { EXEMPTION_STATEMENT, type GradeLevel, type ListKind } from "../model/record.ts";
import { DIVISIONS } from "../model/regions.ts";
import { PLATFORMS, type Platform } from "../model/shop-key.ts";
import { buildUscc, USCC_ALPHABET } from "../model/uscc.ts";
import { ANCHORS, type Anchor } from "./anchors.ts";

export interface MerchantRow {
  uscc: string;
  name: string;
  kind: "enterprise" | "individual_business" | "natural_person" | "other";
  pilotCode: boolean;
  divisionCode: string;
  licenseStatus: "active" | "abnormal" | "revoked" | "cancelled" | "exempt";
  authority: string;
  registeredAt: string | null;
  legalRepresentative: string | null;
  legalRepresentativeIdNumber: string | null;
  contactPhone: string | null;
  address: string | null;
  addressIsHome: boolean;
  scope: string | null;
  onlineOnly: boolean;
  exemptionStatement: string | null;
  freshUntil: string;
  sourceId: string;
  createdAt: string;
  updatedAt: string;
}
export interface PermitRow {
  uscc: string;
  kind: string;
  number: string;
  authority: string;
  validFrom: string;
  validTo: string | null;
  sourceId: string;
}
export interface VerificationRow {
  uscc: string;
  platform: string;
  method: string;
  verifiedAt: string;
  expiresAt: string | null;
  sourceId: string;
}
export interface ShopRow {
  platform: Platform;
  shopId: string;
  uscc: string;
  name: string;
  url: string;
  origins: string[];
  partnerId: string | null;
  hash: string;
  prefix: string;
}
export interface ListEntryRow {
  uscc: string;
  list: ListKind;
  category: string;
  authority: string;
  documentNo: string;
  listedAt: string;
  rectifyBy: string | null;
  displayUntil: string | null;
  severe: boolean;
  status: "active" | "rectifying" | "overdue" | "objected";
  rectifiedAt: string | null;
  repairedAt: string | null;
  repairDocumentNo: string | null;
  removedAt: string | null;
  removalReason: string | null;
  sourceId: string;
}
export interface GradeRow {
  uscc: string;
  level: GradeLevel;
  source: "official" | "computed";
  scheme: string;
  asOf: string;
  factors: string[];
  sourceId: string;
}
export interface CommitmentRow {
  uscc: string;
  title: string;
  text: string;
  signedAt: string;
}
export interface SourceRow {
  id: string;
  title: string;
  authority: string;
  publishedAt: string;
  url: string | null;
  kind: "registry" | "license" | "list" | "grade" | "verification" | "demo";
}
export interface PartnerRow {
  id: string;
  name: string;
  platform: Platform;
}

export interface Dataset {
  sources: SourceRow[];
  partners: PartnerRow[];
  merchants: MerchantRow[];
  permits: PermitRow[];
  verifications: VerificationRow[];
  shops: ShopRow[];
  listEntries: ListEntryRow[];
  grades: GradeRow[];
  commitments: CommitmentRow[];
}

export interface GenerateOptions {
  /** How many merchants in all (anchors included). */
  merchants: number;
  /** Target number of list entries (black + watch + red); default ≈ 10% of merchants. */
  listEntries?: number;
  /** Shops per merchant on average; default 1.2. */
  shopsPerMerchant?: number;
  seed?: number;
  now?: Date;
}

/** Black-list categories (发改财金〔2018〕716号, forwarded by 赣信用办〔2018〕26号). */
export const BLACK_CATEGORIES = [
  "失信被执行人",
  "制假售假",
  "侵犯知识产权",
  "刷单炒信",
  "网络购物合同纠纷",
  "空包裹代发邮寄",
  "非法采集、滥用、泄漏和倒卖个人信息",
] as const;
/** 重点关注名单: administrative penalties for 虚假宣传, 合同违约 (same source). */
export const WATCH_CATEGORIES = ["虚假宣传", "合同违约"] as const;
export const RED_CATEGORIES = ["诚信经营示范店", "守合同重信用企业", "A级纳税人"] as const;

/** mulberry32: tiny, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  "王",
  "李",
  "张",
  "刘",
  "陈",
  "杨",
  "黄",
  "赵",
  "吴",
  "周",
  "徐",
  "孙",
  "马",
  "朱",
  "胡",
  "郭",
  "何",
  "林",
  "欧阳",
  "司马",
];
const GIVEN = [
  "伟",
  "芳",
  "娜",
  "敏",
  "静",
  "磊",
  "洋",
  "艳",
  "勇",
  "军",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "秀英",
  "晓东",
  "海燕",
  "志强",
  "丽华",
];
/** Uncommon pairs: fictitious brand names. */
const BRAND_A = [
  "禾",
  "沐",
  "栖",
  "澄",
  "岚",
  "砚",
  "篱",
  "汀",
  "楹",
  "棠",
  "翎",
  "芮",
  "珂",
  "朔",
  "洺",
  "昙",
];
const BRAND_B = [
  "岫",
  "澜",
  "芊",
  "渚",
  "榉",
  "旻",
  "筠",
  "苒",
  "溪",
  "禧",
  "悠",
  "骁",
  "蔚",
  "芷",
  "桦",
  "珩",
];
const TRADES = [
  { zh: "电子商务", scope: "网上销售日用百货、服装鞋帽、电子产品", food: false },
  { zh: "食品", scope: "预包装食品销售；网上销售农副产品", food: true },
  { zh: "茶业", scope: "茶叶及茶具销售；预包装食品销售", food: true },
  { zh: "服饰", scope: "服装服饰、鞋帽箱包网上零售", food: false },
  { zh: "家居用品", scope: "家居用品、厨具、日用杂品网上销售", food: false },
  { zh: "数码科技", scope: "数码产品、电子元器件销售；技术服务", food: false },
  { zh: "母婴用品", scope: "母婴用品、玩具网上销售", food: false },
  { zh: "农产品", scope: "初级农产品、预包装食品网上销售", food: true },
];
const STREETS = ["人民路", "中山路", "解放路", "建设路", "和平路", "长江路", "新华路", "湖滨路"];
const AUTHORITY_SUFFIX = "市场监督管理局";
const AGENCIES = ["市发展和改革委员会", "市市场监督管理局", "市商务局", "市中级人民法院"];

const DEMO_SOURCE: SourceRow = {
  id: "demo-registry",
  title: "演示数据：市场主体登记信息（虚构）",
  authority: "信标演示数据生成器",
  publishedAt: "2026-01-01",
  url: null,
  kind: "demo",
};
const DEMO_LIST_SOURCE: SourceRow = {
  id: "demo-lists",
  title: "演示数据：电子商务领域黑名单和重点关注名单（虚构）",
  authority: "信标演示数据生成器",
  publishedAt: "2026-01-01",
  url: null,
  kind: "demo",
};
const DEMO_GRADE_SOURCE: SourceRow = {
  id: "demo-grades",
  title: "演示数据：企业信用风险分类结果（虚构）",
  authority: "信标演示数据生成器",
  publishedAt: "2026-01-01",
  url: null,
  kind: "demo",
};

export const DEMO_PARTNERS: PartnerRow[] = PLATFORMS.map((p) => ({
  id: `demo-${p}`,
  name: `演示平台 ${p}`,
  platform: p,
}));

const JIANGSU_DIVISIONS = Object.keys(DIVISIONS).filter((c) => c.startsWith("32"));
const OTHER_DIVISIONS = Object.keys(DIVISIONS).filter((c) => !c.startsWith("32"));
/** City name per division ("苏州市吴中区" → "苏州"), computed once instead of a regex per merchant. */
const PLACE = new Map(
  Object.entries(DIVISIONS).map(([code, name]) => [
    code,
    (name ?? "").replace(/^(.{2,3}?市).*$/, "$1").replace(/市$/, ""),
  ]),
);

/**
 * One-shot `crypto.hash` (Node ≥ 20.12) skips the Hash object per call: at 1.2M shops that object
 * churn was a third of the hashing time. Falls back to createHash where `hash` is missing.
 */
const oneShotHash = (nodeCrypto as { hash?: (alg: string, data: string, enc: "hex") => string }).hash;
export function hashShop(platform: string, shopId: string): string {
  const input = `${platform}:${shopId}`;
  return oneShotHash
    ? oneShotHash("sha256", input, "hex")
    : nodeCrypto.createHash("sha256").update(input).digest("hex");
}

export function shopUrl(platform: Platform, shopId: string): string {
  switch (platform) {
    case "taobao":
      return `https://shop${shopId}.taobao.com/`;
    case "tmall":
      return `https://shop${shopId}.tmall.com/`;
    case "jd":
      return `https://mall.jd.com/index-${shopId}.html`;
    case "pinduoduo":
      return `https://mobile.yangkeduo.com/mall_page.html?mall_id=${shopId}`;
    case "1688":
      return `https://shop${shopId}.1688.com/`;
  }
}

/** The origin of `shopUrl(platform, shopId)`, written out instead of parsed (`new URL` per shop was slow). */
export function shopOrigins(platform: Platform, shopId: string): string[] {
  switch (platform) {
    case "taobao":
    case "tmall":
    case "1688":
      return [`https://shop${shopId}.${platform === "1688" ? "1688" : platform}.com`];
    case "jd":
      return ["https://mall.jd.com"];
    case "pinduoduo":
      return ["https://mobile.yangkeduo.com"];
  }
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}
/**
 * `daysBefore` is called several times per merchant with a few thousand distinct day counts; a Date
 * and toISOString per call dominated the profile at 1M merchants, so results are memoised per clock.
 */
let dayClock = Number.NaN;
let dayCache: (string | undefined)[] = [];
function daysBefore(now: Date, days: number): string {
  const t = now.getTime();
  if (t !== dayClock) {
    dayClock = t;
    dayCache = [];
  }
  // Non-negative whole days (the generator's case) hit the array; anything else is computed.
  if (days >= 0 && days < 20_000 && Number.isInteger(days)) {
    let s = dayCache[days];
    if (s === undefined) {
      s = isoDay(new Date(t - days * 86_400_000));
      dayCache[days] = s;
    }
    return s;
  }
  return isoDay(new Date(t - days * 86_400_000));
}
/** addMonths over a few hundred distinct dates: memoised like daysBefore. */
const monthCache = new Map<string, string>();
function addMonthsCached(date: string, months: number): string {
  const k = `${date}|${months}`;
  let s = monthCache.get(k);
  if (s === undefined) {
    if (monthCache.size > 100_000) monthCache.clear();
    s = addMonths(date, months);
    monthCache.set(k, s);
  }
  return s;
}
const rectifyCache = new Map<string, string | null>();
function rectifyByCached(list: ListKind, listedAt: string): string | null {
  const k = `${list}|${listedAt}`;
  let s = rectifyCache.get(k);
  if (s === undefined) {
    if (rectifyCache.size > 100_000) rectifyCache.clear();
    s = defaultRectifyBy(list, listedAt);
    rectifyCache.set(k, s);
  }
  return s;
}

/** Digits-and-letters body of an organization code, from a counter: unique and deterministic. */
function orgBody(n: number, rnd: () => number): string {
  // 8 chars: 6 from the counter (base 31 over the USCC alphabet), 2 pseudo-random digits.
  let s = "";
  let x = n;
  for (let i = 0; i < 6; i++) {
    s = USCC_ALPHABET[x % 31]! + s;
    x = Math.floor(x / 31);
  }
  return `${Math.floor(rnd() * 10)}${Math.floor(rnd() * 10)}${s}`;
}

function personName(rnd: () => number): string {
  return pick(SURNAMES, rnd) + pick(GIVEN, rnd);
}
function pick<T>(arr: readonly T[], rnd: () => number): T {
  return arr[Math.floor(rnd() * arr.length)]!;
}
function idNumber(division: string, rnd: () => number): string {
  const year = 1960 + Math.floor(rnd() * 40);
  const month = String(1 + Math.floor(rnd() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(rnd() * 28)).padStart(2, "0");
  const seq = String(Math.floor(rnd() * 1000)).padStart(3, "0");
  return `${division}${year}${month}${day}${seq}${Math.floor(rnd() * 10)}`;
}
function phone(rnd: () => number): string {
  return `13${Math.floor(rnd() * 10)}${String(Math.floor(rnd() * 1e8)).padStart(8, "0")}`;
}

export function generateDataset(opts: GenerateOptions): Dataset {
  const rnd = prng(opts.seed ?? 20261122);
  const now = opts.now ?? new Date();
  const total = Math.max(opts.merchants, ANCHORS.length);
  const targetLists = opts.listEntries ?? Math.round(total * 0.1);
  const shopsPer = opts.shopsPerMerchant ?? 1.2;
  const updatedAt = now.toISOString();
  const freshUntil = new Date(now.getTime() + 180 * 86_400_000).toISOString();

  const ds: Dataset = {
    sources: [DEMO_SOURCE, DEMO_LIST_SOURCE, DEMO_GRADE_SOURCE],
    partners: DEMO_PARTNERS,
    merchants: [],
    permits: [],
    verifications: [],
    shops: [],
    listEntries: [],
    grades: [],
    commitments: [],
  };

  for (const a of ANCHORS) addAnchor(ds, a, now);

  const generated = total - ANCHORS.length;
  // List probabilities tuned so the expected count of entries meets targetLists.
  const listShare =
    generated > 0 ? Math.min(0.9, Math.max(0, targetLists - ds.listEntries.length) / generated) : 0;
  let docSeq = 1;
  let shopSeq = 1;

  for (let i = 0; i < generated; i++) {
    const jiangsu = rnd() < 0.4; // ≥ 30% in Jiangsu (brand 信用江苏), as the seeds come from there
    const division = jiangsu ? pick(JIANGSU_DIVISIONS, rnd) : pick(OTHER_DIVISIONS, rnd);
    const place = PLACE.get(division) ?? "";
    const r = rnd();
    // The kind code is drawn (GB 32100-2015: 91 企业, 92 个体工商户); natural persons have no USCC of their
    // own, the platform's registration uses a code we derive under kind code 99 so that every merchant
    // keys the same way. The kind is then read from the code exactly as an import reads it
    // (db/model/merchant-kind.ts), so seed and imports cannot disagree.
    const kindCode = r < 0.7 ? "91" : r < 0.92 ? "92" : NATURAL_PERSON_KIND_CODE;
    const trade = pick(TRADES, rnd);
    const brand = pick(BRAND_A, rnd) + pick(BRAND_B, rnd);
    const rep = personName(rnd);
    const uscc = buildUscc(kindCode, division, orgBody(100000 + i, rnd));
    const kind: MerchantRow["kind"] = merchantKind({ uscc }).kind;
    const name =
      kind === "natural_person"
        ? rep
        : kind === "enterprise"
          ? `${place}${brand}${trade.zh}有限公司`
          : `${place}${brand}${trade.zh}店`;
    const lr = rnd();
    const licenseStatus: MerchantRow["licenseStatus"] =
      kind === "natural_person"
        ? "exempt"
        : lr < 0.03
          ? "revoked"
          : lr < 0.05
            ? "cancelled"
            : lr < 0.09
              ? "abnormal"
              : "active";
    const registeredAt = kind === "natural_person" ? null : daysBefore(now, 200 + Math.floor(rnd() * 5000));
    const street = pick(STREETS, rnd);
    ds.merchants.push({
      uscc,
      name,
      kind,
      pilotCode: false,
      divisionCode: division,
      licenseStatus,
      authority: `${place}${AUTHORITY_SUFFIX}`,
      registeredAt,
      legalRepresentative: rep,
      legalRepresentativeIdNumber: idNumber(division, rnd),
      contactPhone: phone(rnd),
      address: `${DIVISIONS[division]}${street}${1 + Math.floor(rnd() * 300)}号`,
      addressIsHome: kind === "natural_person",
      scope: kind === "natural_person" ? `个人网店：${trade.scope}` : trade.scope,
      onlineOnly: rnd() < 0.3,
      exemptionStatement: kind === "natural_person" ? EXEMPTION_STATEMENT : null,
      freshUntil: rnd() < 0.02 ? daysBefore(now, 10) : freshUntil,
      sourceId: DEMO_SOURCE.id,
      createdAt: updatedAt,
      updatedAt,
    });

    if (trade.food && kind !== "natural_person" && rnd() < 0.8) {
      ds.permits.push({
        uscc,
        kind: "食品经营许可证",
        number: `JY1${division}${String(i).padStart(7, "0")}`,
        authority: `${place}${AUTHORITY_SUFFIX}`,
        validFrom: daysBefore(now, 400),
        validTo: addMonthsCached(daysBefore(now, 400), 60),
        sourceId: DEMO_SOURCE.id,
      });
    }

    const shopCount = rnd() < shopsPer - 1 ? 2 : 1;
    const verified = rnd() < 0.75;
    for (let s = 0; s < shopCount; s++) {
      const platform = pick(PLATFORMS, rnd);
      const shopId = String(2_000_000 + shopSeq++);
      const hash = hashShop(platform, shopId);
      ds.shops.push({
        platform,
        shopId,
        uscc,
        name: kind === "natural_person" ? `${brand}小铺` : `${brand}${trade.zh}旗舰店`,
        url: shopUrl(platform, shopId),
        origins: shopOrigins(platform, shopId),
        partnerId: `demo-${platform}`,
        hash,
        prefix: hash.slice(0, 4),
      });
      if (verified && s === 0) {
        ds.verifications.push({
          uscc,
          platform,
          method: kind === "natural_person" ? "人脸识别实名核验" : "电子营业执照",
          verifiedAt: daysBefore(now, 30 + Math.floor(rnd() * 300)),
          expiresAt: null,
          sourceId: DEMO_SOURCE.id,
        });
      }
    }

    const lists: ListKind[] = [];
    if (rnd() < listShare) {
      const lk = rnd();
      const list: ListKind = lk < 0.5 ? "black" : lk < 0.8 ? "watch" : "red";
      lists.push(list);
      const category =
        list === "black"
          ? pick(BLACK_CATEGORIES, rnd)
          : list === "watch"
            ? pick(WATCH_CATEGORIES, rnd)
            : pick(RED_CATEGORIES, rnd);
      const listedAt = daysBefore(now, Math.floor(rnd() * 400));
      ds.listEntries.push({
        uscc,
        list,
        category,
        authority: `${place}${pick(AGENCIES, rnd).slice(1)}`,
        documentNo: `${place.slice(0, 1)}信用〔${listedAt.slice(0, 4)}〕${docSeq++}号`,
        listedAt,
        rectifyBy: rectifyByCached(list, listedAt),
        displayUntil: addMonthsCached(listedAt, list === "red" ? 24 : 36),
        severe: list === "black" && rnd() < 0.2,
        status: "active",
        rectifiedAt: null,
        repairedAt: null,
        repairDocumentNo: null,
        removedAt: null,
        removalReason: null,
        sourceId: DEMO_LIST_SOURCE.id,
      });
    }

    const official = kind !== "natural_person" && rnd() < 0.5;
    const computed = computeGrade({
      licenseStatus,
      lists,
      verified,
      yearsRegistered: registeredAt ? (now.getTime() - Date.parse(registeredAt)) / 31_557_600_000 : null,
    });
    const level = official ? (lists.includes("red") ? "A" : computed.level) : computed.level;
    ds.grades.push({
      uscc,
      level,
      source: official ? "official" : "computed",
      scheme: official ? OFFICIAL_SCHEME : COMPUTED_SCHEME,
      asOf: daysBefore(now, 60),
      factors: official ? [] : computed.factors,
      sourceId: DEMO_GRADE_SOURCE.id,
    });
    if (lists.includes("red") || rnd() < 0.1) {
      ds.commitments.push({
        uscc,
        title: "电子商务领域信用承诺书",
        text: "本单位承诺遵纪守法、信息真实、质量可靠、服务保障，违法失信后自愿接受约束和惩戒。",
        signedAt: daysBefore(now, 90),
      });
    }
  }
  return ds;
}

/** Anchors: the named demo merchants the README, pages, fixtures and tests refer to. */
function addAnchor(ds: Dataset, a: Anchor, now: Date): void {
  const today = isoDay(now);
  const updatedAt = now.toISOString();
  // The anchor's stated kind must be what its code says (merchant-kind.ts): a mismatch is a data error.
  const derived = merchantKind({ uscc: a.uscc }).kind;
  if (derived !== a.kind)
    throw new Error(`anchor ${a.key}: kind ${a.kind} but its code ${a.uscc} says ${derived}`);
  ds.merchants.push({
    uscc: a.uscc,
    name: a.name,
    kind: derived,
    pilotCode: a.pilotCode ?? false,
    divisionCode: a.uscc.slice(2, 8),
    licenseStatus: a.licenseStatus,
    authority: a.authority,
    registeredAt: a.kind === "natural_person" ? null : (a.registeredAt ?? "2015-06-18"),
    legalRepresentative: a.legalRepresentative,
    legalRepresentativeIdNumber: a.idNumber ?? null,
    contactPhone: a.phone ?? null,
    address: a.address,
    addressIsHome: a.kind === "natural_person",
    scope: a.scope,
    onlineOnly: a.onlineOnly ?? false,
    exemptionStatement: a.kind === "natural_person" ? EXEMPTION_STATEMENT : null,
    freshUntil: a.stale ? daysBefore(now, 5) : new Date(now.getTime() + 180 * 86_400_000).toISOString(),
    sourceId: DEMO_SOURCE.id,
    createdAt: updatedAt,
    updatedAt,
  });
  for (const p of a.permits ?? []) {
    ds.permits.push({ uscc: a.uscc, ...p, validTo: p.validTo ?? null, sourceId: DEMO_SOURCE.id });
  }
  for (const [platform, shopId] of a.shops) {
    const hash = hashShop(platform, shopId);
    ds.shops.push({
      platform,
      shopId,
      uscc: a.uscc,
      name: a.shopName ?? a.name,
      url: shopUrl(platform, shopId),
      origins: shopOrigins(platform, shopId),
      partnerId: `demo-${platform}`,
      hash,
      prefix: hash.slice(0, 4),
    });
  }
  if (a.verified) {
    const platform = a.shops[0]?.[0] ?? "taobao";
    ds.verifications.push({
      uscc: a.uscc,
      platform,
      method: a.kind === "natural_person" ? "人脸识别实名核验" : "电子营业执照",
      verifiedAt: daysBefore(now, 40),
      expiresAt: null,
      sourceId: DEMO_SOURCE.id,
    });
  }
  for (const e of a.lists ?? []) {
    const listedAt = daysBefore(now, e.daysAgo);
    ds.listEntries.push({
      uscc: a.uscc,
      list: e.list,
      category: e.category,
      authority: e.authority,
      documentNo: e.documentNo,
      listedAt,
      rectifyBy: defaultRectifyBy(e.list, listedAt),
      displayUntil: e.displayDays === undefined ? addMonths(listedAt, 36) : daysBefore(now, -e.displayDays),
      severe: e.severe ?? false,
      status: "active",
      rectifiedAt: null,
      repairedAt: e.repaired ? today : null,
      repairDocumentNo: e.repaired ? "演示修复〔2026〕1号" : null,
      removedAt: e.removed ? today : null,
      removalReason: e.removed ? "整改完毕，依申请移出" : null,
      sourceId: DEMO_LIST_SOURCE.id,
    });
  }
  if (a.grade) {
    ds.grades.push({
      uscc: a.uscc,
      level: a.grade.level,
      source: a.grade.source,
      scheme: a.grade.source === "official" ? OFFICIAL_SCHEME : COMPUTED_SCHEME,
      asOf: daysBefore(now, 30),
      factors: a.grade.factors ?? [],
      sourceId: DEMO_GRADE_SOURCE.id,
    });
  }
  if (a.commitment) {
    ds.commitments.push({
      uscc: a.uscc,
      title: "电子商务领域信用承诺书",
      text: "本单位承诺遵纪守法、信息真实、质量可靠、服务保障，违法失信后自愿接受约束和惩戒。",
      signedAt: daysBefore(now, 100),
    });
  }
}
