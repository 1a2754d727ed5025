import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { flattenForScan, pii } from "./pii-guard.arbitraries.ts";
import {
  detectPersonalData,
  guardPublicText,
  guardPublicValue,
  idNumberCheckChar,
  isPlausibleIdNumber,
  luhnValid,
} from "./pii-guard.ts";
import { buildUscc, validateUscc } from "./uscc.ts";

/** A GB 11643 number with its MOD 11-2 check character. */
const id = (first17: string) => first17 + idNumberCheckChar(first17);
/** A Luhn-valid card number from its first n−1 digits. */
const card = (body: string) => {
  for (let c = 0; c <= 9; c++) if (luhnValid(body + c)) return body + c;
  throw new Error("unreachable");
};
const toFullWidth = (s: string) =>
  s.replace(/[0-9X]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

const ID1 = id("32010219900307123"); // 南京市玄武区, born 1990-03-07
const ID_X = (() => {
  // One with an X check character (10 → X).
  for (let seq = 100; seq < 999; seq++) {
    const v = id(`11010519850615${seq}`);
    if (v.endsWith("X")) return v;
  }
  throw new Error("no X");
})();
const CARD16 = card("622202100112345"); // UnionPay-like, 16 digits
const CARD19 = card("622848004000123456"); // 19 digits

const kinds = (t: string) => detectPersonalData(t).map((f) => f.kind);
const spans = (t: string) => detectPersonalData(t).map((f) => t.slice(f.start, f.end));

describe("GB 11643 ID numbers", () => {
  it("knows the check character (ISO 7064 MOD 11-2) of the standard's example", () => {
    // GB 11643-1999 附录 A example: 11010519491231002X.
    expect(idNumberCheckChar("11010519491231002")).toBe("X");
    expect(isPlausibleIdNumber("11010519491231002X")).toBe(true);
  });

  it("finds an 18-digit number with a valid check digit in Chinese text, and its span", () => {
    const t = `失信类别：法定代表人身份证${ID1}，拒不履行`;
    expect(detectPersonalData(t)).toEqual([
      { kind: "id_number", start: t.indexOf(ID1), end: t.indexOf(ID1) + 18 },
    ]);
  });

  it("finds one ending in X (upper, lower, full-width)", () => {
    expect(kinds(ID_X)).toEqual(["id_number"]);
    expect(kinds(ID_X.toLowerCase())).toEqual(["id_number"]);
    expect(kinds(`证号${toFullWidth(ID_X)}`)).toEqual(["id_number"]);
  });

  it("finds a grouped one (6-8-4) and a full-width one, masking the original span", () => {
    const grouped = `${ID1.slice(0, 6)} ${ID1.slice(6, 14)} ${ID1.slice(14)}`;
    expect(spans(`身份证号 ${grouped} 。`)).toEqual([grouped]);
    const fw = toFullWidth(ID1);
    const out = guardPublicText(`身份证${fw}号`);
    expect(out).toBe(`身份证${ID1.slice(0, 4)}**********${ID1.slice(-4)}号`);
  });

  it("finds the 15-digit 1984 form with a plausible birth date", () => {
    expect(kinds("旧证 320102900307123 。")).toEqual(["id_number"]);
  });

  it("does not take an 18-digit number with a wrong check digit, impossible date or unknown province", () => {
    const wrong = ID1.slice(0, 17) + (ID1[17] === "0" ? "1" : "0");
    expect(kinds(wrong).includes("id_number")).toBe(false);
    const feb30 = id("32010219900230123");
    expect(kinds(feb30).includes("id_number")).toBe(false);
    const future = id("32010221990307123");
    expect(kinds(future).includes("id_number")).toBe(false);
    const province99 = id("99010219900307123");
    expect(kinds(province99).includes("id_number")).toBe(false);
  });

  it("finds an ID number right next to letters or other text (privacy wins over word boundaries)", () => {
    expect(kinds(`ID${ID1}abc`)).toEqual(["id_number"]);
  });
});

describe("mobile numbers", () => {
  it.each([
    "18612345678",
    "186-1234-5678",
    "186 1234 5678",
    "+86 186 1234 5678",
    "+86-18612345678",
    "008618612345678",
    "8618612345678",
    "(+86)18612345678",
    "１８６１２３４５６７８",
    "１８６－１２３４－５６７８",
    "186\u200b1234\u200b5678",
  ])("finds %s and masks all of it", (phone) => {
    const t = `联系电话：${phone}，`;
    expect(kinds(t)).toEqual(["mobile"]);
    expect(guardPublicText(t)).toBe("联系电话：186****5678，");
  });

  it("does not take 12-digit runs or 1[0-2] prefixes", () => {
    expect(kinds("编号 186123456789 。")).toEqual([]);
    expect(kinds("12012345678")).toEqual([]);
  });
});

describe("landlines", () => {
  it.each([
    ["025-88881234", "025-****34"],
    ["025-8888-1234", "025-****34"],
    ["(025)88881234", "025-****34"],
    ["（０２５）８８８８１２３４", "025-****34"],
    ["0512 6523 1234", "0512-****34"],
    ["0512-6523123", "0512-****23"],
    ["010-6552-1234转801", "010-****34"],
    ["0755-8888-1234-801", "0755-****34"],
    ["+86 25 8888 1234", "025-****34"],
  ])("finds %s", (phone, masked) => {
    const t = `电话 ${phone} 。`;
    expect(kinds(t)).toEqual(["landline"]);
    expect(guardPublicText(t)).toBe(`电话 ${masked} 。`);
  });

  it("needs a real area code and a local number not starting 0/1", () => {
    expect(kinds("0025-88881234")).toEqual([]);
    expect(kinds("025-18881234")).toEqual([]);
    expect(kinds("011-88881234")).toEqual([]);
  });
});

describe("bank cards", () => {
  it("finds Luhn-valid 16 and 19 digit numbers, plain and grouped by 4", () => {
    expect(kinds(`账号${CARD16}`)).toEqual(["bank_card"]);
    expect(kinds(`账号${CARD19}`)).toEqual(["bank_card"]);
    const grouped = CARD16.replace(/(\d{4})(?=\d)/g, "$1 ");
    expect(spans(`卡号 ${grouped} 。`)).toEqual([grouped]);
    expect(guardPublicText(`卡号 ${grouped} 。`)).toBe(`卡号 ****${CARD16.slice(-4)} 。`);
    expect(kinds(toFullWidth(CARD19))).toEqual(["bank_card"]);
  });

  it("does not take a Luhn-invalid number", () => {
    const bad = CARD16.slice(0, 15) + ((+CARD16[15]! + 1) % 10);
    expect(kinds(bad)).toEqual([]);
  });
});

describe("what the guard must leave alone", () => {
  it("keeps a valid 统一社会信用代码 (GB 32100), even an all-digit Luhn-valid one", () => {
    const uscc = buildUscc("91", "320102", "MA1W9X7Y");
    expect(guardPublicText(`统一社会信用代码：${uscc}`)).toBe(`统一社会信用代码：${uscc}`);
    // All-digit valid USCCs: some are Luhn-valid and start with 9 (a card IIN); they stay.
    let kept = 0;
    for (let i = 10_000_000; i < 10_000_400; i++) {
      const code = buildUscc("91", "320102", String(i));
      if (!/^\d{18}$/.test(code) || isPlausibleIdNumber(code)) continue;
      expect(guardPublicText(code)).toBe(code);
      kept++;
    }
    expect(kept).toBeGreaterThan(100);
  });

  it("masks a valid USCC that is also a plausible valid ID number (privacy wins)", () => {
    // An 18-digit string can pass both GB 32100 (org check + check character) and GB 11643: look
    // for one among generated ID numbers (about 1 in 340 passes both).
    let both: string | null = null;
    for (let seq = 0; seq < 100_000 && !both; seq++) {
      const candidate = id(
        `3201021990${String(101 + (seq % 28)).padStart(4, "0")}${String(seq).padStart(3, "0")}`.slice(0, 17),
      );
      if (/^\d{18}$/.test(candidate) && isPlausibleIdNumber(candidate) && validateUscc(candidate).ok)
        both = candidate;
    }
    expect(both).not.toBeNull();
    expect(guardPublicText(`代码 ${both}`)).toBe(`代码 ${both!.slice(0, 4)}**********${both!.slice(-4)}`);
  });

  it.each([
    "2026-01-02",
    "20260102",
    "2026年1月2日",
    "2026-01-02 13:45:00",
    "20260102134500",
    "罚款50000元",
    "罚款人民币 1,234,567.89 元",
    "没收违法所得 12345678.90 元",
    "苏市监罚〔2026〕123号",
    "京朝市监罚字〔2026〕第 10086 号",
    "(2026)京0105民初12345号",
    "投诉请拨打 12315 或 12345",
    "客服热线 400-820-8820",
    "客服 4008208820",
    "免费电话 800-810-8888",
    "95588",
    "邮编 210002",
    "注册资本 5000 万元",
    "第 3 页 共 12 页",
    "经营范围：食品销售（仅销售预包装食品）；日用百货销售",
  ])("leaves %s unchanged", (t) => {
    expect(guardPublicText(t)).toBe(t);
  });

  it("is idempotent: a masked text has nothing left to find", () => {
    const t = `身份证${ID1}，手机186-1234-5678，电话025-88881234，卡${CARD19}`;
    const once = guardPublicText(t);
    expect(detectPersonalData(once)).toEqual([]);
    expect(guardPublicText(once)).toBe(once);
  });
});

describe("adversarial mixtures", () => {
  it("finds every item of a list of numbers", () => {
    const t = `${ID1}、18612345678、13912345678；025-88881234,${CARD16}`;
    expect(kinds(t)).toEqual(["id_number", "mobile", "mobile", "landline", "bank_card"]);
    const out = guardPublicText(t);
    for (const v of [ID1, "18612345678", "13912345678", "88881234", CARD16]) expect(out).not.toContain(v);
  });

  it("a date directly before a mobile does not hide it", () => {
    expect(guardPublicText("2026-01-02 18612345678")).toBe("2026-01-02 186****5678");
  });

  it("strips bidi overrides and zero-width characters that would split or reorder a number", () => {
    const out = guardPublicText("手机\u202e186\u200b1234\u20605678\u202c");
    expect(out).toBe("手机186****5678");
  });

  it("a card followed by a landline: the card does not swallow the area code (found by fuzzing)", () => {
    const t = "4367420000000009 010-20000000";
    expect(kinds(t)).toEqual(["bank_card", "landline"]);
    expect(flattenForScan(guardPublicText(t))).not.toContain("01020000000");
  });

  it("two adjacent numbers separated only by a space are both found", () => {
    expect(kinds("18612345678 13912345678")).toEqual(["mobile", "mobile"]);
  });
});

describe("codes that look like numbers", () => {
  it("leaves 食品经营许可证 / 生产许可证 numbers (letters + 14 digits) alone, Luhn-valid or not", () => {
    let checked = 0;
    for (let i = 0; i < 200; i++) {
      const n = `JY2320102${String(100000 + i * 37).padStart(6, "0")}`.slice(0, 16);
      expect(guardPublicText(`许可证编号：${n}`)).toBe(`许可证编号：${n}`);
      checked++;
    }
    expect(guardPublicText("SC11332010200123")).toBe("SC11332010200123");
    expect(checked).toBe(200);
  });

  it("a landline extension written with x is part of the landline", () => {
    expect(guardPublicText("电话 025-88881234x801 。")).toBe("电话 025-****34 。");
  });
});

describe("guardPublicValue", () => {
  it("guards every string of a nested value and keeps numbers and unchanged objects as they are", () => {
    const shared = Object.freeze({ zh: "南京", code: "320100" });
    const v = { seq: 18612345678, region: shared, lists: [{ category: `手机18612345678` }], ok: true };
    const g = guardPublicValue(v);
    expect(g).toEqual({
      seq: 18612345678,
      region: shared,
      lists: [{ category: "手机186****5678" }],
      ok: true,
    });
    expect(g.region).toBe(shared);
    const clean = { a: ["x", { b: "y" }] };
    expect(guardPublicValue(clean)).toBe(clean);
  });
});

describe("properties (fast-check)", () => {
  const filler = fc.constantFrom(
    "",
    "联系人",
    "法定代表人身份证",
    "，手机",
    "（备注）",
    "电话：",
    "。",
    "：",
    "地址人民路",
    "卡号",
  );
  const joiner = fc.constantFrom("、", "，", "；", " ", "\n", "/ ");

  it("every generated ID number, mobile, landline and card is masked, alone or in a list", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(filler, pii, filler), { minLength: 1, maxLength: 4 }),
        joiner,
        (items, sep) => {
          const text = items.map(([a, p, b]) => `${a}${p.written}${b}`).join(sep);
          const out = flattenForScan(guardPublicText(text));
          for (const [, p] of items)
            expect(out, `${p.kind} ${p.written} in ${text}`).not.toContain(p.canonical);
        },
      ),
      { numRuns: 2000 },
    );
  });

  const date = fc.date({
    min: new Date("1990-01-01T00:00:00Z"),
    max: new Date("2030-12-31T00:00:00Z"),
    noInvalidDate: true,
  });
  const notPersonal = fc.oneof(
    date.map((d) => d.toISOString()),
    date.map((d) => d.toISOString().slice(0, 10)),
    date.map((d) => d.toISOString().slice(0, 10).replaceAll("-", "")),
    date.map((d) => d.toISOString().slice(0, 10).replaceAll("-", "/")),
    date.map((d) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`),
    date.map((d) => `${d.toISOString().slice(0, 10)} 至 ${d.toISOString().slice(0, 10)}`),
    fc.integer({ min: 1, max: 999_999_999 }).map((n) => `罚款${n}元`),
    fc.integer({ min: 1, max: 999_999_999 }).map((n) => `罚款人民币${n.toLocaleString("en-US")}.00元`),
    fc
      .tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 99_999 }))
      .map(([y, n]) => `苏市监罚〔${y}〕${n}号`),
    fc
      .tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 99_999 }))
      .map(([y, n]) => `(${y})京0105民初${n}号`),
    fc.constantFrom("12315", "12345", "400-820-8820", "4008208820", "800-810-8888", "95588", "10086"),
    fc.integer({ min: 0, max: 99_999_999 }).map((n) => buildUscc("91", "320102", String(n).padStart(8, "0"))),
    fc
      .integer({ min: 0, max: 99_999_999 })
      .map((n) => buildUscc("92", "440300", `MA${String(n).padStart(6, "0")}`)),
    fc.bigInt({ min: 10n ** 13n, max: 10n ** 14n - 1n }).map((n) => `JY${n}`),
  );

  it("dates, amounts, document numbers, hotlines, USCCs and permit numbers are left unchanged", () => {
    fc.assert(
      fc.property(
        fc.array(notPersonal, { minLength: 1, maxLength: 3 }),
        fc.constantFrom("，", "；", "、"),
        (parts, sep) => {
          const text = parts.join(sep);
          // An all-digit valid USCC that is also a plausible ID number is masked on purpose (privacy wins).
          if (parts.some((p) => /^\d{17}[\dX]$/.test(p) && isPlausibleIdNumber(p))) return;
          expect(guardPublicText(text)).toBe(text);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe("large input", () => {
  it("masks 50 000 numbers in one text (findings taken in linear time, not pairwise)", () => {
    const text = Array.from({ length: 50_000 }, (_, i) => (i % 2 ? CARD16 : "186 1234 5678")).join("、");
    const out = guardPublicText(text);
    expect(out).not.toContain(CARD16);
    expect(out.split("、").every((p) => p === `****${CARD16.slice(-4)}` || p === "186****5678")).toBe(true);
  });
});
