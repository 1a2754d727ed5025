/** Small shared page parts: the verdict chip (icon + word, never colour alone). */
import { pick, TONE_WORDS, type Tone } from "../badge/labels.ts";
import type { PageLang } from "./i18n.ts";

const ICON: Record<Tone, string> = {
  trusted: "✓",
  normal: "✓",
  caution: "!",
  warning: "⚠",
  danger: "✕",
  unknown: "?",
  unregistered: "⚠",
};

export function VerdictChip({ tone, pl }: { tone: Tone; pl: PageLang }) {
  return (
    <span class={`chip tone-${tone}`}>
      <span aria-hidden="true">{ICON[tone]} </span>
      {pick(TONE_WORDS[tone], pl.lang)}
    </span>
  );
}
