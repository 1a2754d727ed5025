import type { CompactRecord } from "@xinbiao/db/model";
import { describe, expect, it } from "vitest";
import type { LookupResult } from "./messages.ts";
import { badgeView, bannerView, mismatchText } from "./present.ts";

const base: CompactRecord = {
  uscc: "91320214745555318W",
  name: "无锡禾沐岫电子商务有限公司",
  verdict: "trusted",
  brand: { id: "jiangsu", zh: "信用江苏", en: "Credit Jiangsu" },
  licenseStatus: "active",
  verified: true,
  grade: "A",
  lists: [
    {
      list: "red",
      category: "诚信经营示范店",
      status: "active",
      listedAt: "2026-07-01",
      authority: "无锡市市场监督管理局",
    },
  ],
  reasons: [
    { code: "red_listed", zh: "列入红名单，信用等级 A，已核验", en: "red-listed, grade A, verified" },
  ],
  updatedAt: "2026-11-01T00:00:00.000Z",
};
const found = (record: CompactRecord, over: Partial<LookupResult> = {}): LookupResult =>
  ({
    state: "found",
    record,
    fetchedAt: Date.parse("2026-11-20"),
    stale: false,
    dismissedToday: false,
    ...over,
  }) as LookupResult;

const black: CompactRecord = {
  ...base,
  verdict: "danger",
  brand: { id: "jiangxi", zh: "信用江西", en: "Credit Jiangxi" },
  verified: false,
  grade: "D",
  lists: [
    {
      list: "black",
      category: "刷单炒信",
      status: "active",
      listedAt: "2026-10-10",
      authority: "瑞昌市发展和改革委员会",
    },
  ],
  reasons: [
    {
      code: "blacklisted",
      zh: "列入电子商务领域黑名单：刷单炒信",
      en: "on the e-commerce blacklist: 刷单炒信",
    },
    { code: "not_verified", zh: "未完成身份核验", en: "identity not verified" },
  ],
};

describe("badgeView", () => {
  it("is 信标's badge: 已亮照, verification, grade, the red list, and 信用江苏 as the data source", () => {
    const v = badgeView(found(base), { lang: "zh", licenseShown: true });
    expect(v).toMatchObject({ tone: "trusted", brand: "信标", verdictLabel: "守信", iconId: "check" });
    expect(v.parts).toEqual(["已亮照", "已核验", "A级", "红名单", "数据来源：信用江苏"]);
  });
  it("says 执照有效 when the page does not display the license", () => {
    expect(badgeView(found(base), { lang: "zh", licenseShown: false }).parts[0]).toBe("执照有效");
  });
  it("puts the black-list category on the badge and not the red list", () => {
    const v = badgeView(found(black), { lang: "zh", licenseShown: true });
    expect(v.tone).toBe("danger");
    expect(v.parts).toContain("黑名单 · 刷单炒信");
    expect(v.parts).toContain("未核验");
  });
  it("labels a revoked or cancelled license as such, never 失信 (issue 13 item 8)", () => {
    for (const [status, word, en] of [
      ["revoked", "执照已吊销", "License revoked"],
      ["cancelled", "执照已注销", "License cancelled"],
    ] as const) {
      const r = { ...base, licenseStatus: status, verdict: "danger" as const, lists: [] };
      const v = badgeView(found(r), { lang: "zh", licenseShown: true });
      expect(v.tone).toBe("danger");
      expect(v.verdictLabel).toBe(word);
      expect(v.iconId).toBe("void");
      expect([v.verdictLabel, ...v.parts].join(" ")).not.toContain("失信");
      expect(v.parts).not.toContain(word); // the headline says it once
      expect(badgeView(found(r), { lang: "en", licenseShown: true }).verdictLabel).toBe(en);
      const banner = bannerView(found(r), "zh")!;
      expect(banner.title).toBe(
        word === "执照已吊销" ? "执照已吊销：经营者已无合法经营资格" : "执照已注销：该经营主体已终止",
      );
      expect(banner.title).not.toContain("失信");
    }
    // A 黑名单 entry stays 失信 whatever the license.
    expect(
      badgeView(found({ ...black, licenseStatus: "revoked" }), { lang: "zh", licenseShown: true })
        .verdictLabel,
    ).toBe("失信");
  });
  it("labels an exempt license", () => {
    expect(
      badgeView(found({ ...base, licenseStatus: "exempt" }), { lang: "zh", licenseShown: false }).parts[0],
    ).toBe("免于登记");
  });
  it("is neutral, never green, for an unknown shop", () => {
    const v = badgeView(
      { state: "unknown", fetchedAt: 0, stale: false, dismissedToday: false },
      { lang: "zh", licenseShown: false },
    );
    expect(v.tone).toBe("unknown");
    // 信标未收录 — whose database has no record — never a regional brand as the one without it.
    expect(v.brand).toBe("信标未收录");
    expect(v.parts).toEqual([]);
    expect(v.icon).not.toBe("✔");
    const en = badgeView(
      { state: "unknown", fetchedAt: 0, stale: false, dismissedToday: false },
      { lang: "en", licenseShown: false },
    );
    expect(en.brand).toBe("Not in Xinbiao");
  });
  it("labels stale data, both an offline cache and a record past its freshness bound", () => {
    const v = badgeView(found(base, { stale: true }), { lang: "zh", licenseShown: true });
    expect(v.notes[0]).toMatch(/^离线缓存，数据可能已过期/);
    const old = { ...base, reasons: [{ code: "stale_data", zh: "数据已超过更新期限", en: "stale" }] };
    expect(badgeView(found(old), { lang: "en", licenseShown: true }).notes[0]).toBe(
      "Past its freshness bound: may be out of date.",
    );
  });
  it("speaks English", () => {
    const v = badgeView(found(base), { lang: "en", licenseShown: true });
    expect(v.brand).toBe("Xinbiao");
    expect(v.parts).toEqual(["license shown", "verified", "Grade A", "red list", "Data: Credit Jiangsu"]);
  });
});

describe("bannerView", () => {
  it("says why, since when and from which source for a 黑名单 merchant", () => {
    const b = bannerView(found(black), "zh")!;
    expect(b.tone).toBe("danger");
    expect(b.lines[0]).toBe("黑名单 · 刷单炒信 · 列入日期 2026-10-10 · 来源：瑞昌市发展和改革委员会");
    expect(b.lines).toContain("未完成身份核验");
  });
  it("is amber for 重点关注 and absent for normal or trusted shops", () => {
    const watch: CompactRecord = {
      ...base,
      verdict: "warning",
      lists: [
        {
          list: "watch",
          category: "虚假宣传",
          status: "objected",
          listedAt: "2026-10-20",
          authority: "义乌市市场监督管理局",
        },
      ],
      reasons: [{ code: "watchlisted", zh: "列入重点关注名单：虚假宣传", en: "" }],
    };
    const b = bannerView(found(watch), "zh")!;
    expect(b.tone).toBe("warning");
    expect(b.lines[0]).toContain("重点关注 · 虚假宣传");
    expect(b.lines[0]).toContain("异议处理中");
    expect(bannerView(found(base), "zh")).toBeNull();
    expect(bannerView(found({ ...base, verdict: "normal" }), "zh")).toBeNull();
  });
  it("stays hidden once dismissed today", () => {
    expect(bannerView(found(black, { dismissedToday: true }), "zh")).toBeNull();
  });
  it("warns from the prefix set alone when offline", () => {
    expect(bannerView({ state: "listed", list: "black", dismissedToday: false }, "zh")?.tone).toBe("danger");
  });
});

it("names the shop a mismatched badge belongs to", () => {
  expect(mismatchText({ platform: "taobao", shopId: "100001" }, "zh")).toEqual({
    title: "页面上的信用标识与本店不符",
    detail: "页面嵌入的信标标识绑定的是 淘宝 店铺 100001，而不是当前店铺。",
  });
});
