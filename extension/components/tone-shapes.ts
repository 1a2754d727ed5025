/**
 * The verdict icons' shapes as data, drawn by the Preact icon (popup, card) and by the DOM painter
 * (the badge and banner on shop pages). The shape differs per tone, so meaning never rests on colour.
 */
import type { Tone } from "../utils/present.ts";

export type Shape = readonly [tag: "circle" | "path", attrs: Readonly<Record<string, string>>];

const INK = "var(--xb-icon-ink, #fff)";

const TRUSTED: readonly Shape[] = [
  ["circle", { cx: "8", cy: "8", r: "7.5", fill: "currentColor" }],
  [
    "path",
    { d: "M4.2 8.3l2.4 2.4 5-5", stroke: INK, "stroke-width": "2", fill: "none", "stroke-linecap": "round" },
  ],
];
const NORMAL: readonly Shape[] = [["circle", { cx: "8", cy: "8", r: "5", fill: "currentColor" }]];
const WARNING: readonly Shape[] = [
  ["path", { d: "M8 1l7.5 13.5h-15z", fill: "currentColor" }],
  ["path", { d: "M8 5.5v4.5M8 11.8v1", stroke: INK, "stroke-width": "1.8", "stroke-linecap": "round" }],
];
const DANGER: readonly Shape[] = [
  ["path", { d: "M5 .8h6L15.2 5v6L11 15.2H5L.8 11V5z", fill: "currentColor" }],
  [
    "path",
    { d: "M5.3 5.3l5.4 5.4M10.7 5.3l-5.4 5.4", stroke: INK, "stroke-width": "2", "stroke-linecap": "round" },
  ],
];
const UNKNOWN: readonly Shape[] = [
  ["circle", { cx: "8", cy: "8", r: "7", fill: "none", stroke: "currentColor", "stroke-width": "1.6" }],
  [
    "path",
    {
      d: "M6 6.2a2 2 0 1 1 2.6 1.9c-.5.2-.6.6-.6 1.1v.6M8 11.8v.4",
      stroke: "currentColor",
      "stroke-width": "1.6",
      fill: "none",
      "stroke-linecap": "round",
    },
  ],
];

export function toneShapes(tone: Tone): readonly Shape[] {
  switch (tone) {
    case "trusted":
      return TRUSTED;
    case "normal":
      return NORMAL;
    case "caution":
    case "warning":
      return WARNING;
    case "danger":
      return DANGER;
    default:
      return UNKNOWN;
  }
}
