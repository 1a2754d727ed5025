// @vitest-environment node
/**
 * The audit CLI end to end (issue 6 items 2, 3, 5): real Chromium over the fixture shops served under
 * mapped platform host names, records from the real service. 30 pages: every fixture outcome, copies,
 * and injected faults (timeout, 404, dropped connection, a slow page that still loads). Then: resume,
 * posting to the results API, comparison with the earlier report, and a screenshot of report.html.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS } from "./cli/browser-runner.ts";
import { type FixtureServer, hostRules, startFixtureServer } from "./fixtures/fixture-server.ts";
import { FIXTURE_SHOPS, PLATFORM_HOMES } from "./fixtures/fixture-shops.ts";
import type { Report } from "./report/report-model.ts";
import { auditorKey, ROOT, runCli, type Service, startService } from "./testing/audit-harness.ts";

/** Screenshots a person looks at (see the report of issue 6). */
export const SHOT_DIR = join(ROOT, "extension/audit/test-results");

let svc: Service;
let fx: FixtureServer;
let dir: string;
let key: string;

const FAULTS = {
  timeout: "http://shop100001.taobao.com/?fault=timeout",
  notFound: "http://shop100001.taobao.com/?fault=404",
  reset: "http://shop100002.tmall.com/?fault=reset",
  slow: "http://shop100001.taobao.com/?delay=1500&n=slow",
  notAShop: "http://www.taobao.com/help/",
};

const expected = [...FIXTURE_SHOPS, ...PLATFORM_HOMES];
const copies = Array.from({ length: 30 - expected.length - Object.keys(FAULTS).length }, (_, i) => {
  const f = expected[i % expected.length]!;
  const u = new URL(f.url);
  u.searchParams.set("n", String(i));
  return { ...f, url: u.href };
});
const ALL = [...expected, ...copies];
const LIST = [...ALL.map((f) => f.url), ...Object.values(FAULTS)];

beforeAll(async () => {
  svc = await startService();
  fx = await startFixtureServer(svc.url);
  key = await auditorKey(svc.db);
  dir = mkdtempSync(join(tmpdir(), "xinbiao-audit-"));
  // One invalid line and one duplicate: reported and skipped, the run goes on (issue 16).
  writeFileSync(
    join(dir, "urls.txt"),
    `# 亮照检查 fixture list\n${LIST.join("\n")}\nnot a url\n${LIST[0]}\n`,
  );
  mkdirSync(SHOT_DIR, { recursive: true });
});
afterAll(async () => {
  await fx?.close();
  svc?.stop();
});

const cliArgs = (out: string, extra: string[] = [], list = join(dir, "urls.txt")) => [
  list,
  "--out",
  out,
  "--service",
  svc.url,
  "--host-rules",
  hostRules(fx.port),
  "--timeout",
  "8000",
  "--retries",
  "1",
  "--concurrency",
  "3",
  ...extra,
];

describe("npm run audit", () => {
  let report: Report;
  const byUrl = (u: string) => report.results.find((r) => r.requestedUrl === new URL(u).href)!;

  it("refuses a URL list without one usable line, naming each bad line, and writes nothing", async () => {
    writeFileSync(join(dir, "bad.txt"), "# none usable\nnot a url\nftp://x.taobao.com/\n");
    const out = join(dir, "bad-out");
    const r = await runCli(cliArgs(out, [], join(dir, "bad.txt")));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("bad.txt:2: 不是有效的网址 / not a valid URL: not a url");
    expect(r.stderr).toContain("bad.txt:3: 只支持 http/https 网址");
    expect(r.stderr).toContain("nothing written");
    expect(existsSync(out)).toBe(false);
    const opt = await runCli([join(dir, "urls.txt"), "--out", out, "--concurrency", "0"]);
    expect(opt.code).toBe(2);
    expect(opt.stderr).toContain("--concurrency 必须在 1–32 之间，收到 0");
    expect(existsSync(out)).toBe(false);
  });

  it("audits 30 pages with injected faults; every fixture gets its expected verdict", async () => {
    const out = join(dir, "run1");
    const r = await runCli(cliArgs(out, ["--post"]), { XINBIAO_API_KEY: key });
    expect(r.stderr.includes("audit aborted") ? r.stderr : "").toBe("");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/audited 30 pages \(skipped 0 done earlier\) in [\d.]+ s: [\d.]+ pages\/minute/);
    expect(r.stderr).toContain(`urls.txt:${LIST.length + 2}: 不是有效的网址 / not a valid URL: not a url`);
    expect(r.stderr).toContain(
      `urls.txt:${LIST.length + 3}: 与第 2 行重复，只检查一次 / duplicate of line 2`,
    );
    report = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as Report;
    expect(report.results).toHaveLength(30);

    for (const f of ALL) {
      const got = byUrl(f.url);
      const failing = got.checks
        .filter((c) => c.status === "fail" && c.kind === "display")
        .map((c) => c.id)
        .sort();
      expect({ id: f.id, outcome: got.outcome, failing }).toEqual({
        id: f.id,
        outcome: f.expect.outcome,
        failing: [...f.expect.failing].sort(),
      });
      if ("flags" in f.expect) expect(got.flags, f.id).toEqual(f.expect.flags ?? []);
    }
    // Evidence per page: screenshot, HTML snapshot whose SHA-256 is in the report, time.
    for (const res of report.results.filter((x) => x.outcome !== "error")) {
      expect(existsSync(join(out, res.evidence.screenshot!))).toBe(true);
      for (const a of res.evidence.artefacts ?? [])
        expect(
          createHash("sha256")
            .update(readFileSync(join(out, a.file)))
            .digest("hex"),
          a.file,
        ).toBe(a.sha256);
      const html = readFileSync(join(out, res.evidence.htmlFile!), "utf8");
      expect(createHash("sha256").update(html, "utf8").digest("hex")).toBe(res.evidence.htmlSha256);
      expect(Date.parse(res.evidence.capturedAt)).not.toBeNaN();
    }
  });

  it("reports the evidence of each failure: both values of a mismatch, why a license is hidden", () => {
    const mismatch = byUrl(FIXTURE_SHOPS.find((f) => f.id === "uscc_mismatch")!.url).checks.find(
      (c) => c.id === "identity.uscc",
    )!;
    expect(mismatch.zh).toContain("页面 91110000600037341L");
    expect(mismatch.evidence[0]).toMatchObject({ actual: "91110000600037341L", visible: true });
    expect(mismatch.evidence[0]!.expected).toMatch(/^91320506/);
    const hidden = byUrl(FIXTURE_SHOPS.find((f) => f.id === "license_hidden")!.url).checks.find(
      (c) => c.id === "license.prominent",
    )!;
    expect(hidden.zh).toContain("被折叠/裁切");
    expect(hidden.evidence[0]!.visible).toBe(false);
    const details = byUrl(FIXTURE_SHOPS.find((f) => f.id === "license_details")!.url).checks.find(
      (c) => c.id === "license.prominent",
    )!;
    expect(details.zh).toContain("<details>");
    const copied = byUrl(FIXTURE_SHOPS.find((f) => f.id === "badge_copied")!.url);
    expect(copied.checks.find((c) => c.id === "badge.bound")!.zh).toContain("taobao:100001");
    expect(copied.checks.find((c) => c.id === "badge.signature")!.status).toBe("pass");
    const ok = byUrl(FIXTURE_SHOPS[0]!.url).checks.find((c) => c.id === "license.prominent")!;
    expect(ok.evidence[0]!.box.y).toBeLessThan(800);
  });

  it("reports timeouts, 404s and dropped connections as such, retrying only what can recover", () => {
    expect(byUrl(FAULTS.timeout)).toMatchObject({
      outcome: "error",
      error: { code: "timeout" },
      attempts: 2,
      platform: "taobao",
    });
    expect(byUrl(FAULTS.notFound)).toMatchObject({
      outcome: "error",
      error: { code: "http_404", httpStatus: 404 },
      attempts: 1,
    });
    expect(byUrl(FAULTS.reset)).toMatchObject({
      outcome: "error",
      error: { code: "load_failed" },
      attempts: 2,
    });
    expect(byUrl(FAULTS.slow)).toMatchObject({ outcome: "compliant" });
    expect(byUrl(FAULTS.notAShop)).toMatchObject({ outcome: "error", error: { code: "not_a_shop_page" } });
    expect(report.errorsByCode.map((e) => e.code).sort()).toEqual([
      "http_404",
      "load_failed",
      "not_a_shop_page",
      "timeout",
    ]);
  });

  it("writes report.csv as UTF-8 with BOM, one row per page", () => {
    const csv = readFileSync(join(dir, "run1", "report.csv"), "utf8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(31);
    expect(lines[0]).toContain("统一社会信用代码 USCC");
    expect(csv).toContain("不合规 non_compliant");
  });

  it("posted the results to the results API (the public merchant page shows the last audit)", async () => {
    const normal = FIXTURE_SHOPS.find((f) => f.id === "compliant_footer")!.merchant;
    const page = await (await fetch(`${svc.url}/m/${normal.uscc}`)).text();
    expect(page).toMatch(/亮照(不)?合规/);
    const s = await fetch(`${svc.url}/api/v1/audit/results/summary?period=day`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = (await s.json()) as { rows: { platform: string; pages: number }[] };
    expect(body.rows.reduce((n, r) => n + r.pages, 0)).toBe(report.results.filter((r) => r.shopId).length);
  });

  it("resumes: a re-run skips pages already audited and retries the errors; its --post replaces, never doubles", async () => {
    const out = join(dir, "run1");
    const r = await runCli(cliArgs(out, ["--post"]), { XINBIAO_API_KEY: key });
    expect(r.code, r.stderr).toBe(0);
    const s = await fetch(`${svc.url}/api/v1/audit/results/summary?period=day`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const body = (await s.json()) as { rows: { pages: number }[] };
    expect(body.rows.reduce((n, x) => n + x.pages, 0)).toBe(report.results.filter((x) => x.shopId).length);
    const errors = report.results.filter((x) => x.outcome === "error").length;
    expect(r.stdout).toContain(`audited ${errors} pages (skipped ${30 - errors} done earlier)`);
    const again = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as Report;
    const first = report.results.find((x) => x.outcome === "compliant")!;
    expect(again.results.find((x) => x.requestedUrl === first.requestedUrl)!.auditedAt).toBe(first.auditedAt);
  });

  it("compares with an earlier report and renders charts and Chinese text (screenshot)", async () => {
    const out = join(dir, "run2");
    const r = await runCli(cliArgs(out, ["--compare", join(dir, "run1", "report.json")]));
    expect(r.code, r.stderr).toBe(0);
    const rep = JSON.parse(readFileSync(join(out, "report.json"), "utf8")) as Report;
    expect(rep.comparison?.byPlatform.length).toBeGreaterThan(0);

    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1400 } });
      await page.goto(`file://${join(out, "report.html")}`);
      await page.waitForSelector("html[data-charts=ready]", { timeout: 20_000 });
      // Every chart drew something (non-white pixels), and the CJK font is there for the text.
      const painted = await page.evaluate(() =>
        ["chart-platform", "chart-checks", "chart-compare"].map((id) => {
          const c = document.getElementById(id) as HTMLCanvasElement;
          const d = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 0 && (d[i]! < 200 || d[i + 1]! < 200)) n++;
          return n;
        }),
      );
      for (const n of painted) expect(n).toBeGreaterThan(500);
      expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans CJK SC"', "亮照"))).toBe(true);
      expect(await page.locator("tbody tr").count()).toBe(30);
      expect(
        await page
          .locator("td.thumb img")
          .first()
          .evaluate((i) => (i as HTMLImageElement).naturalWidth),
      ).toBeGreaterThan(0);
      await page.screenshot({ path: join(SHOT_DIR, "audit-report.png") });
      // Grouped by platform and 登记机关, one 整改通知 draft per non-compliant shop, and the PDF printed.
      expect(await page.locator("section.group").count()).toBe(rep.byPlatform.length);
      expect(await page.locator("section.notice").count()).toBe(
        rep.results.filter((x) => x.outcome === "non_compliant" && x.shopId).length,
      );
      expect(readFileSync(join(out, "report.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
    } finally {
      await browser.close();
    }
  });
});
