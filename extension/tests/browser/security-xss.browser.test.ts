/**
 * Hostile data inside the extension's own UI (issue 8): a merchant whose name, address, list category
 * and authority carry script payloads and bidi controls is planted in the real service's database; on
 * its shop page the badge, banner and card render the payloads as literal text — no dialog fires, no
 * element is created from data.
 */
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { buildUscc, EXEMPTION_STATEMENT, shopHash } from "@xinbiao/db/model";
import { listEntries, merchants, schema, shops } from "@xinbiao/db/schema";
import { drizzle } from "drizzle-orm/libsql";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Browser,
  buildExtension,
  type FixtureServer,
  launch,
  RESULTS_DIR,
  readUi,
  type Service,
  settledUi,
  startFixtureServer,
  startService,
} from "./harness.ts";

const NAME = `<img src=x onerror=alert(1)>"'\u202Egnp.exe商行`;
const CATEGORY = "<script>alert(2)</script>刷单炒信";
const AUTHORITY = "javascript:alert(3)//市场监督管理局";
const ADDRESS = "<svg onload=alert(4)>人民路 1 号";
const SHOP_ID = "100099";

let service: Service;
let fixtures: FixtureServer;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];

async function plantHostileMerchant(dbUrl: string): Promise<void> {
  // Straight into the service's libSQL file, as a data officer's import would land it.
  const client = createClient({ url: dbUrl });
  const db = drizzle(client, { schema });
  const uscc = buildUscc("91", "320214", "MAXRR001");
  const now = new Date().toISOString();
  const hash = await shopHash("taobao", SHOP_ID);
  await db.batch([
    db.insert(merchants).values({
      uscc,
      name: NAME,
      kind: "enterprise",
      divisionCode: "320214",
      licenseStatus: "active",
      authority: AUTHORITY,
      legalRepresentative: "王<b>五</b>",
      address: ADDRESS,
      scope: CATEGORY,
      exemptionStatement: EXEMPTION_STATEMENT,
      freshUntil: new Date(Date.now() + 86_400_000 * 30).toISOString(),
      createdAt: now,
      updatedAt: now,
    }),
    db.insert(shops).values({
      platform: "taobao",
      shopId: SHOP_ID,
      uscc,
      name: NAME,
      origins: ["https://shop100099.taobao.com"],
      hash,
      prefix: hash.slice(0, 4),
    }),
    db.insert(listEntries).values({
      uscc,
      list: "black",
      category: CATEGORY,
      authority: AUTHORITY,
      documentNo: "<i>文号</i>〔2026〕1号",
      listedAt: now.slice(0, 10),
    }),
  ]);
  client.close();
}

beforeAll(async () => {
  buildExtension();
  [service, fixtures] = await Promise.all([startService(), startFixtureServer()]);
  await plantHostileMerchant(service.dbUrl);
  browser = await launch(fixtures.port);
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.locator("#service").fill(service.url);
  await options.getByRole("button", { name: "保存" }).click();
  await options.getByText("已保存").waitFor();
  await options.close();
  page = await browser.context.newPage();
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
});

afterAll(async () => {
  await browser?.close();
  await fixtures?.close();
  await service?.stop();
});

describe("hostile merchant data in the extension UI", () => {
  it("renders payloads as text in the badge, banner and card; no script runs", async () => {
    await page.goto(`http://shop${SHOP_ID}.taobao.com/`);
    // The local prefix set warns first; wait for the range lookup to fill in the details.
    let ui = await settledUi(page);
    for (let i = 0; i < 100 && !ui.banner[0]?.text.includes("刷单炒信"); i++) {
      await page.waitForTimeout(200);
      ui = await readUi(page);
    }
    expect(ui.count).toBe(1);
    expect(ui.tone).toBe("danger");
    expect(ui.banner[0]?.text).toContain("<script>alert(2)</script>刷单炒信");

    // open the card (it shows name, category and authority)
    await page.locator("xinbiao-shop-badge .xb-badge").first().click();
    await page.waitForTimeout(500);
    const rendered = await page.evaluate(() => {
      const roots = [...document.querySelectorAll("xinbiao-shop-badge, xinbiao-shop-banner")]
        .map((h) => h.shadowRoot)
        .filter((r): r is ShadowRoot => !!r);
      return {
        text: roots.map((r) => r.textContent ?? "").join("\n"),
        injected: roots.reduce(
          (n, r) => n + r.querySelectorAll("img[src='x'], script, svg[onload], i, b").length,
          document.querySelectorAll("img[src='x'], body > script:not([src])").length,
        ),
        handlers: roots.reduce((n, r) => n + r.querySelectorAll("[onerror], [onload], [onclick]").length, 0),
      };
    });
    await page.screenshot({ path: join(RESULTS_DIR, "security-xss-extension.png") });
    expect(rendered.text).toContain("<script>alert(2)</script>刷单炒信");
    // the bidi override in the name is gone: "gnp.exe" reads as written, not as "exe.png"
    expect(rendered.text).toContain(`"'gnp.exe商行`);
    expect(rendered.text).not.toContain("\u202E");
    expect(rendered.injected).toBe(0);
    expect(rendered.handlers).toBe(0);
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
  });
});
