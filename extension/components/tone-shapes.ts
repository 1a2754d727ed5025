/**
 * The icons' shapes as data, drawn by the Preact icon (popup, card) and by the DOM painter (the badge
 * and banner on shop pages), one per icon id of the presentation module (db/model/presentation.ts),
 * so the shape differs per state and meaning never rests on colour. A tone maps to its default icon;
 * a state with its own icon (a revoked license: `void`, not the 失信 `cross`) passes the icon id.
 */
import type { IconId } from "@xinbiao/db/model/presentation";
import { TONE_ICON_ID, type Tone } from "../utils/present.ts";

export type Shape = readonly [tag: "circle" | "path", attrs: Readonly<Record<string, string>>];

const INK = "var(--xb-icon-ink, #fff)";
const round = { "stroke-linecap": "round" } as const;

const CHECK: readonly Shape[] = [
  ["circle", { cx: "8", cy: "8", r: "7.5", fill: "currentColor" }],
  ["path", { d: "M4.2 8.3l2.4 2.4 5-5", stroke: INK, "stroke-width": "2", fill: "none", ...round }],
];
const DOT: readonly Shape[] = [["circle", { cx: "8", cy: "8", r: "5", fill: "currentColor" }]];
const EXCLAIM: readonly Shape[] = [
  ["circle", { cx: "8", cy: "8", r: "7.5", fill: "currentColor" }],
  ["path", { d: "M8 4v5M8 11.6v.6", stroke: INK, "stroke-width": "2", ...round }],
];
const TRIANGLE: readonly Shape[] = [
  ["path", { d: "M8 1l7.5 13.5h-15z", fill: "currentColor" }],
  ["path", { d: "M8 5.5v4.5M8 11.8v1", stroke: INK, "stroke-width": "1.8", ...round }],
];
const CROSS: readonly Shape[] = [
  ["path", { d: "M5 .8h6L15.2 5v6L11 15.2H5L.8 11V5z", fill: "currentColor" }],
  ["path", { d: "M5.3 5.3l5.4 5.4M10.7 5.3l-5.4 5.4", stroke: INK, "stroke-width": "2", ...round }],
];
// ⊘: the license is void (吊销 / 注销) — a registration state, drawn unlike the 失信 octagon.
const VOID: readonly Shape[] = [
  ["circle", { cx: "8", cy: "8", r: "6.4", fill: "none", stroke: "currentColor", "stroke-width": "2.2" }],
  ["path", { d: "M3.6 12.4l8.8-8.8", stroke: "currentColor", "stroke-width": "2.2", ...round }],
];
const QUESTION: readonly Shape[] = [
  ["circle", { cx: "8", cy: "8", r: "7", fill: "none", stroke: "currentColor", "stroke-width": "1.6" }],
  [
    "path",
    {
      d: "M6 6.2a2 2 0 1 1 2.6 1.9c-.5.2-.6.6-.6 1.1v.6M8 11.8v.4",
      stroke: "currentColor",
      "stroke-width": "1.6",
      fill: "none",
      ...round,
    },
  ],
];
const CLOCK: readonly Shape[] = [
  ["circle", { cx: "8", cy: "8", r: "7", fill: "none", stroke: "currentColor", "stroke-width": "1.6" }],
  ["path", { d: "M8 4.2V8l2.6 1.8", stroke: "currentColor", "stroke-width": "1.6", fill: "none", ...round }],
];

const SHAPES: Record<IconId, readonly Shape[]> = {
  check: CHECK,
  dot: DOT,
  exclaim: EXCLAIM,
  triangle: TRIANGLE,
  cross: CROSS,
  void: VOID,
  question: QUESTION,
  unlink: TRIANGLE,
  clock: CLOCK,
  invalid: CROSS,
};

/** Shapes for a tone (its default icon) or for an explicit icon id. */
export function toneShapes(tone: Tone | IconId): readonly Shape[] {
  return SHAPES[tone in TONE_ICON_ID ? TONE_ICON_ID[tone as Tone] : (tone as IconId)] ?? QUESTION;
}
