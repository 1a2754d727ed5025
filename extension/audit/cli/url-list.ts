/**
 * The URL list an auditor hands the CLI: one URL per line (a first CSV column also works, so a
 * spreadsheet export can be used as is); blank lines and lines starting with # are skipped. A bad
 * line is reported with its number and skipped — one typo does not abort a 10,000-page run (issue 16);
 * a duplicate is reported with the line it repeats and audited once. Only a list with no usable URL
 * at all (or an unreadable file) stops the run.
 */
import { readFileSync } from "node:fs";

export interface UrlListProblem {
  line: number;
  text: string;
  zh: string;
  en: string;
}

export interface UrlDuplicate {
  line: number;
  firstLine: number;
  url: string;
}

export type UrlList =
  | { ok: true; urls: string[]; problems: UrlListProblem[]; duplicates: UrlDuplicate[] }
  | { ok: false; problems: UrlListProblem[]; duplicates?: UrlDuplicate[] };

export const MAX_URLS = 100_000;

export function parseUrlList(text: string): UrlList {
  const urls: string[] = [];
  const seen = new Map<string, number>();
  const problems: UrlListProblem[] = [];
  const duplicates: UrlDuplicate[] = [];
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
    const firstLine = seen.get(u.href);
    if (firstLine === undefined) {
      seen.set(u.href, i + 1);
      urls.push(u.href);
    } else duplicates.push({ line: i + 1, firstLine, url: u.href });
  });
  if (!urls.length) {
    problems.push({
      line: 0,
      text: "",
      zh: "网址列表中没有可用的网址",
      en: "the URL list has no usable URL",
    });
    return { ok: false, problems, duplicates };
  }
  if (urls.length > MAX_URLS) {
    problems.push({
      line: 0,
      text: "",
      zh: `网址过多（最多 ${MAX_URLS} 个）`,
      en: `too many URLs (at most ${MAX_URLS})`,
    });
  }
  if (urls.length > MAX_URLS) return { ok: false, problems, duplicates };
  return { ok: true, urls, problems, duplicates };
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
