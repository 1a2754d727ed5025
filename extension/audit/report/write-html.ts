/**
 * report.html: a self-contained page (open it from disk, mail it): totals, three charts drawn by
 * Chart.js (inlined, no network) — compliance rate by platform, failures by check, change against an
 * earlier report — and one row per page with its screenshot thumbnail, outcome, failed checks and
 * evidence hash. zh-CN first with English beside it; times in Asia/Shanghai.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { checkLabel, ERROR_LABELS, OUTCOME_LABELS } from "../engine/check-labels.ts";
import { h, html, jsonScript, Raw, safeHref } from "./html-builder.ts";
import type { Report } from "./report-model.ts";
import { shanghaiTime } from "./time.ts";

const require = createRequire(import.meta.url);
let chartJs: string | null = null;
function chartSource(): string {
  // The UMD build is not in the package's exports map: find it beside the CommonJS entry.
  chartJs ??= readFileSync(join(dirname(require.resolve("chart.js")), "chart.umd.min.js"), "utf8");
  return chartJs;
}

const pct = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(1)}%`);

const CSS = `
body{margin:0;font:14px/1.55 "Noto Sans CJK SC","Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}
header.top{background:#0b3d91;color:#fff;padding:18px 28px}header.top h1{margin:0;font-size:22px}header.top p{margin:4px 0 0;opacity:.85}
main{padding:20px 28px;max-width:1400px}
.cards{display:flex;gap:14px;flex-wrap:wrap;margin-bottom:18px}.card{background:#fff;border-radius:8px;padding:12px 18px;box-shadow:0 1px 3px #0002;min-width:150px}
.card b{display:block;font-size:26px}.card span{color:#57606a;font-size:12px}
.charts{display:flex;gap:16px;flex-wrap:wrap}.chart{background:#fff;border-radius:8px;padding:12px;box-shadow:0 1px 3px #0002}
.chart h2{font-size:15px;margin:0 0 8px}
table{border-collapse:collapse;width:100%;background:#fff;margin-top:18px;box-shadow:0 1px 3px #0002}
th,td{border-bottom:1px solid #e5e7eb;padding:8px;vertical-align:top;text-align:left;font-size:13px}th{background:#eef1f5}
td.thumb img{width:160px;height:100px;object-fit:cover;object-position:top;border:1px solid #d0d7de;border-radius:4px}
.chip{display:inline-block;border-radius:10px;padding:1px 9px;font-size:12px;font-weight:600;white-space:nowrap}
.compliant{background:#dafbe1;color:#116329}.non_compliant{background:#ffebe9;color:#a40e26}.error{background:#eaeef2;color:#57606a}
.flag{background:#3d0a0a;color:#fff}
.en{color:#57606a;font-size:12px}.url{word-break:break-all;max-width:320px}.mono{font-family:monospace;font-size:11px;color:#57606a}
ul.fails{margin:0;padding-left:18px}
`;

function summaryCards(r: Report): Raw {
  const t = r.totals;
  const card = (v: string | number, zh: string, en: string) =>
    h("div", { class: "card" }, h("b", {}, v), h("span", {}, `${zh} · ${en}`));
  return h(
    "div",
    { class: "cards" },
    card(t.pages, "页面", "pages"),
    card(pct(t.rate), "合规率", "compliance rate"),
    card(t.compliant, "合规", "compliant"),
    card(t.non_compliant, "不合规", "non-compliant"),
    card(t.error, "未完成（超时/404/崩溃）", "not audited"),
    card(t.flagged, "黑名单/重点关注", "listed merchants"),
    card(r.run.pagesPerMinute ? r.run.pagesPerMinute.toFixed(1) : "—", "页/分钟", "pages per minute"),
  );
}

function row(r: Report["results"][number]): Raw {
  const shot = safeHref(r.evidence.screenshot);
  const link = safeHref(r.requestedUrl);
  const fails = r.checks.filter((c) => c.status === "fail");
  return h(
    "tr",
    { "data-outcome": r.outcome },
    h("td", {}, r.index + 1),
    h(
      "td",
      { class: "thumb" },
      shot
        ? h("a", { href: shot }, h("img", { src: shot, alt: `截图 ${r.index + 1}`, loading: "lazy" }))
        : h("span", { class: "en" }, "无截图 / no screenshot"),
    ),
    h(
      "td",
      { class: "url" },
      link ? h("a", { href: link, rel: "noreferrer" }, r.requestedUrl) : r.requestedUrl,
      h("div", { class: "en" }, [r.platform ?? "", r.shopId ?? ""].filter(Boolean).join(" · ")),
    ),
    h("td", {}, r.merchantName ?? "—", h("div", { class: "mono" }, r.uscc ?? "")),
    h(
      "td",
      {},
      h(
        "span",
        { class: `chip ${r.outcome}` },
        `${OUTCOME_LABELS[r.outcome].zh} ${OUTCOME_LABELS[r.outcome].en}`,
      ),
      r.flags.length
        ? [
            " ",
            h(
              "span",
              { class: "chip flag" },
              r.flags.map((f) => (f === "black" ? "黑名单" : "重点关注")).join("、"),
            ),
          ]
        : null,
    ),
    h(
      "td",
      {},
      r.error
        ? h(
            "div",
            {},
            `${ERROR_LABELS[r.error.code].zh}：${r.error.zh}`,
            h("div", { class: "en" }, r.error.en),
          )
        : fails.length
          ? h(
              "ul",
              { class: "fails" },
              fails.map((c) =>
                h("li", {}, h("b", {}, checkLabel(c.id).zh), "：", c.zh, h("div", { class: "en" }, c.en)),
              ),
            )
          : h("span", { class: "en" }, "全部通过 / all checks passed"),
    ),
    h(
      "td",
      {},
      h("div", {}, shanghaiTime(r.auditedAt)),
      h(
        "div",
        { class: "mono", title: r.evidence.htmlSha256 ?? "" },
        r.evidence.htmlSha256 ? `SHA-256 ${r.evidence.htmlSha256.slice(0, 16)}…` : "",
      ),
    ),
  );
}

/** Drawn in the browser from the embedded JSON; sizes fixed and animation off so prints and screenshots are stable. */
const CHART_SCRIPT = `
const R = JSON.parse(document.getElementById("report-data").textContent);
Chart.defaults.font.family = '"Noto Sans CJK SC","Noto Sans SC",sans-serif';
Chart.defaults.animation = false;
const pctAxis = { min: 0, max: 100, ticks: { callback: (v) => v + "%" } };
new Chart(document.getElementById("chart-platform"), {
  type: "bar",
  data: { labels: R.byPlatform.map((p) => p.zh), datasets: [
    { label: "合规率 compliance %", data: R.byPlatform.map((p) => p.rate === null ? null : Math.round(p.rate * 1000) / 10), backgroundColor: "#2da44e" } ] },
  options: { responsive: false, scales: { y: pctAxis }, plugins: { legend: { display: true } } },
});
new Chart(document.getElementById("chart-checks"), {
  type: "bar",
  data: { labels: R.failuresByCheck.map((c) => c.zh), datasets: [
    { label: "未通过页数 failing pages", data: R.failuresByCheck.map((c) => c.count), backgroundColor: "#cf222e" } ] },
  options: { indexAxis: "y", responsive: false, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
});
const cmp = document.getElementById("chart-compare");
if (cmp && R.comparison) new Chart(cmp, {
  type: "bar",
  data: { labels: R.comparison.byPlatform.map((p) => p.zh), datasets: [
    { label: "上次 before %", data: R.comparison.byPlatform.map((p) => p.before === null ? null : Math.round(p.before * 1000) / 10), backgroundColor: "#8c959f" },
    { label: "本次 now %", data: R.comparison.byPlatform.map((p) => p.after === null ? null : Math.round(p.after * 1000) / 10), backgroundColor: "#0969da" } ] },
  options: { responsive: false, scales: { y: pctAxis } },
});
document.documentElement.dataset.charts = "ready";
`;

export function reportHtml(r: Report): string {
  const label = (p: string) => r.byPlatform.find((x) => x.platform === p)?.zh ?? p;
  const chartData = {
    byPlatform: r.byPlatform.map((p) => ({ zh: p.zh, rate: p.rate })),
    failuresByCheck: r.failuresByCheck.map((c) => ({ zh: `${c.zh} ${c.id}`, count: c.count })),
    comparison: r.comparison
      ? {
          byPlatform: r.comparison.byPlatform.map((p) => ({
            zh: label(p.platform),
            before: p.before,
            after: p.after,
          })),
        }
      : null,
  };
  const chart = (id: string, zh: string, en: string, w = 440, hgt = 280) =>
    h(
      "div",
      { class: "chart" },
      h("h2", {}, zh, " ", h("span", { class: "en" }, en)),
      h("canvas", { id, width: w, height: hgt, role: "img", "aria-label": `${zh} ${en}` }),
    );
  return `<!DOCTYPE html>${html(
    h(
      "html",
      { lang: "zh-CN" },
      h(
        "head",
        {},
        h("meta", { charset: "utf-8" }),
        h("meta", { name: "viewport", content: "width=device-width,initial-scale=1" }),
        h("title", {}, `信标亮照检查报告 · Xinbiao license-display audit · ${shanghaiTime(r.generatedAt)}`),
        h("style", {}, new Raw(CSS)),
      ),
      h(
        "body",
        {},
        h(
          "header",
          { class: "top" },
          h(
            "h1",
            {},
            "信标 · 亮照合规检查报告 ",
            h("span", { style: "font-weight:normal;font-size:15px" }, "License-display audit report"),
          ),
          h(
            "p",
            {},
            `生成于 ${shanghaiTime(r.generatedAt)}（北京时间） · 登记数据来源 ${r.service} · 依据《电子商务法》第十五条、《市场主体登记管理条例》第三十六条`,
          ),
        ),
        h(
          "main",
          {},
          summaryCards(r),
          h(
            "div",
            { class: "charts" },
            chart("chart-platform", "各平台合规率", "compliance rate by platform"),
            chart("chart-checks", "各项检查未通过数", "failures by check", 520, 280),
            r.comparison
              ? chart(
                  "chart-compare",
                  `与上次报告对比（${shanghaiTime(r.comparison.earlierGeneratedAt)}）`,
                  "change against the earlier report",
                )
              : null,
          ),
          r.comparison?.changed.length
            ? h(
                "p",
                {},
                `结果有变化的页面 ${r.comparison.changed.length} 个 / pages whose outcome changed: `,
                r.comparison.changed
                  .slice(0, 50)
                  .map((c) => h("span", { class: "mono" }, ` ${c.url}: ${c.before} → ${c.after};`)),
              )
            : null,
          h(
            "table",
            {},
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                [
                  "#",
                  "截图 screenshot",
                  "网址 URL",
                  "经营者 merchant",
                  "结果 outcome",
                  "未通过的检查 failed checks",
                  "时间与证据 time & evidence",
                ].map((t) => h("th", {}, t)),
              ),
            ),
            h("tbody", {}, r.results.map(row)),
          ),
        ),
        jsonScript("report-data", chartData),
        h("script", {}, new Raw(chartSource().replace(/<\/script/gi, "<\\/script"))),
        h("script", {}, new Raw(CHART_SCRIPT)),
      ),
    ),
  )}`;
}
