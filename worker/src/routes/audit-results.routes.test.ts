/**
 * Results API of license-display audits against a real libSQL file: auditors post with their key,
 * every bad row is named and nothing of its batch is stored, the summary groups by platform and
 * Beijing-time period, and the public last-audit summary shows date, platform and outcome only.
 */

import { auditResults } from "@xinbiao/db/schema";
import { anchor } from "@xinbiao/db/seed";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastAuditSummary } from "../audit-results/audit-results.service.ts";
import { createApiKey } from "../auth/api-keys.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";

let t: TestApp;
let auditorKey: string;
let platformKey: string;
let regulatorKey: string;

beforeAll(async () => {
  t = await openTestApp();
  auditorKey = (await createApiKey(t.db, { role: "auditor", label: "审计员甲" }, "test", TEST_NOW)).key;
  platformKey = (await createApiKey(t.db, { role: "platform:jd", label: "jd" }, "test", TEST_NOW)).key;
  regulatorKey = (await createApiKey(t.db, { role: "regulator", label: "reg" }, "test", TEST_NOW)).key;
});
afterAll(() => t.cleanup());

const normal = anchor("normal");
let pageN = 0;
const row = (over: Record<string, unknown> = {}) => ({
  runId: "ar_20261120_test01",
  pageKey: (++pageN).toString(16).padStart(24, "0"),
  platform: "taobao",
  shopId: "100002",
  uscc: normal.uscc,
  url: "https://shop100002.taobao.com/",
  outcome: "non_compliant",
  checks: [
    { id: "license.prominent", status: "fail", severity: "major", zh: "执照信息不显著", en: "not prominent" },
    { id: "license.present", status: "pass", severity: "critical", zh: "已亮照", en: "shown" },
  ],
  evidenceSha256: "a".repeat(64),
  auditedAt: "2026-11-20T03:00:00.000Z",
  ...over,
});

const post = (body: unknown, key: string | null = auditorKey) =>
  t.app.request("/api/v1/audit/results", {
    method: "POST",
    headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

const count = async () => (await t.db.select({ n: sql<number>`count(*)` }).from(auditResults).get())!.n;

describe("POST /api/v1/audit/results", () => {
  it("needs an auditor key: 401 without, 403 for a platform key, nothing stored", async () => {
    const none = await post({ results: [row()] }, null);
    expect(none.status).toBe(401);
    const wrong = await post({ results: [row()] }, platformKey);
    expect(wrong.status).toBe(403);
    expect(((await wrong.json()) as { error: { message: string } }).error.message).toContain("auditor");
    expect(await count()).toBe(0);
  });

  it("stores a batch and records which key posted it", async () => {
    const res = await post({
      results: [
        row(),
        row({
          platform: "jd",
          shopId: "1000002",
          url: "https://mall.jd.com/index-1000002.html",
          outcome: "compliant",
          auditedAt: "2026-11-21T01:00:00.000Z",
        }),
      ],
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ stored: 2 });
    const rows = await t.db.select().from(auditResults);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.auditor).toMatch(/^key:[0-9a-f]{16} \(auditor\)$/);
    expect(rows[0]!.checks).toHaveLength(2);
  });

  it.each([
    ["unknown platform", { platform: "amazon" }, "results.1.platform", "平台应为"],
    ["shop id not digits", { shopId: "abc" }, "results.1.shopId", "3–20 位数字"],
    ["bad USCC", { uscc: "91320506MA2CD8R1I9" }, "results.1.uscc", "统一社会信用代码"],
    ["javascript: URL", { url: "javascript:alert(1)" }, "results.1.url", "http(s)"],
    ["unknown outcome", { outcome: "fine" }, "results.1.outcome", "compliant"],
    ["short hash", { evidenceSha256: "abc" }, "results.1.evidenceSha256", "SHA-256"],
    ["bad date", { auditedAt: "yesterday" }, "results.1.auditedAt", "ISO 8601"],
    ["future date", { auditedAt: "2027-01-01T00:00:00Z" }, "results.1.auditedAt", "未来"],
    ["no run id", { runId: undefined }, "results.1.runId", "runId"],
    ["bad page key", { pageKey: "page 1" }, "results.1.pageKey", "pageKey"],
  ])(
    "refuses a batch with a bad row (%s): names row and field, stores nothing",
    async (_n, over, field, words) => {
      const before = await count();
      const res = await post({ results: [row(), row(over)] });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string; field: string } };
      expect(body.error.field).toBe(field);
      expect(body.error.message).toContain("第 2 条结果 / row 2");
      expect(body.error.message).toContain(words);
      expect(body.error.message).toContain("nothing was stored");
      expect(await count()).toBe(before);
    },
  );

  it("refuses invalid JSON, an empty batch and more than 500 rows", async () => {
    const before = await count();
    const bad = await post("{not json");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("不是有效的 JSON");
    const empty = await post({ results: [] });
    expect(((await empty.json()) as { error: { message: string } }).error.message).toContain("结果为空");
    const many = await post({ results: Array.from({ length: 501 }, () => row()) });
    expect(many.status).toBe(400);
    expect(((await many.json()) as { error: { message: string } }).error.message).toContain(
      "最多提交 500 条",
    );
    expect(await count()).toBe(before);
  });
});

describe("posting is idempotent: audit run id + page key (issue 16)", () => {
  it("posting the same run twice replaces its rows; the summary does not double", async () => {
    const batch = {
      results: [
        row({
          runId: "ar_20261120_idem01",
          pageKey: "ab".repeat(12),
          outcome: "non_compliant",
          shopId: "100099",
        }),
        row({
          runId: "ar_20261120_idem01",
          pageKey: "cd".repeat(12),
          outcome: "compliant",
          shopId: "100099",
        }),
      ],
    };
    const before = await count();
    expect((await post(batch)).status).toBe(201);
    expect(await count()).toBe(before + 2);
    // The re-post carries a corrected verdict for the first page: replaced, not added.
    batch.results[0]!.outcome = "compliant";
    expect((await post(batch)).status).toBe(201);
    expect(await count()).toBe(before + 2);
    const rows = await t.db
      .select()
      .from(auditResults)
      .where(sql`${auditResults.runId} = 'ar_20261120_idem01'`);
    expect(rows.map((r) => r.outcome)).toEqual(["compliant", "compliant"]);
    // Another run of the same pages is a new audit.
    batch.results.forEach((r) => {
      r.runId = "ar_20261121_idem02";
    });
    expect((await post(batch)).status).toBe(201);
    expect(await count()).toBe(before + 4);
    await t.db.delete(auditResults).where(sql`${auditResults.shopId} = '100099'`);
  });
});

describe("GET /api/v1/audit/results/summary", () => {
  it("groups by platform and Beijing-time period with a compliance rate", async () => {
    // 2026-10-31T17:00Z is already 11-01 in Beijing: it belongs to November; 15:00Z is still October.
    const posted = await post({
      results: [
        row({ outcome: "compliant", auditedAt: "2026-10-31T17:00:00.000Z" }),
        row({ outcome: "error", auditedAt: "2026-10-31T15:00:00.000Z" }),
      ],
    });
    expect(posted.status).toBe(201);
    const res = await t.app.request("/api/v1/audit/results/summary?period=month", {
      headers: { authorization: `Bearer ${regulatorKey}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      rows: { platform: string; period: string; pages: number; compliant: number; rate: number | null }[];
    };
    const find = (p: string, m: string) => body.rows.find((r) => r.platform === p && r.period === m);
    expect(find("taobao", "2026-11")).toMatchObject({
      pages: 2,
      compliant: 1,
      nonCompliant: 1,
      error: 0,
      rate: 0.5,
      decidedRate: 0.5,
    });
    // An error is not compliance: it stays in the denominator of `rate` and is shown beside it.
    expect(find("taobao", "2026-10")).toMatchObject({
      pages: 1,
      compliant: 0,
      error: 1,
      rate: 0,
      decidedRate: null,
      errorRate: 1,
    });
    expect(find("jd", "2026-11")).toMatchObject({ pages: 1, compliant: 1, rate: 1 });

    const day = (await (
      await t.app.request(
        "/api/v1/audit/results/summary?period=day&platform=jd&from=2026-11-21&to=2026-11-21",
        { headers: { authorization: `Bearer ${auditorKey}` } },
      )
    ).json()) as { rows: unknown[] };
    expect(day.rows).toEqual([
      {
        platform: "jd",
        period: "2026-11-21",
        pages: 1,
        compliant: 1,
        nonCompliant: 0,
        review: 0,
        error: 0,
        rate: 1,
        decidedRate: 1,
        errorRate: 0,
      },
    ]);
  });

  it("says which parameter is wrong", async () => {
    const h = { headers: { authorization: `Bearer ${auditorKey}` } };
    const p = await t.app.request("/api/v1/audit/results/summary?period=year", h);
    expect(p.status).toBe(400);
    expect(((await p.json()) as { error: { field: string } }).error.field).toBe("period");
    const d = await t.app.request("/api/v1/audit/results/summary?from=2026-12-01&to=2026-11-01", h);
    expect(((await d.json()) as { error: { field: string; message: string } }).error).toMatchObject({
      field: "from",
    });
    expect(
      (
        await t.app.request("/api/v1/audit/results/summary", {
          headers: { authorization: `Bearer ${platformKey}` },
        })
      ).status,
    ).toBe(403);
  });
});

describe("lastAuditSummary (public merchant page)", () => {
  it("answers the latest audit's date, platform and outcome only", async () => {
    const s = await lastAuditSummary(t.db, normal.uscc);
    expect(s).toEqual({
      auditedAt: "2026-11-21T01:00:00.000Z",
      outcome: "compliant",
      platform: "jd",
      evidenceId: null,
    });
    expect(await lastAuditSummary(t.db, anchor("revoked").uscc)).toBeNull();
  });

  it("the merchant page shows it, with the evidence id of the signed manifest", async () => {
    let html = await (await t.app.request(`/m/${normal.uscc}`)).text();
    expect(html).toContain("亮照合规");
    expect(html).not.toContain("a".repeat(64));
    const res = await post({
      results: [
        row({ outcome: "review", evidenceId: "0123456789abcdef0123", auditedAt: "2026-11-21T02:00:00.000Z" }),
      ],
    });
    expect(res.status).toBe(201);
    html = await (await t.app.request(`/m/${normal.uscc}`)).text();
    expect(html).toContain("待人工复核");
    expect(html).toContain("0123456789abcdef0123");
  });
});
