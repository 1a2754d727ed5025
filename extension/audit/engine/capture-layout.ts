/**
 * The page's real header and footer, by layout (issue 16: a mid-page `div.floor-footer` is not the
 * footer; a footer without "footer" in its class still is). The header band is the full-width block
 * painted at the very top of the page; the footer band the full-width block that ends the document.
 * Found with elementsFromPoint at the page's top and bottom edge, so class names play no part.
 */

export interface Bands {
  /** Document y below which the header band ends (0 when none found). */
  headerBottom: number;
  /** Document y where the footer band starts (Infinity when none found). */
  footerTop: number;
}

/** A band is a block at least this share of the viewport wide … */
const MIN_WIDTH_SHARE = 0.6;
/** … and at most this tall (a wrapper of the whole page is no header/footer). */
const MAX_BAND_PX = 700;

function band(doc: Document, win: Window, x: number, y: number, docH: number): DOMRect | null {
  const stack = doc.elementsFromPoint(x, y);
  let best: DOMRect | null = null;
  for (const e of stack) {
    if (e === doc.documentElement || e === doc.body) continue;
    const r = e.getBoundingClientRect();
    if (r.width < win.innerWidth * MIN_WIDTH_SHARE) continue;
    if (r.height > Math.min(MAX_BAND_PX, docH * 0.4)) continue;
    // Outermost qualifying block wins: the stack runs top (innermost) to bottom (outermost).
    best = r;
  }
  return best;
}

/** Measures the bands; scrolls to the bottom and back (the caller's scroll position is restored). */
export function layoutBands(doc: Document, win: Window): Bands {
  const sx = win.scrollX;
  const sy = win.scrollY;
  const docH = Math.max(doc.documentElement.scrollHeight, doc.body?.scrollHeight ?? 0);
  const x = Math.floor(win.innerWidth / 2);
  try {
    win.scrollTo(0, 0);
    const top = band(doc, win, x, 2, docH);
    const headerBottom = top && top.top <= 2 ? top.bottom + win.scrollY : 0;
    win.scrollTo(0, docH);
    const y = Math.min(win.innerHeight, docH - win.scrollY) - 2;
    const bottom = band(doc, win, x, y, docH);
    const endsPage = bottom && bottom.bottom + win.scrollY >= docH - 40;
    const footerTop = endsPage ? bottom.top + win.scrollY : Number.POSITIVE_INFINITY;
    return { headerBottom, footerTop };
  } finally {
    win.scrollTo(sx, sy);
  }
}
