/** Below this a text is not "prominent" even when on screen (a 6px footer line is not 显著). */
export const MIN_FONT_PX = 10;

/**
 * Contrast below this is not legible "显著" text. WCAG 2.x asks 4.5:1 of body text (3:1 large text)
 * as an accessibility goal; real shop footers print license lines in #999 on white (2.85:1) and people
 * read them, so the legal floor here is 2.5:1 — white-on-white (1:1) and #ddd on white (1.36:1) fail.
 */
export const MIN_CONTRAST = 2.5;

/** Below this the text is not there for a person at all (reported as hidden, not just "not prominent"). */
export const INVISIBLE_CONTRAST = 1.5;
