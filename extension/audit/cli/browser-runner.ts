/**
 * Real Chromium (Debian's /usr/bin/chromium through playwright-core): loads one page with a per-page
 * timeout, captures the layout snapshot in the page, saves a screenshot and the HTML snapshot.
 * Timeouts, HTTP errors, network failures and renderer crashes come back as typed failures: the
 * batch records them and goes on.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page, type Response } from "playwright-core";
import type { AuditError, PageSnapshot } from "../engine/types.ts";
import type { OcrEngine } from "./ocr.ts";

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

/** One file of a page's evidence, with its SHA-256 (issue 16: every artefact hashed, the manifest signs the list). */
export interface Artefact {
  kind: "html" | "first_screen" | "full_page" | "full_page_tile" | "license_image";
  file: string;
  sha256: string;
  bytes: number;
  /** For tiles: the document rows it covers. */
  rows?: [number, number];
}

export type Capture =
  | {
      ok: true;
      snapshot: PageSnapshot;
      httpStatus: number;
      finalUrl: string;
      artefacts: Artefact[];
    }
  | { ok: false; error: AuditError; retry: boolean; finalUrl?: string };

export interface CaptureOptions {
  timeoutMs: number;
  /** Late renders: wait for network idle and DOM mutation quiet, at most this long (reported in the snapshot). */
  settleMs?: number;
  /** OCR of license/permit images; null → images are left "unavailable" (needs human review). */
  ocr?: OcrEngine | null;
}

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

/** DOM quiet for this long counts as rendered (late license blocks arrive in one burst after an XHR). */
const MUTATION_QUIET_MS = 500;
/** Full-page screenshots above this height are taken in tiles (Chromium's texture limit is 16,384 px). */
export const TILE_PX = 8_000;
export const MAX_TILES = 12;

export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

function put(
  outDir: string,
  file: string,
  data: string | Uint8Array,
  kind: Artefact["kind"],
  extra: Partial<Artefact> = {},
): Artefact {
  writeFileSync(join(outDir, file), data);
  const bytes = typeof data === "string" ? Buffer.byteLength(data) : data.byteLength;
  return { kind, file, sha256: sha256(data), bytes, ...extra };
}

/** Non-HTML answers are their own error class (issue 16): a PDF or an image is not "未展示营业执照". */
function nonHtml(contentType: string | undefined, status: number): Capture | null {
  const ct = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (!ct || ct === "text/html" || ct === "application/xhtml+xml") return null;
  if (ct === "application/pdf")
    return fail(
      "non_html_pdf",
      "网址返回 PDF 文件，不是店铺网页",
      "the URL answered a PDF, not a shop page",
      false,
      status,
    );
  if (ct.startsWith("image/"))
    return fail(
      "non_html_image",
      `网址返回图片（${ct}），不是店铺网页`,
      `the URL answered an image (${ct}), not a shop page`,
      false,
      status,
    );
  return fail(
    "non_html_other",
    `网址返回 ${ct}，不是网页`,
    `the URL answered ${ct}, not an HTML page`,
    false,
    status,
  );
}

async function settle(page: Page, boundMs: number): Promise<NonNullable<PageSnapshot["settle"]>> {
  const t0 = Date.now();
  const networkIdle = await page
    .waitForLoadState("networkidle", { timeout: boundMs })
    .then(() => true)
    .catch(() => false);
  const left = Math.max(0, boundMs - (Date.now() - t0));
  const mutationQuiet = (await page.evaluate(
    `new Promise((done) => {
      const t0 = Date.now(); let last = Date.now();
      const mo = new MutationObserver(() => { last = Date.now(); });
      mo.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
      const tick = () => {
        if (Date.now() - last >= ${MUTATION_QUIET_MS}) { mo.disconnect(); done(true); }
        else if (Date.now() - t0 >= ${left}) { mo.disconnect(); done(false); }
        else setTimeout(tick, 50);
      };
      tick();
    })`,
  )) as boolean;
  return { networkIdle, mutationQuiet, waitedMs: Date.now() - t0, boundMs };
}

/** Same-site license links are followed once (a 404 or a script pseudo-link is no link badge). */
async function followLicenseLinks(ctx: BrowserContext, snap: PageSnapshot, timeoutMs: number): Promise<void> {
  const site = (h: string) => h.split(".").slice(-2).join(".");
  const here = site(new URL(snap.url).hostname);
  for (const e of snap.elements) {
    if (e.kind !== "license_link" || !e.href || !/^https?:/i.test(e.href)) continue;
    if (site(new URL(e.href).hostname) !== here) continue;
    const p = await ctx.newPage();
    try {
      const res = await p.goto(e.href, {
        timeout: Math.min(timeoutMs, 10_000),
        waitUntil: "domcontentloaded",
      });
      e.linkStatus = { status: res?.status() ?? 0, contentType: res?.headers()["content-type"] ?? null };
    } catch (err) {
      e.linkStatus = { error: (err as Error).message.split("\n")[0]!.slice(0, 120) };
    } finally {
      await p.close().catch(() => {});
    }
  }
}

/** Load `url` in a fresh page of `ctx`, capture, save evidence under `outDir` as `<stem>.*`. */
export async function capture(
  ctx: BrowserContext,
  url: string,
  bundle: string,
  outDir: string,
  stem: string,
  timeoutMs: number,
  opts: Omit<CaptureOptions, "timeoutMs"> = {},
): Promise<Capture> {
  let page: Page | null = null;
  let crashed = false;
  let timer: NodeJS.Timeout | undefined;
  const settleMs = opts.settleMs ?? Math.min(5_000, Math.round(timeoutMs / 4));
  const work = async (): Promise<Capture> => {
    page = await ctx.newPage();
    page.on("crash", () => {
      crashed = true;
    });
    const images = new Map<string, Response>();
    page.on("response", (r) => {
      if (r.request().resourceType() === "image" && images.size < 500) images.set(r.url(), r);
    });
    let status = 0;
    let res: Response | null = null;
    try {
      res = await page.goto(url, { timeout: timeoutMs, waitUntil: "load" });
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
    const finalUrl = page.url();
    const other = nonHtml(res?.headers()["content-type"], status);
    if (other) return { ...other, finalUrl };
    const settled = await settle(page, settleMs);
    const snapshot = (await page.evaluate(
      `${bundle}\n;XinbiaoAudit.capturePage(document, window)`,
    )) as PageSnapshot;
    snapshot.settle = settled;
    await followLicenseLinks(ctx, snapshot, timeoutMs);
    const artefacts: Artefact[] = [];
    artefacts.push(put(outDir, `evidence/${stem}.html`, await page.content(), "html"));
    // The first screen as a visitor sees it on arrival, then the whole page (tiled when huge).
    await page.evaluate("window.scrollTo(0, 0)");
    artefacts.push(
      put(
        outDir,
        `evidence/${stem}-first-screen.png`,
        await page.screenshot({ type: "png", timeout: timeoutMs }),
        "first_screen",
      ),
    );
    const height = Math.max(snapshot.documentHeight, snapshot.viewport.height);
    if (height <= TILE_PX) {
      artefacts.push(
        put(
          outDir,
          `evidence/${stem}-full-page.jpg`,
          await page.screenshot({ type: "jpeg", quality: 70, fullPage: true, timeout: timeoutMs }),
          "full_page",
        ),
      );
    } else {
      const tiles = Math.min(MAX_TILES, Math.ceil(height / TILE_PX));
      for (let i = 0; i < tiles; i++) {
        const y = i * TILE_PX;
        const h = Math.min(TILE_PX, height - y);
        artefacts.push(
          put(
            outDir,
            `evidence/${stem}-full-page-${String(i + 1).padStart(2, "0")}.jpg`,
            await page.screenshot({
              type: "jpeg",
              quality: 70,
              fullPage: true,
              clip: { x: 0, y, width: snapshot.viewport.width, height: h },
              timeout: timeoutMs,
            }),
            "full_page_tile",
            { rows: [y, y + h] },
          ),
        );
      }
      snapshot.caps = [
        ...(snapshot.caps ?? []),
        {
          name: "screenshot_tiles",
          limit: MAX_TILES * TILE_PX,
          reached: height > MAX_TILES * TILE_PX,
          zh: `整页截图只覆盖前 ${MAX_TILES * TILE_PX}px（页面高 ${height}px）`,
          en: `full-page screenshot covers the first ${MAX_TILES * TILE_PX}px only (page is ${height}px)`,
        },
      ];
    }
    // License and permit photos: the image as served, OCR'd (tesseract chi_sim); kept as evidence.
    let n = 0;
    for (const e of snapshot.elements) {
      if (e.kind !== "license_image" && e.kind !== "permit_image") continue;
      n++;
      const r = e.src ? images.get(e.src) : undefined;
      const body = r ? await r.body().catch(() => null) : null;
      if (!body) {
        e.ocr = { state: "unavailable", reason: "图片无法获取 / image could not be fetched" };
        continue;
      }
      const ext = /png/.test(r?.headers()["content-type"] ?? "")
        ? "png"
        : /gif/.test(r?.headers()["content-type"] ?? "")
          ? "gif"
          : "jpg";
      artefacts.push(put(outDir, `evidence/${stem}-image-${n}.${ext}`, body, "license_image"));
      e.ocr = opts.ocr
        ? await opts.ocr.read(body)
        : { state: "unavailable", reason: "未启用 OCR / OCR not enabled" };
    }
    return { ok: true, snapshot, httpStatus: status, finalUrl, artefacts };
  };
  // One bound for the whole attempt (load, capture, screenshot): a page that hangs after load is a timeout too.
  const guard = new Promise<Capture>((ok) => {
    timer = setTimeout(
      () => ok(fail("timeout", `页面处理超时（${timeoutMs} ms）`, `page timed out (${timeoutMs} ms)`, true)),
      // load + settle + screenshots + OCR: generous, but a hung page still ends.
      timeoutMs * 2 + settleMs + 60_000,
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
