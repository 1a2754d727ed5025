/**
 * What the collapsed badge shows, for both painters: the plain-DOM one on the page (shop-paint.ts,
 * in the content script) and the Preact badge with its card (shop-badge.tsx, loaded on demand and in
 * the popup). Pure and Preact-free, so the content script does not carry Preact for it (issue 7).
 */
import { brandOf } from "@xinbiao/db/model/regions";
import type { ShopRef } from "../adapters/types.ts";
import { type Lang, pick, t } from "../utils/i18n.ts";
import type { LookupResult } from "../utils/messages.ts";
import { type BadgeView, badgeView } from "../utils/present.ts";

export interface BadgeFaceInput {
  lang: Lang;
  shop: ShopRef | null;
  /** A USCC shown on the page (generic adapter) when no shop id is known. */
  uscc: string | null;
  licenseShown: boolean;
  floating: boolean;
  result: LookupResult | null;
}

export interface BadgeFace {
  view: BadgeView;
  label: string;
  title: string;
}

export function badgeFace(props: BadgeFaceInput): BadgeFace {
  const { lang } = props;
  const view: BadgeView = props.shop
    ? badgeView(props.result, { lang, licenseShown: props.licenseShown })
    : {
        tone: "unknown" as const,
        icon: "?",
        brand: pick(lang, brandOf(props.uscc?.slice(2, 8) ?? "")),
        parts: [t(lang, "usccOnPage")],
        verdictLabel: "",
        notes: [],
      };
  const label = [view.brand, view.verdictLabel, ...view.parts].filter(Boolean).join(" · ");
  return { view, label, title: props.floating ? t(lang, "floating") : label };
}
