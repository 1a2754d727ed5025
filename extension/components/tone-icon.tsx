/**
 * Verdict icons as inline SVG: they must not depend on an emoji font (Debian's Chromium without one
 * showed ⛔ as an empty box). The shape differs per tone, so meaning never rests on colour alone.
 */
import type { ComponentChildren } from "preact";
import type { Tone } from "../utils/present.ts";

/** Decorative: the words next to the icon carry the meaning for screen readers. */
function Svg({ size, children }: { size: number; children: ComponentChildren }) {
  return (
    <svg width={size} height={size} viewBox="0 0 16 16" aria-hidden="true" class="xb-svg">
      {children}
    </svg>
  );
}

export function ToneIcon({ tone, size = 14 }: { tone: Tone; size?: number }) {
  switch (tone) {
    case "trusted":
      return (
        <Svg size={size}>
          <circle cx="8" cy="8" r="7.5" fill="currentColor" />
          <path
            d="M4.2 8.3l2.4 2.4 5-5"
            stroke="var(--xb-icon-ink, #fff)"
            stroke-width="2"
            fill="none"
            stroke-linecap="round"
          />
        </Svg>
      );
    case "normal":
      return (
        <Svg size={size}>
          <circle cx="8" cy="8" r="5" fill="currentColor" />
        </Svg>
      );
    case "caution":
    case "warning":
      return (
        <Svg size={size}>
          <path d="M8 1l7.5 13.5h-15z" fill="currentColor" />
          <path
            d="M8 5.5v4.5M8 11.8v1"
            stroke="var(--xb-icon-ink, #fff)"
            stroke-width="1.8"
            stroke-linecap="round"
          />
        </Svg>
      );
    case "danger":
      return (
        <Svg size={size}>
          <path d="M5 .8h6L15.2 5v6L11 15.2H5L.8 11V5z" fill="currentColor" />
          <path
            d="M5.3 5.3l5.4 5.4M10.7 5.3l-5.4 5.4"
            stroke="var(--xb-icon-ink, #fff)"
            stroke-width="2"
            stroke-linecap="round"
          />
        </Svg>
      );
    default:
      return (
        <Svg size={size}>
          <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" stroke-width="1.6" />
          <path
            d="M6 6.2a2 2 0 1 1 2.6 1.9c-.5.2-.6.6-.6 1.1v.6M8 11.8v.4"
            stroke="currentColor"
            stroke-width="1.6"
            fill="none"
            stroke-linecap="round"
          />
        </Svg>
      );
  }
}
