/**
 * 月报 against a real libSQL database (no demo seed): audits, list entries, rectifications, objections
 * and escalations placed in and around one Beijing month are counted per platform and region; the
 * latest audit of a shop counts; errors stay in the compliance denominator; CSV and dashboard routes.
 */

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { auditResults, listEntries, merchants, objections, shops } from "@xinbiao/db/schema";
import { anchor } from "@xinbiao/db/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../auth/api-keys.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { monthlyCsv } from "./monthly-report.csv.ts";
import { renderMonthlyReport } from "./monthly-report.page.tsx";
import { monthBounds, monthlyReport } from "./monthly-report.ts";

let t: TestApp;
let regKey: string;
const a = anchor("normal");

beforeAll(async () => {
  t = await openTestApp({ seed: false });
  regKey = (await createApiKey(t.db, { role: "regulator", label: "reg" }, "test", TEST_NOW)).key;
  const ts = { createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z" };
  await t.db.insert(merchants).values({
    uscc: a.uscc,
    name: a.name,
    kind: "enterprise",
    divisionCode: a.uscc.slice(2, 8),
    licenseStatus: "active",
    authority: a.authority,
    freshUntil: "2027-01-01T00:00:00Z",
    ...ts,
  } as typeof merchants.$inferInsert);
  await t.db.insert(shops).values([
    { platform: "taobao", shopId: "100002", uscc: a.uscc, hash: "h1", prefix: "p1" },
    { platform: "jd", shopId: "1000002", uscc: a.uscc, hash: "h2", prefix: "p2" },
  ] as (typeof shops.$inferInsert)[]);
  const audit = (shopId: string, outcome: string, at: string, runId: string) => ({
    platform: shopId.length === 7 ? "jd" : "taobao",
    shopId,
    uscc: a.uscc,
    url: "https://x.test/",
    outcome,
    checks: [],
    auditedAt: at,
    auditor: "t",
    runId,
    pageKey: shopId,
  });
  await t.db.insert(auditResults).values([
    audit("100002", "non_compliant", "2026-10-05T02:00:00Z", "ar_r1_000001"),
    // Later in the month: the latest audit of the shop counts.
    audit("100002", "compliant", "2026-10-20T02:00:00Z", "ar_r2_000002"),
    audit("1000002", "error", "2026-10-21T02:00:00Z", "ar_r2_000002"),
    // 2026-09-30T17:00Z is 10-01 in Beijing: October.
    audit("100003", "non_compliant", "2026-09-30T17:00:00Z", "ar_r3_000003"),
    // November: not this report.
    audit("100004", "compliant", "2026-11-02T02:00:00Z", "ar_r4_000004"),
  ] as (typeof auditResults.$inferInsert)[]);
  const entry = (doc: string, over: Partial<typeof listEntries.$inferInsert>) => ({
    uscc: a.uscc,
    list: "black" as const,
    category: "c",
    authority: a.authority,
    documentNo: doc,
    listedAt: "2026-06-01",
    ...ts,
    ...over,
  });
  const ids = await t.db
    .insert(listEntries)
    .values([
      entry("D1", { listedAt: "2026-10-10", rectifyBy: "2027-01-10" }),
      entry("D2", { listedAt: "2026-07-01", rectifyBy: "2026-10-01", rectifiedAt: "2026-10-15" }),
      entry("D3", { listedAt: "2026-07-02", rectifyBy: "2026-09-30", escalatedAt: "2026-10-02T01:00:00Z" }),
      entry("D4", { listedAt: "2026-05-01", removedAt: "2026-10-31" }),
    ] as (typeof listEntries.$inferInsert)[])
    .returning({ id: listEntries.id });
  await t.db.insert(objections).values({
    entryId: ids[0]!.id,
    uscc: a.uscc,
    contact: "x",
    reason: "r",
    filedAt: "2026-10-12T03:00:00Z",
    acceptBy: "2026-10-19",
  } as typeof objections.$inferInsert);
});
afterAll(() => t.cleanup());

describe("月报 monthly report (issue 16)", () => {
  it("month bounds are Beijing time", () => {
    expect(monthBounds("2026-10")).toMatchObject({
      start: "2026-09-30T16:00:00.000Z",
      end: "2026-10-31T16:00:00.000Z",
    });
    expect(() => monthBounds("2026-13")).toThrow("YYYY-MM");
  });

  it("counts per platform and region; the total counts each entry once", async () => {
    const r = await monthlyReport(t.db, "2026-10", TEST_NOW);
    const tb = r.rows.find((x) => x.platform === "taobao")!;
    expect(tb.region).toBe("苏州市吴中区");
    expect(tb).toMatchObject({
      shopsAudited: 2,
      compliant: 1,
      nonCompliant: 1,
      error: 0,
      complianceRate: 0.5,
    });
    const jd = r.rows.find((x) => x.platform === "jd")!;
    // An error is not compliance: it stays in the denominator.
    expect(jd).toMatchObject({ shopsAudited: 1, error: 1, complianceRate: 0 });
    expect(r.total).toMatchObject({
      shopsAudited: 3,
      compliant: 1,
      listAdded: 1,
      listRemoved: 1,
      rectificationsDue: 1,
      // D3 is overdue at the month's end; D2 was late but rectified within the month.
      rectificationsOverdue: 1,
      rectificationsDone: 1,
      objections: 1,
      escalations: 1,
    });
    // Lists count once per platform the merchant has shops on.
    expect(tb.listAdded).toBe(1);
    expect(jd.listAdded).toBe(1);
  });

  it("HTML with three SVG charts, and CSV with BOM", async () => {
    const r = await monthlyReport(t.db, "2026-10", TEST_NOW);
    const html = renderMonthlyReport(r);
    expect(html.match(/<svg /g)?.length).toBe(3);
    // For a person to look at (README: screenshots of the 月报): XINBIAO_SHOT_DIR=… writes the page.
    if (process.env.XINBIAO_SHOT_DIR)
      writeFileSync(join(process.env.XINBIAO_SHOT_DIR, "yuebao-2026-10.html"), html);
    expect(html).toContain("电子商务信用监管月报 2026-10");
    const csv = monthlyCsv(r);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split("\r\n")[1]).toContain("京东");
  });

  it("on the dashboard for regulators: HTML and CSV, a bad month named", async () => {
    const h = { headers: { authorization: `Bearer ${regKey}` } };
    const page = await t.app.request("/regulator/monthly?month=2026-10", h);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("苏州市吴中区");
    const csv = await t.app.request("/regulator/monthly.csv?month=2026-10", h);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const bad = await t.app.request("/regulator/monthly?month=2026-1", h);
    expect(bad.status).toBe(400);
    expect((await t.app.request("/regulator/monthly?month=2026-10")).status).toBe(401);
  });
});
