/**
 * `/platforms` — how a partner platform shows our badge on shop pages (电子商务法 §15 亮照亮标):
 * the embed script snippet with a live preview, the <img>+link fallback for pages that forbid scripts,
 * the CSP the script needs, and the API links.
 */
import { type PageLang, tr } from "./i18n.ts";
import { Layout } from "./layout.tsx";

export interface PreviewShop {
  platform: string;
  shopId: string;
  uscc: string;
}

export function PlatformsPage({
  pl,
  demo,
  baseUrl,
  shops,
}: {
  pl: PageLang;
  demo: boolean;
  baseUrl: string;
  shops: PreviewShop[];
}) {
  const { lang } = pl;
  const t = (zh: string, en: string) => tr(lang, zh, en);
  const ex = shops[0] ?? { platform: "jd", shopId: "1000001", uscc: "91320214MA1XB7Q0XX" };
  const script = `<script async src="${baseUrl}/embed.js" data-platform="${ex.platform}" data-shop="${ex.shopId}"></script>`;
  const scriptUscc = `<script async src="${baseUrl}/embed.js" data-uscc="${ex.uscc}"></script>`;
  const img = `<a href="${baseUrl}/s/${ex.platform}/${ex.shopId}" target="_blank" rel="noopener">
  <img src="${baseUrl}/badge/${ex.platform}/${ex.shopId}.svg" alt="信用标识 / credit badge" height="20">
</a>`;
  const csp = `script-src ${baseUrl}; connect-src ${baseUrl}`;
  return (
    <Layout pl={pl} title={t("平台接入", "For platforms")} demo={demo} path="/platforms">
      <h1>{t("平台接入：亮照亮标", "For platforms: show the license badge")}</h1>
      <p>
        {t(
          "《电子商务法》第十五条要求经营者在首页显著位置持续公示营业执照信息或其链接标识。把下面的代码放到店铺首页，即可显示信标的电子链接标识，点击进入公示页面。",
          "E-Commerce Law §15 asks sellers to show their license, or a link badge to it, prominently and continuously on the shop's main page. Put the snippet below on the shop page to show our link badge.",
        )}
      </p>

      <section class="card" aria-labelledby="s-h">
        <h2 id="s-h">{t("1. 嵌入脚本（推荐）", "1. Embed script (recommended)")}</h2>
        <pre>
          <code>{script}</code>
        </pre>
        <p>{t("或按统一社会信用代码：", "Or by unified social credit code:")}</p>
        <pre>
          <code>{scriptUscc}</code>
        </pre>
        <ul>
          <li>
            {t(
              '脚本在 Shadow DOM 中以纯文本渲染，不留全局变量，一页可放多个；data-lang="en" 显示英文。',
              'Renders as text inside a Shadow root, leaks no globals, several per page; data-lang="en" for English.',
            )}
          </li>
          <li>
            {t(
              "标识与平台为店铺登记的网址（origins）绑定；在其他网站显示“此标识未在本站登记”，并记录滥用次数供审计查看。",
              'The badge is bound to the origins the platform registered for the shop; elsewhere it says "not registered for this site" and the misuse is counted for auditors.',
            )}
          </li>
          <li>
            {t("页面启用 CSP 时，需允许：", "Under a Content-Security-Policy, allow: ")}
            <code>{csp}</code>
          </li>
        </ul>
        {/* defer, not async: hono/jsx hoists and de-duplicates <script async src> into <head>. */}
        <h3>{t("实时预览", "Live preview")}</h3>
        <div class="preview" id="preview">
          {shops.map((s) => (
            <script defer src="/embed.js" data-platform={s.platform} data-shop={s.shopId} data-lang={lang} />
          ))}
        </div>
      </section>

      <section class="card" aria-labelledby="i-h">
        <h2 id="i-h">{t("2. 图片标识（页面禁止脚本时）", "2. Image badge (pages that forbid scripts)")}</h2>
        <pre>
          <code>{img}</code>
        </pre>
        <p>
          {t("样式：", "Styles: ")}
          <code>?style=flat</code> · <code>?style=large</code> · {t("英文：", "English: ")}
          <code>?lang=en</code> · {t("按代码：", "by code: ")}
          <code>{`${baseUrl}/badge/{uscc}.svg`}</code>
        </p>
        <div class="preview">
          {shops.map((s) => (
            <a href={`/s/${s.platform}/${s.shopId}`}>
              <img
                src={`/badge/${s.platform}/${s.shopId}.svg${lang === "en" ? "?lang=en" : ""}`}
                alt={t("信用标识", "credit badge")}
              />
            </a>
          ))}
          {shops.map((s) => (
            <a href={`/s/${s.platform}/${s.shopId}`}>
              <img
                src={`/badge/${s.platform}/${s.shopId}.svg?style=large${lang === "en" ? "&lang=en" : ""}`}
                alt={t("信用标识", "credit badge")}
              />
            </a>
          ))}
        </div>
      </section>

      <section class="card" aria-labelledby="a-h">
        <h2 id="a-h">{t("3. 接口", "3. API")}</h2>
        <ul>
          <li>
            <a href="/api/v1/openapi.json">OpenAPI</a> — <code>GET /api/v1/merchants/{"{uscc}"}</code>,{" "}
            <code>
              GET /api/v1/shops/{"{platform}"}/{"{shopId}"}
            </code>
            , <code>GET /api/v1/search?q=</code>
          </li>
          <li>
            <a href="/.well-known/xinbiao-keys.json">{t("签名公钥（JWK）", "Signing keys (JWK set)")}</a>
          </li>
          <li>
            <code>
              GET /embed/v1/shop/{"{platform}"}/{"{shopId}"}?origin=
            </code>{" "}
            —{" "}
            {t(
              "嵌入脚本读取的数据（含签名记录）",
              "the data the embed script reads (with the signed record)",
            )}
          </li>
        </ul>
      </section>
    </Layout>
  );
}
