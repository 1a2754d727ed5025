/**
 * Issue 13 item 2: a registry row typed 有限责任公司(自然人投资或控股) — the commonest company type — was
 * stored as natural_person and its public name masked (南*********). The kind now comes from the code's
 * kind code and the 市场主体类型 vocabulary (db/model/merchant-kind.ts).
 */
import { buildUscc } from "@xinbiao/db/model";
import { merchants } from "@xinbiao/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "../auth/test-keys.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { runImport } from "./run-import.ts";

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp();
});
afterAll(() => t.cleanup());

const COMPANY = buildUscc("91", "360102", "MA7KD0A1");
const SOLE = buildUscc("91", "320506", "MA7KD0B2");
const SHOP = buildUscc("92", "360481", "MA7KD0C3");

describe("merchant kind on import", () => {
  it("companies whose type names natural-person investors stay enterprises, names unmasked", async () => {
    const csv = [
      "统一社会信用代码,企业名称,市场主体类型,登记状态,登记机关,成立日期,法定代表人",
      `${COMPANY},南昌砚栖电子商务有限公司,有限责任公司(自然人投资或控股),存续,南昌市东湖区市场监督管理局,2019-04-16,邝一舟`,
      `${SOLE},苏州澄栖家居有限公司,有限责任公司（自然人独资）,存续,苏州市吴中区市场监督管理局,2020-01-02,闵若汐`,
      `${SHOP},瑞昌市栖溪日用品店,自然人,存续,瑞昌市市场监督管理局,2021-02-25,柯晓岚`,
    ].join("\n");
    const r = await runImport(
      t.db,
      { kind: "merchants", bytes: new TextEncoder().encode(csv), fileName: "registry.csv", actor: "test" },
      TEST_NOW,
    );
    expect(r.status).toBe("applied");
    const kinds = await Promise.all(
      [COMPANY, SOLE, SHOP].map(
        async (u) => (await t.db.select().from(merchants).where(eq(merchants.uscc, u)).get())?.kind,
      ),
    );
    expect(kinds).toEqual(["enterprise", "enterprise", "individual_business"]);
    // A 92 code typed 自然人 is recorded by its code, with a warning naming the row.
    expect(r.warnings.find((w) => w.code === "kind_conflict")).toMatchObject({
      row: 4,
      column: "市场主体类型",
    });
    const rec = await (await t.app.request(`/api/v1/merchants/${COMPANY}`)).json<Json>();
    expect(rec.record.name).toBe("南昌砚栖电子商务有限公司");
    expect(rec.record.kind).toBe("enterprise");
  });
});
