/**
 * Property test of the public-output guard (issue 13 item 1; db/model/pii-guard.ts): generated personal
 * data — GB 11643 ID numbers with a valid check character, mainland mobiles, landlines and Luhn-valid
 * bank cards, each in several written forms (separators, +86/0086, parentheses, extensions, full-width
 * digits) — is put into every free-text column of every import kind, through the regulator import API
 * (the real path: runImport behind POST /api/v1/regulator/imports/{kind}), and into shop names through
 * the partner shops API. Then every public endpoint is requested and none of the values may appear,
 * neither as written nor with its separators stripped: record API, shop API, /m/{uscc}, /s/…, badges,
 * embed data, the range bucket, the prefix set, search (API and page), the objection form, an
 * objection's filing answer and tracking view (anyone may file, so those are public too), the partner
 * change feed and the body of a webhook delivery.
 *
 * Proved to fail without the guard: with guardPublicText returning its input unchanged, the first run
 * finds the values on the record API (see SECURITY.md §3).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { buildUscc, rangePrefix, sha256Hex } from "@xinbiao/db/model";
import { flattenForScan, type Pii, pii } from "@xinbiao/db/model/pii-guard.arbitraries";
import { listEntries } from "@xinbiao/db/schema";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, type Json, jsonInit, keysForRoles } from "./auth/test-keys.ts";
import { scheduledTick } from "./lifecycle/scheduled-tick.ts";
import { openTestApp, TEST_NOW, type TestApp } from "./testing/embedded-app.ts";

// ---------------------------------------------------------------------------------------------------
// The cells that receive personal data, per import kind (column labels as 信用中国 and the registry
// print them). Keys and enumerations (USCC, 名单类型, 平台, dates, 信用等级) stay valid.

const CELLS = {
  merchants: ["主体名称", "登记机关", "法定代表人", "住所", "经营范围"],
  permits: ["许可证名称", "许可证编号", "许可机关"],
  lists: ["失信类别", "认定部门", "文书号"],
  grades: ["分类标准"],
  verifications: ["核验方式"],
  shops: ["name"],
} as const;
const CELL_COUNT = Object.values(CELLS).reduce((n, c) => n + c.length, 0);

/** One run: a company (91 有限责任公司) and an individual business (92 个体工商户), every cell filled. */
const bundle = fc.array(pii, { minLength: CELL_COUNT * 2, maxLength: CELL_COUNT * 2 });

// ---------------------------------------------------------------------------------------------------

let t: TestApp;
let keys: Awaited<ReturnType<typeof keysForRoles>>;
let server: Server;
let hookUrl = "";
const received: string[] = [];

beforeAll(async () => {
  t = await openTestApp({ demoMerchants: 6 });
  // Webhook deliveries to the loopback receiver below: the explicit local-development opt-in
  // (AppDeps.allowLocalOutbound, agreed name; deliveries elsewhere refuse loopback).
  (t.deps as unknown as Record<string, unknown>).allowLocalOutbound = true;
  keys = await keysForRoles(t.db, TEST_NOW);
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => {
      received.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const res = await t.app.request(
    "/api/v1/partner/webhook",
    jsonInit("PUT", keys["platform:jd"], { url: hookUrl, secret: "whsec_pii_property_0123456789" }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
}, 120_000);
afterAll(async () => {
  await new Promise((r) => server.close(r));
  t.cleanup();
});

async function importJson(kind: string, rows: Record<string, string>[], extra = ""): Promise<Json> {
  const res = await t.app.request(
    `/api/v1/regulator/imports/${kind}?fileName=${kind}.json&publishedAt=2026-11-01${extra}`,
    bearer(keys.regulator, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(rows),
    }),
  );
  const report = await res.json<Json>();
  expect(res.status, JSON.stringify(report.errors ?? report).slice(0, 600)).toBe(200);
  expect(report.status, JSON.stringify(report).slice(0, 600)).toBe("applied");
  return report;
}

function leaks(surface: string, body: string, values: Pii[]): string[] {
  const flat = flattenForScan(body);
  return values
    .filter((v) => body.includes(v.written) || flat.includes(v.canonical.toUpperCase()))
    .map((v) => `${surface}: ${v.kind} ${JSON.stringify(v.written)}`);
}

const NAMES = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥";
let runNo = 0;

/**
 * One scenario: `values` (CELL_COUNT × 2 of them) go into the cells of a company and an individual
 * business, through every import kind and the partner shops API; returns every leak found.
 */
async function leaksAfterImport(values: Pii[]): Promise<string[]> {
  const n = runNo++;
  // A run's own codes and words, so runs do not meet in one database.
  const tag = `${NAMES[n % NAMES.length]}${NAMES[Math.floor(n / NAMES.length) % NAMES.length]}`;
  const body8 = `MA1P${String(n).padStart(4, "0")}`;
  const company = buildUscc("91", "320102", body8);
  const single = buildUscc("92", "320102", `${body8.slice(0, 4)}${String(n + 5000).padStart(4, "0")}`);
  const pool = [...values];
  const next = () => pool.shift()!;
  const text = (label: string) => `${label}：${next().written}（备注）`;

  const rowsFor = <K extends keyof typeof CELLS>(kind: K, base: Record<string, string>) => {
    const row = { ...base };
    for (const label of CELLS[kind]) row[label] = text(label);
    return row;
  };
  const merchantRow = (uscc: string, type: string) =>
    rowsFor("merchants", {
      统一社会信用代码: uscc,
      主体类型: type,
      登记状态: "存续",
      成立日期: "2020-05-06",
    });
  const m1 = merchantRow(company, "有限责任公司");
  const m2 = merchantRow(single, "个体工商户");
  // The search below looks the company up by a word of its name.
  m1.主体名称 = `南京信标${tag}${m1.主体名称}商贸有限公司`;
  m2.主体名称 = `南京信标${tag}${m2.主体名称}便利店`;
  await importJson("merchants", [m1, m2]);
  await importJson(
    "permits",
    [company, single].map((u) =>
      rowsFor("permits", { 统一社会信用代码: u, 有效期自: "2025-01-01", 有效期至: "2030-12-31" }),
    ),
  );
  await importJson(
    "lists",
    [company, single].map((u, i) =>
      rowsFor("lists", {
        主体名称: (i === 0 ? m1.主体名称 : m2.主体名称) ?? "",
        统一社会信用代码: u,
        名单类型: i === 0 ? "黑名单" : "重点关注名单",
        列入日期: "2026-11-01",
      }),
    ),
  );
  await importJson(
    "grades",
    [company, single].map((u) =>
      rowsFor("grades", { 统一社会信用代码: u, 信用等级: "C", 分类日期: "2026-10-01" }),
    ),
  );
  await importJson(
    "verifications",
    [company, single].map((u) =>
      rowsFor("verifications", { 统一社会信用代码: u, 平台: "jd", 核验日期: "2026-10-01" }),
    ),
  );
  const shopIds = [`pii-${n}-a`, `pii-${n}-b`];
  const shopsRes = await t.app.request(
    "/api/v1/partner/shops",
    jsonInit("PUT", keys["platform:jd"], {
      shops: [company, single].map((uscc, i) => ({
        shopId: shopIds[i],
        uscc,
        origins: ["https://mall.jd.com"],
        name: `店铺${next().written}`,
      })),
    }),
  );
  expect(shopsRes.status, await shopsRes.clone().text()).toBe(200);
  // The webhook: one tick enqueues and delivers the run's changes to the receiver.
  received.length = 0;
  await scheduledTick(t.deps as Parameters<typeof scheduledTick>[0]);

  const prefixes = await Promise.all(shopIds.map(async (s) => rangePrefix(await sha256Hex(`jd:${s}`))));
  const origin = "?origin=https%3A%2F%2Fmall.jd.com";
  const word = encodeURIComponent(`信标${tag}`);
  const paths = [
    "/api/v1/lists/prefixes",
    `/api/v1/search?q=${word}`,
    `/?q=${word}`,
    ...prefixes.map((p) => `/api/v1/range/${p}`),
    ...[company, single].flatMap((u) => [
      `/api/v1/merchants/${u}`,
      `/m/${u}`,
      `/m/${u}?lang=en`,
      `/badge/${u}.svg`,
      `/badge/${u}.svg?style=large&lang=en`,
      `/embed/v1/merchant/${u}${origin}`,
      `/api/v1/search?q=${u}`,
      `/?q=${u}`,
      `/objections/new?uscc=${u}`,
    ]),
    ...shopIds.flatMap((s) => [
      `/api/v1/shops/jd/${s}`,
      `/s/jd/${s}`,
      `/badge/jd/${s}.svg`,
      `/embed/v1/shop/jd/${s}${origin}`,
    ]),
  ];
  const found: string[] = [];
  let served = 0;
  for (const p of paths) {
    const res = await t.app.request(p);
    if (res.status === 200) served++;
    const body = `${res.headers.get("location") ?? ""}\n${await res.text()}`;
    found.push(...leaks(`GET ${p} (${res.status})`, body, values));
  }
  // An objection on each entry (anyone may file): the filing answer and the tracking view (JSON and form).
  for (const uscc of [company, single]) {
    const entry = await t.db
      .select({ id: listEntries.id })
      .from(listEntries)
      .where(eq(listEntries.uscc, uscc))
      .get();
    expect(entry, `no list entry for ${uscc}`).toBeDefined();
    const filed = await t.app.request(
      "/api/v1/objections",
      jsonInit("POST", null, {
        uscc,
        entryId: entry!.id,
        contact: "objector@example.com",
        reason: "该列入决定所依据的事实有误，已于 2026-11-10 提交整改材料",
        filedAs: "subject",
      }),
    );
    const filedBody = await filed.text();
    expect(filed.status, filedBody).toBe(201);
    found.push(...leaks(`POST /api/v1/objections (${uscc})`, filedBody, values));
    const token = (JSON.parse(filedBody) as { trackingToken?: string }).trackingToken;
    expect(token, "the filing answer carries a tracking token").toBeTruthy();
    if (token) {
      const tracked = await t.app.request("/api/v1/objections/track", jsonInit("POST", null, { token }));
      expect(tracked.status).toBe(200);
      found.push(...leaks(`POST /api/v1/objections/track (${uscc})`, await tracked.text(), values));
      const form = new URLSearchParams({ token });
      const page = await t.app.request("/objections/track", { method: "POST", body: form });
      found.push(...leaks(`POST /objections/track (${uscc})`, await page.text(), values));
    }
  }
  // The partner change feed, every page.
  let cursor = 0;
  for (let page = 0; page < 50; page++) {
    const res = await t.app.request(
      `/api/v1/partner/changes?cursor=${cursor}&limit=1000`,
      bearer(keys["platform:jd"]),
    );
    expect(res.status).toBe(200);
    const body = await res.text();
    found.push(...leaks(`change feed from ${cursor}`, body, values));
    const feed = JSON.parse(body) as { nextCursor: number; hasMore: boolean };
    cursor = feed.nextCursor;
    if (!feed.hasMore) break;
  }
  expect(received.length, "no webhook delivery reached the receiver").toBeGreaterThan(0);
  for (const [i, b] of received.entries()) found.push(...leaks(`webhook delivery ${i}`, b, values));

  // The surfaces were really served (a 404 everywhere would prove nothing).
  expect(served).toBeGreaterThanOrEqual(paths.length - shopIds.length);
  return found;
}

describe("personal data injected through every import kind never reaches a public surface", () => {
  it("the issue's case: 失信类别 carrying 身份证 and 手机 (and every other cell carrying some)", async () => {
    // 320102199003071234 fails the GB 11643 check; 32010219900307123 + its check character does not.
    const id = { kind: "id_number", canonical: "320102199003071239", written: "320102199003071239" } as const;
    const phone = { kind: "mobile", canonical: "18612345678", written: "186 1234 5678" } as const;
    const values: Pii[] = Array.from({ length: CELL_COUNT * 2 }, (_, k) => (k % 2 === 0 ? id : phone));
    expect(await leaksAfterImport(values)).toEqual([]);
  }, 120_000);

  it("holds for generated ID numbers, mobiles, landlines and bank cards in many written forms", async () => {
    await fc.assert(
      fc.asyncProperty(bundle, async (values) => {
        expect(await leaksAfterImport(values)).toEqual([]);
      }),
      { numRuns: 12, endOnFailure: true },
    );
  }, 600_000);
});
