/**
 * State icons as inline SVG: they must not depend on an emoji font (Debian's Chromium without one
 * showed ⛔ as an empty box). Shapes in tone-shapes.ts (one per presentation icon id), shared with the
 * DOM painter of the shop page.
 */
import type { IconId } from "@xinbiao/db/model/presentation";
import { h } from "preact";
import type { Tone } from "../utils/present.ts";
import { toneShapes } from "./tone-shapes.ts";

/** Decorative: the words next to the icon carry the meaning for screen readers. */
export function ToneIcon({ tone, icon, size = 14 }: { tone: Tone; icon?: IconId; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" class="xb-svg">
      {toneShapes(icon ?? tone).map(([tag, attrs], i) => h(tag, { key: i, ...attrs }))}
    </svg>
  );
}
