/**
 * Real Chromium (Debian's /usr/bin/chromium through playwright-core): loads one page with a per-page
 * timeout, captures the layout snapshot in the page, saves a screenshot and the HTML snapshot.
 * Timeouts, HTTP errors, network failures and renderer crashes come back as typed failures: the
 * batch records them and goes on.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import type { AuditError, PageSnapshot } from "../engine/types.ts";

export const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export interface LaunchOptions {
  executablePath: string;
  hostRules?: string | undefined;
}

export async function launchChromium(o: LaunchOptions): Promise<Browser> {
  return chromium.launch({
    executablePath: o.executablePath,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(o.hostRules ? [`--host-resolver-rules=${o.hostRules}`] : [])],
  });
}

export const VIEWPORT = { width: 1280, height: 800 };

export async function newAuditContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: 1,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    serviceWorkers: "block",
  });
}

export type Capture =
  | {
      ok: true;
      snapshot: PageSnapshot;
      httpStatus: number;
      htmlSha256: string;
      htmlFile: string;
      screenshot: string;
    }
  | { ok: false; error: AuditError; retry: boolean };

const fail = (
  code: AuditError["code"],
  zh: string,
  en: string,
  retry: boolean,
  httpStatus?: number,
): Capture => ({
  ok: false,
  retry,
  error: { code, zh, en, ...(httpStatus ? { httpStatus } : {}) },
});

/** Load `url` in a fresh page of `ctx`, capture, save evidence under `outDir` as `<stem>.{jpg,html}`. */
export async function capture(
  ctx: BrowserContext,
  url: string,
  bundle: string,
  outDir: string,
  stem: string,
  timeoutMs: number,
): Promise<Capture> {
  let page: Page | null = null;
  let crashed = false;
  let timer: NodeJS.Timeout | undefined;
  const work = async (): Promise<Capture> => {
    page = await ctx.newPage();
    page.on("crash", () => {
      crashed = true;
    });
    let status = 0;
    try {
      const res = await page.goto(url, { timeout: timeoutMs, waitUntil: "load" });
      status = res?.status() ?? 0;
    } catch (e) {
      const msg = (e as Error).message ?? "";
      if (crashed || /crash/i.test(msg)) return fail("crashed", "页面崩溃", "the page crashed", true);
      if (/Timeout/i.test((e as Error).name) || /Timeout \d+ms exceeded/.test(msg))
        return fail(
          "timeout",
          `页面加载超时（${timeoutMs} ms）`,
          `page load timed out (${timeoutMs} ms)`,
          true,
        );
      const net = /net::(ERR_[A-Z_]+)/.exec(msg)?.[1] ?? "ERR_FAILED";
      return fail("load_failed", `页面无法加载（${net}）`, `page failed to load (${net})`, true);
    }
    if (status === 404 || status === 410)
      return fail(
        "http_404",
        `页面不存在（HTTP ${status}）`,
        `page not found (HTTP ${status})`,
        false,
        status,
      );
    if (status >= 400)
      return fail(
        "http_error",
        `页面返回错误（HTTP ${status}）`,
        `page answered HTTP ${status}`,
        status >= 500,
        status,
      );
    const snapshot = (await page.evaluate(
      `${bundle}\n;XinbiaoAudit.capturePage(document, window)`,
    )) as PageSnapshot;
    const html = await page.content();
    const htmlSha256 = createHash("sha256").update(html, "utf8").digest("hex");
    const htmlFile = `evidence/${stem}.html`;
    const screenshot = `evidence/${stem}.jpg`;
    writeFileSync(join(outDir, htmlFile), html);
    await page.screenshot({ path: join(outDir, screenshot), type: "jpeg", quality: 60, timeout: timeoutMs });
    return { ok: true, snapshot, httpStatus: status, htmlSha256, htmlFile, screenshot };
  };
  // One bound for the whole attempt (load, capture, screenshot): a page that hangs after load is a timeout too.
  const guard = new Promise<Capture>((ok) => {
    timer = setTimeout(
      () => ok(fail("timeout", `页面处理超时（${timeoutMs} ms）`, `page timed out (${timeoutMs} ms)`, true)),
      timeoutMs + 2_000,
    );
  });
  try {
    const r = await Promise.race([
      work().catch((e: Error) =>
        crashed || /crash|Target (page, context or browser )?closed/i.test(e.message)
          ? fail("crashed", "页面崩溃", "the page crashed", true)
          : fail(
              "load_failed",
              `页面处理失败：${e.message.split("\n")[0]}`,
              `page failed: ${e.message.split("\n")[0]}`,
              true,
            ),
      ),
      guard,
    ]);
    return r;
  } finally {
    clearTimeout(timer);
    await (page as Page | null)?.close().catch(() => {});
  }
}
