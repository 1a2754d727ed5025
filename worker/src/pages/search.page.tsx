/**
 * `/` — the search window (查询窗口, 苏政办规〔2023〕13号 asks platforms to offer a credit query entry):
 * search by name or 统一社会信用代码; each result shows verdict, brand, grade and state in words.
 */
import type { PublicRecord } from "@xinbiao/db/model";
import { stateText } from "../badge/labels.ts";
import { VerdictChip } from "./components.tsx";
import { link, type PageLang, tr } from "./i18n.ts";
import { Layout, SearchForm } from "./layout.tsx";
import { PAGE_SIZE } from "./search-merchants.ts";

export interface SearchPageProps {
  pl: PageLang;
  demo: boolean;
  q?: string | undefined;
  error?: string | undefined;
  offset: number;
  result?: { total: number; results: PublicRecord[] } | undefined;
}

export function SearchPage({ pl, demo, q, error, offset, result }: SearchPageProps) {
  const { lang } = pl;
  const title = q ? tr(lang, `查询：${q}`, `Search: ${q}`) : tr(lang, "信用查询", "Credit search");
  return (
    <Layout pl={pl} title={title} demo={demo} path="/" params={q ? { q } : {}}>
      <h1>{tr(lang, "网店经营者信用查询", "Look up an online seller")}</h1>
      <p class="muted">
        {tr(
          lang,
          "查询营业执照、身份核验、信用等级和红黑名单状态。",
          "License, identity verification, credit grade and list status.",
        )}
      </p>
      <SearchForm pl={pl} q={q} autofocus={!q} />
      {error ? (
        <p class="err" role="alert">
          {error}
        </p>
      ) : null}
      {result ? (
        <section aria-labelledby="results-h">
          <h2 id="results-h">
            {tr(lang, `共 ${result.total} 条结果`, `${result.total} result${result.total === 1 ? "" : "s"}`)}
          </h2>
          {result.total === 0 ? (
            <p>
              {tr(
                lang,
                "未收录符合条件的经营者。未收录不代表可信，请到信用中国或国家企业信用信息公示系统核实。",
                "No seller found. Not listed does not mean trustworthy: check Credit China or the national enterprise credit system.",
              )}
            </p>
          ) : (
            <ol class="results">
              {result.results.map((r) => (
                <li>
                  <div class="r1">
                    <a href={link(`/m/${r.uscc}`, pl)}>
                      <bdi class="name">{r.name}</bdi>
                    </a>
                    <VerdictChip tone={r.verdict} record={r} pl={pl} />
                  </div>
                  <div class="muted">
                    {r.uscc} · {lang === "en" ? r.region.brand.en : r.region.brand.zh} · {stateText(r, lang)}
                  </div>
                </li>
              ))}
            </ol>
          )}
          <nav aria-label={tr(lang, "翻页", "Pages")}>
            {offset > 0 ? (
              <a href={link("/", pl, { q: q ?? "", offset: String(Math.max(0, offset - PAGE_SIZE)) })}>
                {tr(lang, "‹ 上一页", "‹ Previous")}
              </a>
            ) : null}{" "}
            {offset + PAGE_SIZE < result.total ? (
              <a href={link("/", pl, { q: q ?? "", offset: String(offset + PAGE_SIZE) })}>
                {tr(lang, "下一页 ›", "Next ›")}
              </a>
            ) : null}
          </nav>
        </section>
      ) : null}
    </Layout>
  );
}
