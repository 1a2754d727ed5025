/**
 * The shop page's on-demand code (issue 7; loaded by utils/shop-extras.ts): the Preact badge with its
 * card and the auditor-mode panel. Not a content script: shop pages that only show the badge never
 * parse or compile it.
 */
import { render } from "preact";
import { defineUnlistedScript } from "wxt/utils/define-unlisted-script";
import { mountAuditorPanel } from "../audit/ui/mount-auditor-panel.tsx";
import { ShopBadge } from "../components/shop-badge.tsx";
import CARD_CSS from "../components/shop-card.css?inline";
import { registerShopExtras } from "../utils/shop-extras.ts";

export default defineUnlistedScript(() => {
  registerShopExtras({
    openCard(root, props) {
      const shadow = root.getRootNode();
      if (shadow instanceof ShadowRoot && !shadow.querySelector("style[data-xb-card]")) {
        const style = root.ownerDocument.createElement("style");
        style.dataset.xbCard = "";
        style.textContent = CARD_CSS;
        shadow.append(style);
      }
      render(<ShopBadge {...props} />, root);
    },
    closeCard(root) {
      render(null, root);
    },
    mountAuditorPanel,
  });
});
