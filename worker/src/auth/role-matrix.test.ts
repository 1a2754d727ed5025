/**
 * Issue 5 item 7: every protected endpoint × every kind of caller → the expected status.
 * 401 = no key or a key we do not accept; 403 = a valid key of the wrong role; anything else means
 * the role got through (the endpoint's own answer, e.g. 404 for an unknown id).
 */
import { readFileSync } from "node:fs";
import { sha256Hex } from "@xinbiao/db/model";
import { apiKeys, auditLog } from "@xinbiao/db/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";
import { createApiKey } from "./api-keys.ts";
import { bearer, type Json, type KeyName, keysForRoles } from "./test-keys.ts";

const LIST_CSV = readFileSync(
  new URL("../../../db/fixtures/lists-creditchina-sample.utf8.csv", import.meta.url),
);

let t: TestApp;
let keys: Record<KeyName, string>;
let clock = TEST_NOW.getTime();

beforeAll(async () => {
  t = await openTestApp({ now: () => new Date(clock) });
  keys = await keysForRoles(t.db, TEST_NOW);
});
afterAll(() => t.cleanup());

type Caller = "none" | "garbage" | "revoked" | "platform:jd" | "regulator" | "auditor" | "admin";
const CALLERS: Caller[] = ["none", "garbage", "revoked", "platform:jd", "regulator", "auditor", "admin"];

interface Endpoint {
  name: string;
  method: string;
  path: string;
  body?: () => BodyInit;
  type?: string;
  /** Status for each caller that gets through; everyone else: 401 (no/bad key) or 403 (wrong role). */
  allowed: Partial<Record<Caller, number>>;
}

const json = (v: unknown) => () => JSON.stringify(v);

const ENDPOINTS: Endpoint[] = [
  {
    name: "partner shops upsert",
    method: "PUT",
    path: "/api/v1/partner/shops",
    body: json({ shops: [{ shopId: "x", uscc: "bad", origins: [] }] }),
    allowed: { "platform:jd": 422 },
  },
  {
    name: "partner shops delete",
    method: "DELETE",
    path: "/api/v1/partner/shops",
    body: json({ shops: [{ shopId: "no-such-shop" }] }),
    allowed: { "platform:jd": 422 },
  },
  {
    name: "partner change feed",
    method: "GET",
    path: "/api/v1/partner/changes",
    allowed: { "platform:jd": 200 },
  },
  {
    name: "partner webhook set",
    method: "PUT",
    path: "/api/v1/partner/webhook",
    body: json({ url: "https://hooks.partner.test/xinbiao" }),
    allowed: { "platform:jd": 200 },
  },
  {
    name: "partner deliveries",
    method: "GET",
    path: "/api/v1/partner/webhook/deliveries",
    allowed: { "platform:jd": 200 },
  },
  {
    name: "import (dry run)",
    method: "POST",
    path: "/api/v1/regulator/imports/lists?dryRun=1",
    body: () => LIST_CSV,
    type: "text/csv",
    // 200: codes not in the registry become minimal merchants from the publication (issue 15).
    allowed: { regulator: 200, admin: 200 },
  },
  {
    name: "recent imports",
    method: "GET",
    path: "/api/v1/regulator/imports",
    allowed: { regulator: 200, admin: 200 },
  },
  {
    name: "escalations",
    method: "GET",
    path: "/api/v1/regulator/escalations",
    allowed: { regulator: 200, admin: 200 },
  },
  {
    name: "entry decision",
    method: "POST",
    path: "/api/v1/regulator/entries/999999",
    body: json({ action: "rectified" }),
    allowed: { regulator: 404, admin: 404 },
  },
  {
    name: "objection queue",
    method: "GET",
    path: "/api/v1/regulator/objections",
    allowed: { regulator: 200, admin: 200 },
  },
  {
    name: "objection decision",
    method: "POST",
    path: "/api/v1/regulator/objections/999999",
    body: json({ decision: "accept" }),
    allowed: { regulator: 404, admin: 404 },
  },
  {
    name: "lifecycle run",
    method: "POST",
    path: "/api/v1/regulator/lifecycle/run",
    allowed: { regulator: 200, admin: 200 },
  },
  {
    name: "create key",
    method: "POST",
    path: "/api/v1/admin/keys",
    body: json({ role: "auditor", label: "matrix" }),
    allowed: { admin: 201 },
  },
  { name: "list keys", method: "GET", path: "/api/v1/admin/keys", allowed: { admin: 200 } },
  {
    name: "revoke key",
    method: "DELETE",
    path: "/api/v1/admin/keys/0000000000000000",
    allowed: { admin: 404 },
  },
  { name: "holidays read", method: "GET", path: "/api/v1/admin/holidays", allowed: { admin: 200 } },
  {
    name: "holidays write",
    method: "PUT",
    path: "/api/v1/admin/holidays",
    body: json({ days: [{ date: "2026-10-01", kind: "holiday", name: "国庆节" }] }),
    allowed: { admin: 200 },
  },
  {
    name: "badge misuse",
    method: "GET",
    path: "/api/v1/audit/misuse",
    allowed: { auditor: 200, regulator: 200, admin: 200 },
  },
  { name: "audit log", method: "GET", path: "/api/v1/audit/log", allowed: { auditor: 200, admin: 200 } },
  {
    name: "audit log verify",
    method: "GET",
    path: "/api/v1/audit/log/verify",
    allowed: { auditor: 200, admin: 200 },
  },
  { name: "regulator dashboard", method: "GET", path: "/regulator", allowed: { regulator: 200, admin: 200 } },
];

function keyOf(c: Caller): string | null {
  if (c === "none") return null;
  if (c === "garbage") return "xbk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  return keys[c];
}

function expected(e: Endpoint, c: Caller): number {
  if (c === "none" || c === "garbage" || c === "revoked") return 401;
  return e.allowed[c] ?? 403;
}

describe("role matrix", () => {
  for (const e of ENDPOINTS) {
    it(`${e.method} ${e.path} (${e.name})`, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const c of CALLERS) {
        const headers: Record<string, string> = {};
        if (e.type) headers["content-type"] = e.type;
        else if (e.body) headers["content-type"] = "application/json";
        const res = await t.app.request(
          e.path,
          bearer(keyOf(c), { method: e.method, headers, body: e.body?.() }),
        );
        got[c] = res.status;
        want[c] = expected(e, c);
        if (res.status === 401 || res.status === 403) {
          const body = await res.text();
          // The same error shape everywhere; the dashboard answers with its login page instead.
          if (e.path === "/regulator") expect(body).toContain("监管人员登录");
          else
            expect(JSON.parse(body).error.code).toBe(
              res.status === 401 ? (c === "none" ? "unauthorized" : "invalid_key") : "forbidden",
            );
        }
      }
      expect(got).toEqual(want);
    });
  }

  it("401 says why, with WWW-Authenticate; 403 names the roles needed", async () => {
    const none = await t.app.request("/api/v1/regulator/escalations");
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((await none.json<Json>()).error.message).toContain("需要 API 密钥");
    const revoked = await t.app.request("/api/v1/regulator/escalations", bearer(keys.revoked));
    expect((await revoked.json<Json>()).error.message).toContain("密钥已吊销");
    const forbidden = await t.app.request("/api/v1/regulator/escalations", bearer(keys.auditor));
    expect((await forbidden.json<Json>()).error.message).toContain("regulator / admin");
  });
});

describe("keys", () => {
  it("are random, stored only as SHA-256, and their creation is audited without the secret", async () => {
    const a = await createApiKey(t.db, { role: "auditor", label: "a" }, "test", TEST_NOW);
    const b = await createApiKey(t.db, { role: "auditor", label: "b" }, "test", TEST_NOW);
    expect(a.key).toMatch(/^xbk_[0-9a-f]{16}_[A-Za-z0-9_-]{32}$/);
    expect(a.key).not.toBe(b.key);
    const rows = await t.db.select().from(apiKeys).all();
    const row = rows.find((r) => r.id === a.id)!;
    expect(row.hash).toBe(await sha256Hex(a.key));
    const everything = JSON.stringify([rows, await t.db.select().from(auditLog).all()]);
    // the secret is the 32 base64url characters after the id (it may itself contain "_")
    const secret = a.key.slice("xbk_".length + 16 + 1);
    expect(secret).toHaveLength(32);
    expect(everything).not.toContain(secret);
  });

  it("a platform key's partner is created with it", async () => {
    const k = await createApiKey(t.db, { role: "platform:pinduoduo", label: "pdd" }, "test", TEST_NOW);
    expect(k.partnerId).toMatch(/pinduoduo/);
  });
});

describe("rate limits", () => {
  it("answer 429 with Retry-After past the key's limit, and recover in the next window", async () => {
    clock = Date.parse("2026-11-22T04:10:20.000Z");
    const k = await createApiKey(
      t.db,
      { role: "auditor", label: "slow", rateLimitPerMinute: 3 },
      "test",
      TEST_NOW,
    );
    const hit = () => t.app.request("/api/v1/audit/misuse", bearer(k.key));
    for (let i = 0; i < 3; i++) {
      const ok = await hit();
      expect(ok.status).toBe(200);
      expect(ok.headers.get("x-ratelimit-remaining")).toBe(String(2 - i));
    }
    const limited = await hit();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("40");
    expect((await limited.json<Json>()).error.code).toBe("rate_limited");
    // Another key is not affected.
    expect((await t.app.request("/api/v1/audit/misuse", bearer(keys.auditor))).status).toBe(200);
    clock += 40_000;
    expect((await hit()).status).toBe(200);
    clock = TEST_NOW.getTime();
  });
});
