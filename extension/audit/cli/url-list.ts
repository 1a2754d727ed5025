/**
 * The URL list an auditor hands the CLI: one URL per line (a first CSV column also works, so a
 * spreadsheet export can be used as is); blank lines and lines starting with # are skipped. Every bad
 * line is reported with its number before anything is audited or written.
 */
import { readFileSync } from "node:fs";

export interface UrlListProblem {
  line: number;
  text: string;
  zh: string;
  en: string;
}

export type UrlList = { ok: true; urls: string[] } | { ok: false; problems: UrlListProblem[] };

export const MAX_URLS = 100_000;

export function parseUrlList(text: string): UrlList {
  const urls: string[] = [];
  const seen = new Set<string>();
  const problems: UrlListProblem[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const first = (line.split(",")[0] ?? "").trim().replace(/^"|"$/g, "");
    if (i === 0 && /^(url|网址|链接)$/i.test(first)) return; // a CSV header
    let u: URL;
    try {
      u = new URL(first);
    } catch {
      problems.push({ line: i + 1, text: first.slice(0, 120), zh: "不是有效的网址", en: "not a valid URL" });
      return;
    }
    if (u.protocol !== "http:" && u.protocol !== "https:") {
      problems.push({
        line: i + 1,
        text: first.slice(0, 120),
        zh: "只支持 http/https 网址",
        en: "only http and https URLs",
      });
      return;
    }
    if (!seen.has(u.href)) {
      seen.add(u.href);
      urls.push(u.href);
    }
  });
  if (!problems.length && !urls.length) {
    problems.push({ line: 0, text: "", zh: "网址列表为空", en: "the URL list is empty" });
  }
  if (urls.length > MAX_URLS) {
    problems.push({
      line: 0,
      text: "",
      zh: `网址过多（最多 ${MAX_URLS} 个）`,
      en: `too many URLs (at most ${MAX_URLS})`,
    });
  }
  return problems.length ? { ok: false, problems } : { ok: true, urls };
}

export function readUrlList(path: string): UrlList {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    return {
      ok: false,
      problems: [
        {
          line: 0,
          text: path,
          zh: `无法读取网址列表文件（${(e as NodeJS.ErrnoException).code ?? "error"}）`,
          en: `cannot read the URL list (${(e as NodeJS.ErrnoException).code ?? "error"})`,
        },
      ],
    };
  }
  return parseUrlList(text);
}
