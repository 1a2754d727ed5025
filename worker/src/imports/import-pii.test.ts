/**
 * Issue 13 item 1, import side: an ID number (GB 11643) or a mobile number inside a free-text public
 * cell (失信类别, 住所, 经营范围 …) was stored as given and shown in full on the record and the page.
 * Imports now pass every public free-text column through guardPublicText (db/model/pii-guard.ts); the
 * raw text is kept in restricted_texts, which no public code reads.
 */
import { idNumberCheckChar } from "@xinbiao/db/model";
import { listEntries, merchants, restrictedTexts } from "@xinbiao/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { type ImportOptions, runImport } from "./run-import.ts";

const ID17 = "32010219900307123";
const ID = ID17 + idNumberCheckChar(ID17);
const MOBILE = "18612345678";
const SHOP = "92360481MA7QX3D55D";

let t: TestApp;
const enc = (lines: string[]) => new TextEncoder().encode(`${lines.join("\n")}\n`);
const run = (o: Pick<ImportOptions, "kind" | "bytes"> & Partial<ImportOptions>) =>
  runImport(t.db, { fileName: "f.csv", actor: "test", publishedAt: "2026-11-10", ...o }, TEST_NOW);

beforeAll(async () => {
  t = await openTestApp();
});
afterAll(() => t.cleanup());

describe("personal data in imported free text", () => {
  it("is masked in what public surfaces read; the raw text is kept for the regulator only", async () => {
    const m = await run({
      kind: "merchants",
      bytes: enc([
        "统一社会信用代码,企业名称,市场主体类型,登记机关,住所,经营范围",
        `${SHOP},瑞昌市栎溪日用品店,个体工商户,瑞昌市市场监督管理局,江西省九江市瑞昌市湓城路 7 号（电话 ${MOBILE}）,日用品网上零售`,
      ]),
    });
    expect(m.status).toBe("applied");
    expect(m.warnings.find((w) => w.code === "personal_data_masked")).toMatchObject({
      row: 2,
      column: "住所",
    });
    const category = `刷单炒信（当事人身份证号 ${ID}，手机 ${MOBILE}）`;
    const bytes = enc([
      "主体名称,统一社会信用代码,名单类型,失信类别,认定部门,文书号,列入日期",
      `瑞昌市栎溪日用品店,${SHOP},黑名单,${category},瑞昌市发展和改革委员会,瑞信用〔2026〕31号,2026-09-15`,
    ]);
    const l = await run({ kind: "lists", bytes });
    expect(l.status).toBe("applied");
    expect(l.warnings.find((w) => w.code === "personal_data_masked")).toMatchObject({
      row: 2,
      column: "失信类别",
    });

    // Stored where public code reads: masked.
    const entry = await t.db.select().from(listEntries).where(eq(listEntries.uscc, SHOP)).get();
    expect(entry!.category).not.toContain(ID);
    expect(entry!.category).not.toContain(MOBILE);
    expect(entry!.category).toContain("刷单炒信");
    const shop = await t.db.select().from(merchants).where(eq(merchants.uscc, SHOP)).get();
    expect(shop!.address).not.toContain(MOBILE);

    // Public surfaces: record API and page.
    for (const path of [`/api/v1/merchants/${SHOP}`, `/m/${SHOP}`]) {
      const res = await t.app.request(path);
      expect(res.status, path).toBe(200);
      const body = await res.text();
      expect(body, path).not.toContain(ID);
      expect(body, path).not.toContain(MOBILE);
    }

    // The regulator's copy: raw, with its source.
    const raw = await t.db.select().from(restrictedTexts).where(eq(restrictedTexts.uscc, SHOP));
    expect(raw.map((r) => [r.entity, r.field, r.rawText])).toEqual([
      ["merchant", "address", `江西省九江市瑞昌市湓城路 7 号（电话 ${MOBILE}）`],
      ["list_entry", "category", category],
    ]);
    expect(raw[1]!.sourceId).toBe(l.sourceId);

    // Re-importing the same publication changes nothing and records nothing twice.
    expect((await run({ kind: "lists", bytes })).status).toBe("unchanged");
    expect(await t.db.select().from(restrictedTexts).where(eq(restrictedTexts.uscc, SHOP))).toHaveLength(2);
  });
});
