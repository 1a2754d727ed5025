/**
 * Which element the content script watches for in-place changes (issue 14): the shop header around
 * the badge's anchor (the shop name). The shop id usually sits in a link or data attribute beside the
 * name, so the anchor alone is too narrow; the whole page is too wide (a countdown or carousel would
 * wake the observer every frame). So: climb from the anchor while the ancestor stays small.
 */

/** An ancestor with more elements than this is a page section, not a header. */
export const HEADER_MAX_ELEMENTS = 150;
/** Headers nest the name at most this deep below their root in the shapes we know. */
export const HEADER_MAX_LEVELS = 3;

export function watchedHeader(anchor: Element): Element {
  let el = anchor;
  for (let i = 0; i < HEADER_MAX_LEVELS; i++) {
    const up = el.parentElement;
    if (!up || up === up.ownerDocument.body || up === up.ownerDocument.documentElement) break;
    if (up.getElementsByTagName("*").length > HEADER_MAX_ELEMENTS) break;
    el = up;
  }
  return el;
}
