/**
 * The regulator dashboard in real Chromium: sign-in with a regulator key (an auditor key is turned
 * away), then overdue rectifications, open objections by deadline, recent imports with their reports
 * and badge misuse, in Chinese. Screenshots go to worker/test-results/.
 */
import { mkdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { badgeMisuse, listEntries } from "@xinbiao/db/schema";
import { eq } from "drizzle-orm";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { keysForRoles } from "../auth/test-keys.ts";
import { runImport } from "../imports/run-import.ts";
import { fileObjection } from "../objections/objection.service.ts";
import { openTestApp, TEST_NOW, type TestApp } from "../testing/embedded-app.ts";

const SHOTS = join(import.meta.dirname, "../../test-results");
const fixture = (n: string) =>
  new Uint8Array(readFileSync(join(import.meta.dirname, "../../../db/fixtures", n)));
let t: TestApp;
let keys: Awaited<ReturnType<typeof keysForRoles>>;
let service: ReturnType<typeof serve>;
let base = "";
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = await openTestApp({ demoMerchants: 40 });
  keys = await keysForRoles(t.db, TEST_NOW);
  await runImport(
    t.db,
    {
      kind: "merchants",
      bytes: fixture("merchants-sample.csv"),
      fileName: "merchants-sample.csv",
      actor: "cli:data-officer",
    },
    TEST_NOW,
  );
  await runImport(
    t.db,
    {
      kind: "lists",
      bytes: fixture("lists-creditchina-sample.gb18030.csv"),
      fileName: "lists-creditchina-sample.gb18030.csv",
      actor: "cli:data-officer",
    },
    TEST_NOW,
  );
  const entry = (await t.db
    .select()
    .from(listEntries)
    .where(eq(listEntries.documentNo, "瑞信用〔2026〕9号"))
    .get())!;
  const filed = await fileObjection(
    t.db,
    {
      uscc: entry.uscc,
      entryId: entry.id,
      contact: "13900001111",
      reason: "经营者已整改完毕并提交证明材料，请复核。",
      attachmentUrl: "https://files.example/proof.pdf",
    },
    new Date("2026-11-18T02:00:00Z"),
  );
  expect(filed.ok).toBe(true);
  await t.db.insert(badgeMisuse).values({
    platform: "jd",
    shopId: "1000001",
    origin: "https://copycat.example",
    count: 7,
    firstSeen: "2026-11-20T03:00:00.000Z",
    lastSeen: "2026-11-22T01:00:00.000Z",
  });
  service = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => service.once("listening", r));
  base = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  service?.close();
  t?.cleanup();
});

it("an auditor key is refused; a regulator signs in and sees every panel", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const first = await page.goto(`${base}/regulator`);
  expect(first?.status()).toBe(401);
  await page.fill("#key", keys.auditor);
  await Promise.all([page.waitForLoadState(), page.click("button[type=submit]")]);
  expect(await page.textContent("p.error")).toContain("无权查看监管看板");
  await page.fill("#key", keys.regulator);
  await Promise.all([page.waitForURL(`${base}/regulator`), page.click("button[type=submit]")]);
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === "xb_session")).toMatchObject({
    httpOnly: true,
    sameSite: "Strict",
    path: "/regulator",
  });

  const escal = await page.textContent("#escalations");
  expect(escal).toContain("南昌砚汀电子商务有限公司");
  expect(escal).toContain("2026-10-20");
  const obj = await page.textContent("#objections");
  expect(obj).toContain("瑞昌市栎溪日用品店");
  expect(obj).toContain("已超期");
  const imports = await page.textContent("#imports");
  expect(imports).toContain("lists-creditchina-sample.gb18030.csv");
  expect(imports).toContain("cli:data-officer");
  expect(await page.textContent("#misuse")).toContain("https://copycat.example");
  // CJK must render with a real font, not tofu: the heading is as wide as Noto CJK draws it.
  const width = await page.evaluate(() => document.querySelector("header h1")!.getBoundingClientRect().width);
  expect(width).toBeGreaterThan(100);
  await page.screenshot({ path: join(SHOTS, "regulator-dashboard.png"), fullPage: true });
  await page.click("#imports summary");
  await page.locator("#imports").screenshot({ path: join(SHOTS, "regulator-dashboard-imports.png") });
  await page.close();
}, 60_000);
