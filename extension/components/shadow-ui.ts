/**
 * A page UI in its own open shadow root, mounted synchronously with its CSS inlined.
 *
 * Replaces WXT's createShadowRootUi on the content script's path (issue 7, item 6): that helper
 * fetched the entry's CSS file over the extension protocol for every UI (two fetches per page, each
 * an extra task and an await before anything showed), needed the CSS as a web-accessible resource the
 * page could probe, and wrapped each UI in its own html/head/body. Here the CSS text ships in the
 * bundle, the host goes into the page in one DOM insertion and the UI is there in the same task.
 */

export type Placement = "after" | "first" | "last";

export interface ShadowUi {
  host: HTMLElement;
  /** The element Preact renders into. */
  root: HTMLElement;
  remove(): void;
}

/** Keys typed into the UI stay in the UI: the page's shortcuts must not see them. */
const ISOLATED_EVENTS = ["keydown", "keyup", "keypress"] as const;

export function mountShadowUi(
  doc: Document,
  tag: string,
  css: string,
  anchor: Element,
  placement: Placement,
  attributes: Record<string, string> = {},
): ShadowUi {
  const host = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) host.setAttribute(name, value);
  const shadow = host.attachShadow({ mode: "open" });
  const style = doc.createElement("style");
  style.textContent = css;
  const root = doc.createElement("div");
  for (const type of ISOLATED_EVENTS) root.addEventListener(type, (e) => e.stopPropagation());
  shadow.append(style, root);
  if (placement === "after") anchor.after(host);
  else if (placement === "first") anchor.prepend(host);
  else anchor.append(host);
  return { host, root, remove: () => host.remove() };
}
