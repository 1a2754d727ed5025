// @vitest-environment node
/**
 * Auditor mode in real Chromium: the panel (the component the extension mounts) on a fixture shop
 * under its platform host name, records from the real service, verified in the page. It lists every
 * check, outlines the evidence, exports the page's result as JSON; screenshot looked at.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS } from "../cli/browser-runner.ts";
import { CHECKS } from "../engine/checks/registry.ts";
import { type FixtureServer, hostRules, startFixtureServer } from "../fixtures/fixture-server.ts";
import { FIXTURE_SHOPS } from "../fixtures/fixture-shops.ts";
import { ROOT, type Service, startService } from "../testing/audit-harness.ts";

const SHOP_PAGE_CHECKS = CHECKS.filter((c) => c.appliesTo.includes("shop")).length;

let svc: Service;
let fx: FixtureServer;
let browser: Browser;
let bundle: string;

beforeAll(async () => {
  svc = await startService();
  fx = await startFixtureServer(svc.url);
  const out = await build({
    entryPoints: [fileURLToPath(new URL("../testing/panel-entry.tsx", import.meta.url))],
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    jsx: "automatic",
    jsxImportSource: "preact",
    logLevel: "silent",
  });
  bundle = out.outputFiles[0]!.text;
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    // WebCrypto needs a secure context; the extension verifies in its background page (one), this test
    // verifies in the http fixture page, so that origin is declared secure.
    args: [
      ...CHROMIUM_ARGS,
      `--host-resolver-rules=${hostRules(fx.port)}`,
      "--unsafely-treat-insecure-origin-as-secure=http://shop100002.taobao.com",
    ],
  });
});
afterAll(async () => {
  await browser?.close();
  await fx?.close();
  svc?.stop();
});

describe("auditor mode panel", () => {
  it("lists the checks, highlights the evidence and exports JSON on a mismatched shop", async () => {
    const f = FIXTURE_SHOPS.find((x) => x.id === "uscc_mismatch")!;
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(f.url);
    await page.evaluate(
      `${bundle};XinbiaoPanel.start(${JSON.stringify(svc.url)}, {platform:"taobao",shopId:"100002"})`,
    );
    const panel = page.locator("xinbiao-auditor-panel .xa-panel:not([data-outcome=running])");
    await panel.waitFor({ timeout: 30_000 });
    expect(await panel.getAttribute("data-outcome"), (await panel.textContent()) ?? "").toBe("non_compliant");
    const uscc = page.locator('xinbiao-auditor-panel [data-check="identity.uscc"]');
    expect(await uscc.getAttribute("data-status")).toBe("fail");
    expect(await uscc.textContent()).toContain("页面 91110000600037341L");
    expect(
      await page.locator('xinbiao-auditor-panel [data-check="registry.record"]').getAttribute("data-status"),
    ).toBe("pass");
    // every registered check that applies to a shop page, each shown once
    expect(await page.locator("xinbiao-auditor-panel li.xa-check").count()).toBe(SHOP_PAGE_CHECKS);

    await page.locator("xinbiao-auditor-panel button", { hasText: "高亮证据" }).click();
    const boxes = page.locator("#xinbiao-audit-overlay div");
    expect(await boxes.count()).toBeGreaterThan(0);
    const first = await boxes.filter({ hasText: "✗ identity.uscc" }).first().boundingBox();
    const lic = await page.locator("#license-info div", { hasText: "统一社会信用代码" }).boundingBox();
    // The failing check's outline sits on the element showing the wrong code (3px outside it).
    expect(Math.abs(first!.x - (lic!.x - 3))).toBeLessThan(2);
    expect(Math.abs(first!.y - (lic!.y - 3))).toBeLessThan(2);
    await page.screenshot({ path: join(ROOT, "extension/audit/test-results/auditor-panel.png") });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.locator("xinbiao-auditor-panel button", { hasText: "导出 JSON" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^xinbiao-audit-taobao-100002-\d{14}\.json$/);
    const json = JSON.parse(readFileSync((await download.path())!, "utf8"));
    expect(json).toMatchObject({
      tool: "xinbiao-audit",
      source: "extension",
      outcome: "non_compliant",
      shopId: "100002",
    });
    await ctx.close();
  });
});
