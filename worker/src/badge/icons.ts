/**
 * Stroke icons in a 12×12 box, one per tone, so the state never rests on colour alone (WCAG 1.4.1).
 * Paths, not font glyphs: they look the same whatever fonts the viewer has.
 */
import type { Tone } from "./labels.ts";

export const TONE_ICONS: Record<Tone, string> = {
  trusted: "M2 6.2 4.8 9 10 3.2", // check
  normal: "M2 6.2 4.8 9 10 3.2", // check
  caution: "M6 2v5.2M6 9.3v.7", // !
  warning: "M6 1.2 11.2 10.6H.8zM6 4.6v2.8M6 8.6v.4", // triangle !
  danger: "M2.5 2.5l7 7M9.5 2.5l-7 7", // ✕
  unknown: "M3.8 4.3a2.2 2.2 0 1 1 3.2 2c-.7.4-1 .8-1 1.6M6 9.6v.6", // ?
  unregistered: "M6 1.2 11.2 10.6H.8zM6 4.6v2.8M6 8.6v.4", // triangle !
};
