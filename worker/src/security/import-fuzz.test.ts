/**
 * Hostile input on every import column (issue 8 item 3): for each import kind, a valid row with one
 * column replaced by random Unicode, control and bidi characters, overlong values, SQL-ish and
 * path-traversal strings — as CSV and as JSON, through POST /api/v1/regulator/imports/:kind. Never a
 * 5xx; every rejection is the JSON error shape naming row and column; a rejected file changes nothing
 * in the database. Bodies over the limit of every write endpoint answer 413 in the same shape.
 * The hostile values that are accepted are stored as text and shown escaped (xss.browser.test.ts).
 */
import { anchor } from "@xinbiao/db/seed";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../auth/api-keys.ts";
import { bearer, keysForRoles } from "../auth/test-keys.ts";
import { databaseDigest, dumpDatabase } from "../imports/db-dump.ts";
import { IMPORT_KINDS, type ImportKindName } from "../imports/import-kind.ts";
import { KINDS } from "../imports/run-import.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";

let t: TestApp;
let regulator: string;
let keys: Awaited<ReturnType<typeof keysForRoles>>;
beforeAll(async () => {
  t = await openTestApp({ demoMerchants: 20 });
  keys = await keysForRoles(t.db, TEST_NOW);
  // The clock stands still in tests: a key with room for every fuzz run inside one rate-limit window.
  regulator = (
    await createApiKey(
      t.db,
      { role: "regulator", label: "fuzz", rateLimitPerMinute: 1_000_000 },
      "test",
      TEST_NOW,
    )
  ).key;
});
afterAll(() => t.cleanup());

const M = anchor("normal");
/** A row each import accepts: required fields filled, optional ones blank. */
const BASE: Record<ImportKindName, Record<string, string>> = {
  merchants: { uscc: M.uscc, name: M.name, authority: "测试市场监督管理局" },
  permits: {
    uscc: M.uscc,
    kind: "食品经营许可证",
    number: "JY13202140000001",
    authority: "测试市场监督管理局",
    validFrom: "2026-01-01",
  },
  lists: {
    name: M.name,
    uscc: M.uscc,
    list: "黑名单",
    category: "刷单炒信",
    authority: "测试认定部门",
    documentNo: "模糊〔2026〕1号",
    listedAt: "2026-11-01",
  },
  grades: { uscc: M.uscc, level: "B", asOf: "2026-10-01" },
  verifications: { uscc: M.uscc, platform: "taobao", method: "电子营业执照", verifiedAt: "2026-10-01" },
};

const HOSTILE_CONSTANTS = [
  "' OR 1=1 --",
  "'); DROP TABLE merchants; --",
  '"; DELETE FROM list_entries; --',
  "%' UNION SELECT hash FROM api_keys --",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "file:///etc/shadow",
  "\u202Eevil\u202C",
  "\u200F\u2067مرحبا\u2069",
  "\u0000\u0001\u001f\u007f",
  "\uFEFF",
  "\uD800",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  '=HYPERLINK("http://evil.example","x")',
  "+cmd|' /C calc'!A0",
  "\r\n主体名称,统一社会信用代码\r\n",
  '"',
  "，",
  "",
  " ",
  "9".repeat(18),
];

const hostile = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom(...HOSTILE_CONSTANTS),
  fc.string({ minLength: 1000, maxLength: 20_000 }),
);

/** The tables whose rows differ between two dumps, with the first differing bytes (for the message). */
function changedTables(before: string, after: string): string[] {
  const a = before.split("\n");
  const b = after.split("\n");
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if (a[i] !== b[i]) {
      const x = a[i] ?? "";
      const y = b[i] ?? "";
      let j = 0;
      while (j < x.length && x[j] === y[j]) j++;
      out.push(
        `${y.slice(0, y.indexOf(":"))} @${j}: ${x.slice(Math.max(0, j - 80), j + 80)} → ${y.slice(Math.max(0, j - 80), j + 80)}`,
      );
    }
  return out;
}

function csvCell(v: string): string {
  return `"${v.replace(/"/g, '""')}"`;
}

function fileOf(header: string[], row: Record<string, string>, format: "csv" | "json"): string {
  if (format === "json") return JSON.stringify([row]);
  return `${header.map(csvCell).join(",")}\n${header.map((h) => csvCell(row[h] ?? "")).join(",")}\n`;
}

async function post(kind: string, body: string, format: "csv" | "json", dryRun = false) {
  return t.app.request(
    // Every kind accepts a publication date; list kinds require one (issue 13 item 6).
    `/api/v1/regulator/imports/${kind}?publishedAt=2026-11-01${dryRun ? "&dryRun=1" : ""}`,
    bearer(regulator, {
      method: "POST",
      headers: { "content-type": format === "json" ? "application/json" : "text/csv" },
      body,
    }),
  );
}

interface ErrorShape {
  error?: { code?: unknown; message?: unknown; field?: unknown };
  /** A rejected import also carries its report: every bad cell by row and column. */
  errors?: { row?: unknown; column?: unknown; zh?: unknown; en?: unknown }[];
}

describe("imports under hostile cell values", () => {
  it.each(IMPORT_KINDS)(
    "the base %s row is accepted (so the fuzzing below exercises real rows)",
    async (kind) => {
      const header = KINDS[kind].columns.map((c) => c.field);
      const res = await post(kind, fileOf(header, BASE[kind], "csv"), "csv", true);
      const body = (await res.json()) as { status?: string; errorCount?: number };
      expect(res.status, JSON.stringify(body).slice(0, 500)).toBe(200);
      expect(body).toMatchObject({ status: "dry_run", errorCount: 0 });
    },
  );

  it.each(IMPORT_KINDS)(
    "%s: every column, hostile values → never 5xx; rejections named and nothing written",
    async (kind) => {
      const header = KINDS[kind].columns.map((c) => c.field);
      let snapshot = await dumpDatabase(t.url);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...header),
          hostile,
          fc.constantFrom("csv" as const, "json" as const),
          async (column, value, format) => {
            const row = { ...BASE[kind], [column]: value };
            const res = await post(kind, fileOf(header, row, format), format);
            expect(res.status, `${kind}.${column}`).toBeLessThan(500);
            expect(res.headers.get("content-type")).toContain("application/json");
            const body = (await res.json()) as ErrorShape & { status?: string };
            if (res.status >= 400) {
              expect(typeof body.error?.code).toBe("string");
              expect(typeof body.error?.message).toBe("string");
              // Row-level rejections say which row and which column.
              for (const e of body.errors ?? []) {
                expect(typeof e.row).toBe("number");
                expect(typeof e.zh).toBe("string");
                expect(typeof e.en).toBe("string");
              }
              // Nothing was written, not even half a row or an audit entry.
              expect(changedTables(snapshot, await dumpDatabase(t.url)), `${res.status} ${column}`).toEqual(
                [],
              );
            } else {
              expect(["applied", "unchanged"]).toContain(body.status);
              snapshot = await dumpDatabase(t.url);
            }
          },
        ),
        { numRuns: 40 },
      );
    },
    120_000,
  );

  it("a rejected row names its line and column in words", async () => {
    const header = KINDS.lists.columns.map((c) => c.field);
    const res = await post(
      "lists",
      fileOf(header, { ...BASE.lists, listedAt: "../../etc/passwd" }, "csv"),
      "csv",
    );
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorShape;
    expect(body.errors?.[0]).toMatchObject({ row: 2, column: "listedAt" });
    expect(body.error).toMatchObject({ code: "import_rejected", field: "listedAt" });
    expect(String(body.error?.message)).toContain("未写入任何数据");
    expect(String(body.error?.message)).toContain("第 2 行 listedAt");
  });
});

describe("bodies over the limit", () => {
  const big = (bytes: number) => new Uint8Array(bytes).fill(0x41);
  it.each([
    ["/api/v1/regulator/imports/lists", "regulator", 64 * 1024 * 1024, "POST"],
    ["/api/v1/partner/shops", "platform:taobao", 16 * 1024 * 1024, "PUT"],
  ] as const)(
    "%s answers 413 in the JSON shape and writes nothing",
    async (path, role, limit, method) => {
      const before = await databaseDigest(t.url);
      const res = await t.app.request(
        path,
        bearer(keys[role], { method, headers: { "content-type": "text/csv" }, body: big(limit + 1) }),
      );
      expect(res.status).toBe(413);
      const body = (await res.json()) as ErrorShape;
      expect(body.error?.code).toBe("payload_too_large");
      expect(String(body.error?.message)).toMatch(/过大.*too large/);
      expect(await databaseDigest(t.url)).toBe(before);
    },
    60_000,
  );

  it("objections (public form) and audit results answer 413 too, with or without Content-Length", async () => {
    const before = await databaseDigest(t.url);
    const objection = await t.app.request("/api/v1/objections", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: big(2 * 1024 * 1024),
    });
    expect(objection.status).toBe(413);
    expect(((await objection.json()) as ErrorShape).error?.code).toBe("payload_too_large");
    const audit = await t.app.request(
      "/api/v1/audit/results",
      bearer(keys.auditor, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: big(4 * 1024 * 1024 + 1),
      }),
    );
    expect(audit.status).toBe(413);
    expect(((await audit.json()) as ErrorShape).error?.code).toBe("payload_too_large");
    expect(await databaseDigest(t.url)).toBe(before);
  }, 60_000);
});
