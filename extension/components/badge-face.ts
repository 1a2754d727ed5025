/**
 * What the collapsed badge shows, for both painters: the plain-DOM one on the page (shop-paint.ts,
 * in the content script) and the Preact badge with its card (shop-badge.tsx, loaded on demand and in
 * the popup). Pure and Preact-free, so the content script does not carry Preact for it (issue 7).
 */
import { PRODUCT, pick } from "@xinbiao/db/model/presentation";
import type { ShopRef } from "../adapters/types.ts";
import { type Lang, t } from "../utils/i18n.ts";
import type { LookupResult } from "../utils/messages.ts";
import { type BadgeView, badgeView, TONE_ICON_ID } from "../utils/present.ts";

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
        // Not checked yet: 信标's badge, never a regional brand standing in for a record we have not read.
        tone: "unknown" as const,
        iconId: TONE_ICON_ID.unknown,
        icon: "?",
        brand: pick(PRODUCT, lang),
        parts: [t(lang, "usccOnPage")],
        verdictLabel: "",
        notes: [],
      };
  const label = [view.brand, view.verdictLabel, ...view.parts].filter(Boolean).join(" · ");
  return { view, label, title: props.floating ? t(lang, "floating") : label };
}
