/**
 * Small shared page parts: the state chip (icon + word, never colour alone). Its word, colour class
 * and icon come from the presentation module; given the record, it shows the record's headline, so a
 * revoked or cancelled license reads 执照已吊销 / 执照已注销 and never 失信.
 */
import type { PublicRecord } from "@xinbiao/db/model";
import type { IconId, StateLook } from "@xinbiao/db/model/presentation";
import { headline, pick, TONE_WORDS, type Tone, VERDICT_LOOKS } from "../badge/labels.ts";
import type { PageLang } from "./i18n.ts";

/** How pages draw the module's icon ids: text glyphs, hidden from screen readers (the word says it). */
export const ICON_GLYPHS: Record<IconId, string> = {
  check: "✓",
  dot: "●",
  exclaim: "!",
  triangle: "⚠",
  cross: "✕",
  void: "⊘",
  question: "?",
  unlink: "⚠",
  clock: "◷",
  invalid: "✕",
};

const TONE_ICONS: Partial<Record<Tone, IconId>> = {
  unknown: "question",
  unregistered: "unlink",
  invalid: "invalid",
};

export function VerdictChip({
  tone,
  record,
  look: given,
  pl,
}: {
  tone: Tone;
  /** When given, the chip shows the record's headline (license states are not 失信). */
  record?: Pick<PublicRecord, "verdict" | "license" | "lists"> | undefined;
  /** Or a look from the presentation module directly (the method page's license row). */
  look?: StateLook | undefined;
  pl: PageLang;
}) {
  const look = given ?? (record ? headline(record) : null);
  const icon =
    look?.icon ??
    (tone in VERDICT_LOOKS ? VERDICT_LOOKS[tone as keyof typeof VERDICT_LOOKS].icon : TONE_ICONS[tone]!);
  return (
    <span class={`chip tone-${look?.tone ?? tone}`}>
      <span aria-hidden="true">{ICON_GLYPHS[icon]} </span>
      {pick(look?.word ?? TONE_WORDS[tone], pl.lang)}
    </span>
  );
}
