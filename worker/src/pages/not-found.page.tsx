/** 404 (unknown merchant) and 400 (malformed code) pages: say what is wrong, offer the search box. */
import { type PageLang, tr } from "./i18n.ts";
import { Layout, SearchForm } from "./layout.tsx";

export function NotFoundPage({
  pl,
  demo,
  heading,
  message,
  q,
}: {
  pl: PageLang;
  demo: boolean;
  heading?: string;
  message: string;
  q?: string | undefined;
}) {
  const { lang } = pl;
  return (
    <Layout pl={pl} title={heading ?? tr(lang, "未找到", "Not found")} demo={demo} path="/">
      <h1>{heading ?? tr(lang, "未找到", "Not found")}</h1>
      <p class="err" role="alert">
        {message}
      </p>
      <p>
        {tr(
          lang,
          "未收录不代表可信。请重新查询，或到信用中国、国家企业信用信息公示系统核实。",
          "Not listed does not mean trustworthy. Search again, or check Credit China and the national enterprise credit system.",
        )}
      </p>
      <SearchForm pl={pl} q={q} />
    </Layout>
  );
}
