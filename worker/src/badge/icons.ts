/**
 * Stroke icons in a 12×12 box, one per icon id of the presentation module, so the state never rests
 * on colour alone (WCAG 1.4.1). Paths, not font glyphs: they look the same whatever fonts the viewer has.
 */
import type { IconId } from "@xinbiao/db/model/presentation";

export const ICON_PATHS: Record<IconId, string> = {
  check: "M2 6.2 4.8 9 10 3.2", // ✓
  dot: "M6 3.6a2.4 2.4 0 1 0 0 4.8 2.4 2.4 0 1 0 0-4.8z", // ● (ring): nothing adverse, not a recommendation
  exclaim: "M6 2v5.2M6 9.3v.7", // !
  triangle: "M6 1.2 11.2 10.6H.8zM6 4.6v2.8M6 8.6v.4", // triangle !
  cross: "M2.5 2.5l7 7M9.5 2.5l-7 7", // ✕
  void: "M6 1.4a4.6 4.6 0 1 0 0 9.2 4.6 4.6 0 1 0 0-9.2zM2.8 9.2l6.4-6.4", // ⊘ license void, not 失信
  question: "M3.8 4.3a2.2 2.2 0 1 1 3.2 2c-.7.4-1 .8-1 1.6M6 9.6v.6", // ?
  unlink: "M6 1.2 11.2 10.6H.8zM6 4.6v2.8M6 8.6v.4", // triangle !
  clock: "M6 1.4a4.6 4.6 0 1 0 0 9.2 4.6 4.6 0 1 0 0-9.2zM6 3.4V6l1.8 1.4", // ◷
  invalid: "M3 3l6 6M9 3l-6 6", // ✕ (grey)
};
