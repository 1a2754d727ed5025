/** Options: service URL, language, the privacy model in plain words, clear cache. */
import { render } from "preact";
import { useState } from "preact/hooks";
import { browser } from "wxt/browser";
import { AuditorModeOption } from "../../audit/ui/auditor-option.tsx";
import { DEMO_SERVICE_URL, PRODUCTION_SERVICE_URL, SERVICE_HOST_PERMISSIONS } from "../../utils/hosts.ts";
import type { Lang, LangSetting } from "../../utils/i18n.ts";
import { langOf, loadSettings, saveSettings, send } from "../../utils/runtime.ts";
import { checkServiceUrl, originPattern, type Settings } from "../../utils/settings.ts";

const O = {
  title: { zh: "信标 Xinbiao 设置", en: "Xinbiao settings" },
  service: { zh: "服务地址", en: "service URL" },
  serviceHelp: {
    zh: `正式服务：${PRODUCTION_SERVICE_URL}（占位）；本地演示：${DEMO_SERVICE_URL}（npm start）。`,
    en: `production: ${PRODUCTION_SERVICE_URL} (placeholder); local demo: ${DEMO_SERVICE_URL} (npm start).`,
  },
  language: { zh: "界面语言", en: "language" },
  auto: { zh: "跟随浏览器", en: "follow the browser" },
  save: { zh: "保存", en: "save" },
  saved: { zh: "已保存", en: "saved" },
  denied: {
    zh: "未获得访问该服务的权限，未保存",
    en: "permission to reach that service was refused: not saved",
  },
  clear: { zh: "清除缓存", en: "clear cache" },
  cleared: { zh: "缓存已清除，名单前缀已重新获取", en: "cache cleared, prefix set fetched again" },
  privacyTitle: { zh: "隐私如何保护", en: "how your privacy is kept" },
  privacy: {
    zh: [
      "信标只在淘宝、天猫、京东、拼多多、1688 的店铺页和商品页上工作，其他网页只比对网址，不读取内容。",
      "识别出店铺后，扩展在本机计算“平台:店铺号”的 SHA-256 摘要，只把摘要的前 4 位发给服务，服务返回这一组里的所有店铺（通常成百上千家），由扩展在本机比对。服务因此不知道您在看哪家店。",
      "扩展从不发送网页地址、店铺号或商品号。黑名单和重点关注名单的摘要前缀保存在本机，离线时也能立即提示。",
      "只有在您点击“核验签名档案”或使用查询窗口时，才会把该企业的代码或您输入的查询词发给服务；返回的档案会用服务公布的公钥核验签名。",
      "缓存只保存在本机，可随时清除。",
    ],
    en: [
      "Xinbiao works only on shop and item pages of Taobao, Tmall, JD, Pinduoduo and 1688; elsewhere it only compares the address and reads nothing.",
      "Once a shop is recognised, the extension computes the SHA-256 of 'platform:shop id' on your device and sends only its first 4 hex digits; the service answers every shop in that group (usually hundreds) and the match happens on your device, so the service does not learn which shop you are viewing.",
      "The extension never sends a page address, a shop id or an item id. The blacklist and watch-list hash prefixes are kept on your device, so warnings show at once, even offline.",
      "Only when you click 'verify signed record' or use the search does the merchant's code or your query go to the service; records are checked against the service's published key.",
      "Caches stay on your device and can be cleared at any time.",
    ],
  },
};

function Options({ initial }: { initial: Settings }) {
  const [settings, setSettings] = useState(initial);
  const [url, setUrl] = useState(initial.serviceUrl);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const lang: Lang = langOf(settings.language);
  const o = (k: Exclude<keyof typeof O, "privacy">) => O[k][lang];

  async function save(e: Event) {
    e.preventDefault();
    const check = checkServiceUrl(url);
    if (!check.ok) {
      setStatus({ kind: "error", text: check[lang] });
      return;
    }
    const pattern = originPattern(check.url);
    if (!SERVICE_HOST_PERMISSIONS.includes(pattern)) {
      // Least privilege: a self-hosted service's host is requested only now, for that host only.
      const granted = await browser.permissions.request({ origins: [pattern] }).catch(() => false);
      if (!granted) {
        setStatus({ kind: "error", text: o("denied") });
        return;
      }
    }
    const next = { ...settings, serviceUrl: check.url };
    await saveSettings(next);
    setSettings(next);
    setUrl(check.url);
    setStatus({ kind: "ok", text: o("saved") });
  }

  async function setLanguage(language: LangSetting) {
    const next = { ...settings, language };
    await saveSettings(next);
    setSettings(next);
  }

  return (
    <main lang={lang === "zh" ? "zh-CN" : "en"}>
      <h1>{o("title")}</h1>
      <form onSubmit={save} class="field">
        <label for="service">{o("service")}</label>
        <div class="row">
          <input
            id="service"
            name="service"
            value={url}
            onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
          />
          <button type="submit">{o("save")}</button>
        </div>
        <small class="muted">{o("serviceHelp")}</small>
      </form>
      <div class="field">
        <label for="language">{o("language")}</label>
        <select
          id="language"
          value={settings.language}
          onChange={(e) => void setLanguage((e.target as HTMLSelectElement).value as LangSetting)}
        >
          <option value="auto">{o("auto")}</option>
          <option value="zh">中文</option>
          <option value="en">English</option>
        </select>
      </div>
      <AuditorModeOption
        lang={lang}
        checked={settings.auditorMode}
        onChange={async (auditorMode) => {
          const next = { ...settings, auditorMode };
          await saveSettings(next);
          setSettings(next);
        }}
      />
      <div class="field">
        <button
          type="button"
          id="clear"
          onClick={async () => {
            await send({ type: "clear-cache" });
            setStatus({ kind: "ok", text: o("cleared") });
          }}
        >
          {o("clear")}
        </button>
      </div>
      {status && (
        <p role="status" class={status.kind === "ok" ? "ok" : "error"}>
          {status.text}
        </p>
      )}
      <section>
        <h2>{o("privacyTitle")}</h2>
        <ol>
          {O.privacy[lang].map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ol>
      </section>
    </main>
  );
}

void loadSettings().then((s) => render(<Options initial={s} />, document.getElementById("app")!));
