/**
 * POST /api/v1/match-reports (issue 14): a user-confirmed report is stored with exactly its fields;
 * anything else is refused with the field named; personal data in a page URL is masked; a client is
 * rate-limited; only an admin reads the reports back.
 */
import { matchReports } from "@xinbiao/db/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../auth/api-keys.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { REPORTS_PER_CLIENT_PER_MINUTE } from "./match-reports.routes.ts";

let t: TestApp;
let adminKey: string;
beforeAll(async () => {
  t = await openTestApp();
  adminKey = (await createApiKey(t.db, { role: "admin", label: "rules team" }, "test", TEST_NOW)).key;
});
afterAll(() => t.cleanup());

let client = 0;
const post = (body: unknown, ip = `198.51.100.${++client}`) =>
  t.app.request("/api/v1/match-reports", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": ip },
    body: JSON.stringify(body),
  });
const base = { kind: "missed", platform: "taobao", rulesVersion: "2026.12.02", extensionVersion: "0.1.0" };

describe("POST /api/v1/match-reports", () => {
  it("stores a report without a page URL, and answers with its reference", async () => {
    const res = await post(base);
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(id).toMatch(/^mr_[a-z2-7]{16}$/);
    const rows = await t.db.select().from(matchReports).all();
    expect(rows.find((r) => r.id === id)).toEqual({
      id,
      receivedAt: TEST_NOW.toISOString(),
      kind: "missed",
      platform: "taobao",
      rulesVersion: "2026.12.02",
      extensionVersion: "0.1.0",
      pageUrl: null,
    });
  });

  it("stores a ticked page URL, with a phone number in it masked", async () => {
    const res = await post({
      ...base,
      kind: "wrong",
      pageUrl: "https://item.taobao.com/item.htm?id=123&mobile=13812345678",
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const row = (await t.db.select().from(matchReports).all()).find((r) => r.id === id)!;
    expect(row.pageUrl).toContain("https://item.taobao.com/item.htm?id=123");
    expect(row.pageUrl).not.toContain("13812345678");
  });

  it.each([
    [{ ...base, shopId: "100001" }, ""],
    [{ ...base, kind: "maybe" }, "kind"],
    [{ ...base, platform: "amazon" }, "platform"],
    [{ ...base, pageUrl: "https://evil.example/x" }, "pageUrl"],
    [{ ...base, pageUrl: "javascript:alert(1)" }, "pageUrl"],
    [{ ...base, extensionVersion: "<script>" }, "extensionVersion"],
  ])("refuses %j, naming the field", async (body, field) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    const err = ((await res.json()) as { error: { code: string; field?: string; message: string } }).error;
    expect(err.code).toBe("invalid_parameter");
    if (field) expect(err.field).toBe(field);
    else expect(err.message).toMatch(/shopId|unrecognized|未知|键/i);
  });

  it("rate-limits one client per minute (429 with Retry-After); another client is not affected", async () => {
    const ip = "203.0.113.7";
    for (let i = 0; i < REPORTS_PER_CLIENT_PER_MINUTE; i++) expect((await post(base, ip)).status).toBe(201);
    const res = await post(base, ip);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await post(base, "203.0.113.8")).status).toBe(201);
  });

  it("reads back for an admin only; no IP address is stored", async () => {
    expect((await t.app.request("/api/v1/match-reports")).status).toBe(401);
    const res = await t.app.request("/api/v1/match-reports?limit=5", {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { reports: unknown[] };
    expect(body.reports.length).toBe(5);
    expect(JSON.stringify(body)).not.toMatch(/198\.51\.100|203\.0\.113/);
  });
});
