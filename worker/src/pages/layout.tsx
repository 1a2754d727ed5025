/**
 * The page frame: skip link, demo banner, header branded by region (信用江苏 / 信用江西 / 信用安徽 /
 * 信用中国), navigation, a single <main>, footer. hono/jsx escapes every text child and attribute.
 */
import type { Brand } from "@xinbiao/db/model";
import type { Child } from "hono/jsx";
import { link, type PageLang, tr } from "./i18n.ts";

export interface LayoutProps {
  pl: PageLang;
  title: string;
  demo: boolean;
  /** Path of this page, for the language switch. */
  path: string;
  /** Query parameters to keep when switching language (e.g. the search term). */
  params?: Record<string, string>;
  brand?: Brand | undefined;
  children?: Child;
}

export function Layout({ pl, title, demo, path, params, brand, children }: LayoutProps) {
  const { lang } = pl;
  const other = lang === "en" ? "zh" : "en";
  const switchHref = `${path}?${new URLSearchParams({ ...(params ?? {}), lang: other })}`;
  return (
    <html lang={lang === "en" ? "en" : "zh-CN"}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${tr(lang, "信标", "Xinbiao")}`}</title>
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          {tr(lang, "跳到正文", "Skip to content")}
        </a>
        {demo ? (
          <div class="demo" role="note">
            {tr(
              lang,
              "演示数据 / demo data — 本站内容为虚构示例",
              "Demo data / 演示数据 — fictitious examples",
            )}
          </div>
        ) : null}
        <header class="site">
          <div class="in">
            <a class="logo" href={link("/", pl)}>
              {tr(lang, "信标 Xinbiao", "Xinbiao 信标")}
            </a>
            {brand ? (
              <a class="brandtag" href={brand.url} rel="noopener">
                {lang === "en" ? brand.en : brand.zh}
              </a>
            ) : null}
            <nav aria-label={tr(lang, "主导航", "Main")}>
              <a href={link("/", pl)}>{tr(lang, "查询", "Search")}</a>
              <a href={link("/method", pl)}>{tr(lang, "评价方法", "Method")}</a>
              <a href={link("/platforms", pl)}>{tr(lang, "平台接入", "For platforms")}</a>
              <a href={switchHref} lang={other === "en" ? "en" : "zh-CN"}>
                {other === "en" ? "English" : "中文"}
              </a>
            </nav>
          </div>
        </header>
        <main id="main">{children}</main>
        <footer>
          <div class="in">
            <p>
              {tr(
                lang,
                "信标依据公开信息展示经营者的营业执照、身份核验、信用等级和名单状态（《电子商务法》第十五条“亮照亮标”）。本站不记录您查询了哪些店铺。",
                "Xinbiao shows public license, verification, grade and list facts about online sellers (E-Commerce Law §15). We do not record which shops you look up.",
              )}
            </p>
            <p>
              <a href="https://www.creditchina.gov.cn/" rel="noopener">
                {tr(lang, "信用中国", "Credit China")}
              </a>
              {" · "}
              <a href="https://www.gsxt.gov.cn/" rel="noopener">
                {tr(lang, "国家企业信用信息公示系统", "National Enterprise Credit Information System")}
              </a>
              {" · "}
              <a href="https://www.12315.cn/" rel="noopener">
                {tr(lang, "全国12315平台", "12315 consumer complaints")}
              </a>
              {" · "}
              <a href="/api/v1/openapi.json">API</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}

export function SearchForm({
  pl,
  q,
  autofocus,
}: {
  pl: PageLang;
  q?: string | undefined;
  autofocus?: boolean;
}) {
  const { lang } = pl;
  return (
    <search>
      <form class="search" method="get" action="/">
        <label for="q">
          {tr(lang, "企业名称或统一社会信用代码", "Business name or unified social credit code")}
        </label>
        <input
          id="q"
          name="q"
          type="search"
          value={q ?? ""}
          maxlength={100}
          autocomplete="off"
          autofocus={autofocus}
          placeholder={tr(lang, "例如：无锡禾沐岫 或 91320214…", "e.g. 无锡禾沐岫 or 91320214…")}
        />
        {pl.explicit ? <input type="hidden" name="lang" value={pl.lang} /> : null}
        <button type="submit">{tr(lang, "查询", "Search")}</button>
      </form>
    </search>
  );
}
