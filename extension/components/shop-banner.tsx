/** The warning banner (danger red, warning amber) and the badge-mismatch warning, at the top of the page. */
import type { ShopRef } from "../adapters/types.ts";
import { type Lang, t } from "../utils/i18n.ts";
import type { LookupResult } from "../utils/messages.ts";
import { bannerView, mismatchText } from "../utils/present.ts";
import { ToneIcon } from "./tone-icon.tsx";

export interface ShopBannerProps {
  lang: Lang;
  result: LookupResult | null;
  badgeMismatch: ShopRef | null;
  onDismiss: () => void;
}

export function ShopBanner({ lang, result, badgeMismatch, onDismiss }: ShopBannerProps) {
  const banner = bannerView(result, lang);
  const mismatch = badgeMismatch ? mismatchText(badgeMismatch, lang) : null;
  if (!banner && !mismatch) return null;
  return (
    <div class="xb-banners" lang={lang === "zh" ? "zh-CN" : "en"}>
      {banner && (
        <div class={`xb-banner xb-banner-${banner.tone}`} role="alert" data-tone={banner.tone}>
          <span class="xb-banner-icon">
            <ToneIcon tone={banner.tone} size={24} />
          </span>
          <div class="xb-banner-text">
            <strong>{banner.title}</strong>
            <ul>
              {banner.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          </div>
          <button type="button" class="xb-dismiss" onClick={onDismiss}>
            {t(lang, "dismissToday")}
          </button>
        </div>
      )}
      {mismatch && (
        <div class="xb-banner xb-banner-warning xb-mismatch" role="alert" data-tone="mismatch">
          <span class="xb-banner-icon">
            <ToneIcon tone="warning" size={24} />
          </span>
          <div class="xb-banner-text">
            <strong>{mismatch.title}</strong>
            <ul>
              <li>{mismatch.detail}</li>
            </ul>
          </div>
        </div>
      )}
    </div>
  );
}
