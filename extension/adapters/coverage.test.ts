/**
 * Honest coverage (issue 14): every URL shape of the built-in rules is exercised by the URL tables
 * and by a saved fixture page, no fixture yields a shop it should not (zero false badges), and the
 * fraction of fixture shapes on which the right shop is found is measured and held above a floor.
 * `XINBIAO_COVERAGE_TABLE=1` prints the README coverage table (platform × surface × shape).
 */
import { describe, expect, it } from "vitest";
import { URLS as u1688 } from "./1688/1688.urls.ts";
import { readFixtures, toDocument } from "./fixtures.ts";
import { BUILTIN_RULES, classifyPage } from "./index.ts";
import { URLS as uJd } from "./jd/jd.urls.ts";
import { URLS as uPdd } from "./pinduoduo/pinduoduo.urls.ts";
import { URLS as uTaobao } from "./taobao/taobao.urls.ts";
import { URLS as uTmall } from "./tmall/tmall.urls.ts";

const PLATFORMS = ["taobao", "tmall", "jd", "pinduoduo", "1688"] as const;
const TABLES = { taobao: uTaobao, tmall: uTmall, jd: uJd, pinduoduo: uPdd, "1688": u1688 };

/** Mobile: the shape's host or name says so (m., h5., mobile., winport.m). */
function viewport(url: URL, shape: string): "mobile" | "desktop" {
  return /(^|\.)(m|h5|mobile|winport\.m|detail\.m|item\.m|shop\.m)\./.test(url.hostname) ||
    /\.m\.(taobao|tmall)\.com$/.test(url.hostname) ||
    shape.includes("mobile")
    ? "mobile"
    : "desktop";
}

interface Row {
  platform: string;
  surface: string;
  shape: string;
  viewport: string;
  design: string;
  file: string;
  expected: string | null;
  got: string | null;
  status: string;
  source: string;
  why: string;
}

function rows(): Row[] {
  const out: Row[] = [];
  for (const p of PLATFORMS) {
    for (const f of readFixtures(p)) {
      const url = new URL(f.meta.url);
      const v = classifyPage(url, toDocument(f.html));
      out.push({
        platform: p,
        surface: v.surface ?? "?",
        shape: v.page ?? "?",
        viewport: viewport(url, v.page ?? ""),
        design: f.meta.design ?? "",
        file: `${p}/fixtures/${f.file}`,
        expected: f.meta.shopId ?? null,
        got: v.shopId,
        status: v.status,
        source: f.meta.source ?? "",
        why: f.meta.why ?? "",
      });
    }
  }
  return out;
}

describe("coverage of real page shapes", () => {
  const all = rows();

  it("every URL shape of the built-in rules has URL-table rows and a fixture page", () => {
    const missing: string[] = [];
    for (const p of PLATFORMS) {
      const shapes = BUILTIN_RULES.platforms[p].pages.map((r) => r.name);
      const inTable = new Set(TABLES[p].positive.map(([u]) => classifyPage(new URL(u), null).page));
      const inFixtures = new Set(all.filter((r) => r.platform === p).map((r) => r.shape));
      for (const s of shapes) {
        if (!inTable.has(s)) missing.push(`${p}: URL table has no row for shape ${s}`);
        if (!inFixtures.has(s)) missing.push(`${p}: no fixture page for shape ${s}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("every fixture's source is cited", () => {
    for (const r of all) expect(r.source.length, `${r.file} cites no source`).toBeGreaterThan(20);
  });

  it("zero false badges: no fixture yields a shop other than its own, or one where none may be shown", () => {
    for (const r of all) {
      if (r.got !== null) expect(r.got, r.file).toBe(r.expected);
      if (r.expected === null) expect(r.got, `${r.file} must be "not checked"`).toBeNull();
    }
  });

  it('every "not checked" fixture says why no identity of the shop is in it', () => {
    for (const r of all.filter((x) => x.expected === null))
      expect(r.why.length, `${r.file} must say why (meta "why")`).toBeGreaterThan(20);
  });

  it("the right shop on most fixture shapes; the rest report not checked", () => {
    const found = all.filter((r) => r.expected !== null && r.got === r.expected).length;
    const notChecked = all.filter((r) => r.got === null).length;
    expect(found + notChecked).toBe(all.length);
    // Floor against regressions: the measured figure (50 of 52 with identity aliases), stated in the
    // README; issue 14's goal is 96 %.
    expect(found / all.length).toBeGreaterThanOrEqual(0.96);
    if (process.env.XINBIAO_COVERAGE_TABLE) {
      const esc = (s: string) => s.replace(/\|/g, "\\|");
      // The README cell: repositories and code-index file ids named in the fixture's citation.
      const short = (src: string) => {
        const parts: string[] = [];
        for (const m of src.matchAll(/\b([A-Za-z0-9_-]+\/[A-Za-z0-9_.-]+) ([^\s(,;]+\.[a-z]{2,4})\b/g))
          parts.push(`${m[1]} ${m[2]}`);
        // Code-index ids follow "file id", a comma or "and"; shop ids in the citation text do not.
        const ids = [...src.matchAll(/(?<=(?:file id|,| and) )(\d{7,12})\b/g)].map((m) => m[1]!);
        if (ids.length)
          parts.push(
            `code index ${[...new Set(ids)]
              .slice(0, 4)
              .map((i) => `#${i}`)
              .join(", ")}`,
          );
        if (/issue 14/.test(src)) parts.push("issue 14");
        if (/project's original fixture/.test(src)) parts.push("project fixture (pre-research)");
        if (/constructed/.test(src)) parts.push("constructed conflict case");
        return parts.join("; ") || src.slice(0, 60);
      };
      const lines = [
        "| Platform | Surface | Shape (rule) | Viewport | Design / version | Result | Fixture | Source |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ...all.map(
          (r) =>
            `| ${r.platform} | ${r.surface} | \`${r.shape}\` | ${r.viewport} | ${esc(r.design)} | ${
              r.got
                ? r.got.includes(":")
                  ? `alias \`${r.got}\``
                  : `shop \`${r.got}\``
                : `not checked (${r.status}): ${esc(r.why)}`
            } | \`${r.file.replace("/fixtures/", "/…/")}\` | ${esc(short(r.source))} |`,
        ),
        "",
        `Measured: the right shop on ${found} of ${all.length} fixture shapes (${((100 * found) / all.length).toFixed(1)} %; ` +
          `${all.filter((r) => r.got?.includes(":")).length} of them by an identity alias), ` +
          `"not checked" on ${notChecked}, false badges 0.`,
      ];
      console.log(lines.join("\n"));
    }
  });
});
