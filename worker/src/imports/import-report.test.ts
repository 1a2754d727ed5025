/**
 * Issue 15: one list row naming a merchant not yet in the registry rejected the whole file, and bad
 * check characters surfaced only in a second round. Now a minimal merchant is created from the
 * publication (marked from_publication; --strict keeps the refusal), and one report carries every
 * problem at once with the cell's value and, for a check character, the expected one.
 */
import { buildUscc } from "@xinbiao/db/model";
import { merchants } from "@xinbiao/db/schema";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Json } from "../auth/test-keys.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { type ImportOptions, runImport } from "./run-import.ts";

const HEADER = "主体名称,统一社会信用代码,名单类型,失信类别,认定部门,文书号,列入日期";
const NEW = buildUscc("91", "110105", "MA01XK2B");
const enc = (lines: string[]) => new TextEncoder().encode(`${lines.join("\n")}\n`);

let t: TestApp;
const run = (o: Pick<ImportOptions, "bytes"> & Partial<ImportOptions>) =>
  runImport(
    t.db,
    { kind: "lists", fileName: "f.csv", actor: "test", publishedAt: "2026-11-10", ...o },
    TEST_NOW,
  );

beforeAll(async () => {
  t = await openTestApp();
});
afterAll(() => t.cleanup());

describe("unknown merchants", () => {
  const bytes = enc([
    HEADER,
    `北京栎柘科技有限公司,${NEW},黑名单,刷单炒信,北京市朝阳区发展和改革委员会,朝信用〔2026〕5号,2026-10-08`,
  ]);

  it("--strict refuses the file", async () => {
    const r = await run({ bytes, strict: true });
    expect(r.status).toBe("rejected");
    expect(r.errors[0]).toMatchObject({ row: 2, code: "unknown_merchant", value: NEW });
  });

  it("by default a minimal merchant is created from the publication, marked as such", async () => {
    const dry = await run({ bytes, dryRun: true });
    expect(dry).toMatchObject({ status: "dry_run", created: 1, inserted: 1 });
    const r = await run({ bytes });
    expect(r).toMatchObject({ status: "applied", created: 1, inserted: 1 });
    expect(r.warnings.find((w) => w.code === "merchant_from_publication")).toMatchObject({ row: 2 });
    const m = await t.db.select().from(merchants).where(eq(merchants.uscc, NEW)).get();
    expect(m).toMatchObject({
      name: "北京栎柘科技有限公司",
      kind: "enterprise",
      fromPublication: true,
      sourceId: r.sourceId,
    });
    const rec = await (await t.app.request(`/api/v1/merchants/${NEW}`)).json<Json>();
    expect(rec.record.name).toBe("北京栎柘科技有限公司");
    expect(rec.record.lists).toHaveLength(1);
  });
});

describe("one report", () => {
  it("carries row errors and registry checks at once, with value and expected check character", async () => {
    const bad = NEW.slice(0, 17) + (NEW[17] === "A" ? "B" : "A");
    const r = await run({
      bytes: enc([
        HEADER,
        `北京栎柘科技有限公司,${NEW},黑名单,刷单炒信,北京市朝阳区发展和改革委员会,朝信用〔2026〕6号,2026-02-30`,
        `北京栎柘科技有限公司,${bad},黑名单,刷单炒信,北京市朝阳区发展和改革委员会,朝信用〔2026〕7号,2026-10-08`,
        `北京栎柘科技有限公司,${NEW},灰名单,,北京市朝阳区发展和改革委员会,朝信用〔2026〕8号,2026-10-08`,
      ]),
    });
    expect(r.status).toBe("rejected");
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, "列入日期", "invalid_date"],
      [3, "统一社会信用代码", "uscc_check_digit"],
      [4, "名单类型", "invalid_list"],
      [4, "失信类别", "required"],
    ]);
    expect(r.errors[0]!.value).toBe("2026-02-30");
    expect(r.errors[1]).toMatchObject({ value: bad, expected: NEW[17] });
  });
});
