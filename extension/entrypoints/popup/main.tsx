/**
 * The popup: this tab's shop state (asked from the tab's content script, from memory), the search
 * window (name or 统一社会信用代码 — a search is sent to the service only when submitted), options.
 */
import { normalizeUscc, validateUscc } from "@xinbiao/db/model";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { browser } from "wxt/browser";
import { ShopBadge } from "../../components/shop-badge.tsx";
import { ShopReport } from "../../components/shop-report.tsx";
import { ToneIcon } from "../../components/tone-icon.tsx";
import { type Lang, pick, t } from "../../utils/i18n.ts";
import type { MatchReportAnswer, SearchResponse, ShopState, VerifiedRecord } from "../../utils/messages.ts";
import { publicPageLink } from "../../utils/report.ts";
import "../../components/shop-ui.css";
import "../../components/shop-card.css";
import { langOf, loadSettings, send } from "../../utils/runtime.ts";
import type { Settings } from "../../utils/settings.ts";

const P = {
  title: { zh: "信标 · 店铺信用", en: "Xinbiao · shop credit" },
  thisTab: { zh: "当前页面", en: "this page" },
  noShop: { zh: "当前页面不是受支持的店铺页面", en: "this page is not a supported shop page" },
  /** A shop or item page of a supported platform whose shop the rules could not tell (issue 14). */
  unmatched: { zh: "无法识别此页面的店铺", en: "this page could not be matched to a shop" },
  unmatchedHint: {
    zh: "此页面未经检查：没有信标标识不代表店铺可信。",
    en: "this page was not checked: no Xinbiao badge does not mean the shop is trustworthy.",
  },
  search: { zh: "查询窗口", en: "search" },
  placeholder: { zh: "企业名称或统一社会信用代码", en: "name or unified social credit code" },
  go: { zh: "查询", en: "search" },
  none: { zh: "没有找到匹配的主体", en: "no matching merchant" },
  failed: { zh: "查询失败，请检查服务地址或网络", en: "search failed: check the service URL or network" },
  badCode: { zh: "代码校验未通过：{m}", en: "code check failed: {m}" },
  options: { zh: "设置与隐私说明", en: "settings and privacy" },
  searchPrivacy: { zh: "查询内容会发送给信标服务。", en: "Your search is sent to the Xinbiao service." },
};
const p = (lang: Lang, k: keyof typeof P, vars: Record<string, string> = {}) =>
  P[k][lang].replace(/\{(\w+)\}/g, (_, v: string) => vars[v] ?? "");

async function tabState(): Promise<{ state: ShopState | null; url: string }> {
  // A tab id in the query lets the popup be opened as a page (tests, keyboard users) for a given tab.
  const forced = Number(new URLSearchParams(location.search).get("tab"));
  const [tab] = forced
    ? [await browser.tabs.get(forced)]
    : await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return { state: null, url: "" };
  try {
    const state = (await browser.tabs.sendMessage(tab.id, { type: "state" })) as ShopState;
    return { state, url: tab.url ?? "" };
  } catch {
    return { state: null, url: "" }; // no content script there: not a partner platform page
  }
}

function Popup({ settings }: { settings: Settings }) {
  const lang = langOf(settings.language);
  const [tab, setTab] = useState<{ state: ShopState | null; url: string } | null>(null);
  const [q, setQ] = useState("");
  const [res, setRes] = useState<SearchResponse | { ok: false; message: string } | null>(null);
  useEffect(() => {
    void tabState().then(setTab);
  }, []);

  async function submit(e: Event) {
    e.preventDefault();
    const query = q.trim();
    if (!query) return;
    // A code-shaped query with a wrong check digit gets the reason here, without a request.
    const code = normalizeUscc(query);
    if (/^[0-9A-Z]{18}$/.test(code)) {
      const v = validateUscc(code);
      if (!v.ok) {
        setRes({ ok: false, message: p(lang, "badCode", { m: pick(lang, v.problem) }) });
        return;
      }
    }
    setRes(null);
    setRes(await send<SearchResponse>({ type: "search", q: query }));
  }

  const st = tab?.state;
  return (
    <main lang={lang === "zh" ? "zh-CN" : "en"}>
      <h1>{p(lang, "title")}</h1>
      <section aria-labelledby="tab-h" class="tab-state">
        <h2 id="tab-h">{p(lang, "thisTab")}</h2>
        {tab === null ? (
          <p>{t(lang, "loading")}</p>
        ) : st?.detected ? (
          <ShopBadge
            lang={lang}
            shop={st.shop}
            uscc={st.uscc}
            licenseShown={st.licenseShown}
            floating={false}
            result={st.result}
            serviceUrl={settings.serviceUrl}
            pageUrl={tab.url}
            verify={(uscc) => send<VerifiedRecord>({ type: "record", uscc })}
          />
        ) : st?.coverage.kind === "unmatched" ? (
          <div class="unmatched" role="status">
            <p class="warn">
              <ToneIcon tone="unknown" /> {p(lang, "unmatched")}
            </p>
            <small class="muted">{p(lang, "unmatchedHint")}</small>
          </div>
        ) : (
          <p class="muted">{p(lang, "noShop")}</p>
        )}
        {st && (
          <ShopReport
            lang={lang}
            platform={st.platform}
            kind={st.detected ? "wrong" : "missed"}
            pageUrl={st.pageUrl}
            rulesVersion={st.rulesVersion}
            extensionVersion={browser.runtime.getManifest().version}
            send={(report) => send<MatchReportAnswer>({ type: "match-report", report })}
          />
        )}
        {st?.badgeMismatch && (
          <p class="warn">
            <ToneIcon tone="warning" /> {t(lang, "badgeMismatch")}
          </p>
        )}
      </section>
      <section aria-labelledby="search-h">
        <h2 id="search-h">{p(lang, "search")}</h2>
        <form onSubmit={submit} class="search">
          <input
            name="q"
            aria-label={p(lang, "placeholder")}
            placeholder={p(lang, "placeholder")}
            value={q}
            maxLength={100}
            onInput={(e) => setQ((e.target as HTMLInputElement).value)}
          />
          <button type="submit">{p(lang, "go")}</button>
        </form>
        <small class="muted">{p(lang, "searchPrivacy")}</small>
        {res && !res.ok && <p class="error">{"message" in res ? res.message : p(lang, "failed")}</p>}
        {res?.ok && res.results.length === 0 && <p class="muted">{p(lang, "none")}</p>}
        {res?.ok && res.results.length > 0 && (
          <ul class="results">
            {res.results.map((r) => (
              <li key={r.uscc} class={`tone-${r.verdict}`}>
                <a
                  href={publicPageLink(settings.serviceUrl, r.uscc)}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {r.name}
                </a>
                <span>
                  <ToneIcon tone={r.verdict} /> {pick(lang, r.brand)} ·{" "}
                  {r.grade ? t(lang, "gradeShort", { g: r.grade }) : t(lang, "noGrade")}
                </span>
                <code>{r.uscc}</code>
              </li>
            ))}
          </ul>
        )}
      </section>
      <footer>
        <a href={browser.runtime.getURL("/options.html")} target="_blank" rel="noopener">
          {p(lang, "options")}
        </a>
      </footer>
    </main>
  );
}

void loadSettings().then((settings) =>
  render(<Popup settings={settings} />, document.getElementById("app")!),
);
