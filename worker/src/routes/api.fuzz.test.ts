/**
 * Hostile input on every public read endpoint's parameters: random Unicode, control and bidi
 * characters, overlong values, SQL-ish and path-traversal strings. Never a 5xx, never HTML, always
 * either a 2xx/304 or the one JSON error shape.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestApp, type TestApp } from "../testing/embedded-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await openTestApp({ demoMerchants: 40 });
});
afterAll(() => t.cleanup());

const hostile = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "' OR 1=1 --",
    "'; DROP TABLE merchants; --",
    "%' UNION SELECT legal_representative_id_number FROM merchants --",
    "../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "\u202Eevil\u202C",
    "\u0000\u0001\u001f",
    "<script>alert(1)</script>",
    "%",
    "_",
    "\\",
    "９１３２０２１４７４５５５５３１８Ｗ",
  ),
  fc.string({ minLength: 200, maxLength: 5000 }),
);

async function expectWellFormed(path: string) {
  const res = await t.app.request(path);
  expect(res.status, path).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get("content-type"), path).toContain("application/json");
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.code, path).toBe("string");
    expect(typeof body.error?.message, path).toBe("string");
  }
  return res;
}

describe("public endpoints under hostile parameters", () => {
  it.each([
    ["merchants", (s: string) => `/api/v1/merchants/${encodeURIComponent(s)}`],
    ["shops (platform)", (s: string) => `/api/v1/shops/${encodeURIComponent(s)}/100001`],
    ["shops (shop id)", (s: string) => `/api/v1/shops/taobao/${encodeURIComponent(s)}`],
    ["search", (s: string) => `/api/v1/search?q=${encodeURIComponent(s)}`],
    [
      "search paging",
      (s: string) => `/api/v1/search?q=a&limit=${encodeURIComponent(s)}&offset=${encodeURIComponent(s)}`,
    ],
    ["range", (s: string) => `/api/v1/range/${encodeURIComponent(s)}`],
  ])("%s never answers 5xx", async (_, path) => {
    await fc.assert(
      fc.asyncProperty(hostile, async (s) => {
        await expectWellFormed(path(s));
      }),
      { numRuns: 150 },
    );
  });

  it("never leaks unmasked personal data through search, whatever is asked", async () => {
    // 320583199001011232: a valid GB 11643 number (check character 2); the guard checks it.
    for (const q of ["%", "_", "张三", "320583199001011232", "13700001111", "' OR '1'='1"]) {
      const res = await expectWellFormed(`/api/v1/search?q=${encodeURIComponent(q)}`);
      const text = await res.text();
      expect(text).not.toContain("320583199001011232");
      expect(text).not.toContain("13700001111");
      expect(text).not.toMatch(/"name":"张三"/);
    }
  });
});
