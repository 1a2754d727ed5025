/**
 * The worker's view of the presentation module (db/model/presentation.ts): the SVG badge, the embed
 * script and the pages take every state word, colour and icon from there, so they say the same thing
 * as each other and as the extension. Only the adapter from the full record lives here.
 *
 * Runtime imports only from tiny leaf modules: the embed script bundles this file and must stay small.
 */
import type { PublicRecord } from "@xinbiao/db/model";
import {
  alertTitle as alertTitleOf,
  headline as headlineOf,
  STATE_LOOKS,
  type StateInput,
  type StateLook,
  stateOfRecord,
  stateText as stateTextOf,
  type Tone,
  URL_ERROR_LOOKS,
  VERDICT_LOOKS,
  type Words,
} from "@xinbiao/db/model/presentation";

export {
  ALERT_TITLES,
  CATEGORY_EN,
  categoryText,
  displayText,
  FACT_WORDS,
  gradeText,
  type Lang,
  LICENSE_LOOKS,
  LICENSE_SENTENCES,
  LIST_NAMES,
  LIST_STATUS_SENTENCES,
  LIST_STATUS_WORDS,
  LIST_WORDS,
  listStatusShort,
  type NotVerdictState,
  type OtherState,
  otherLook,
  otherSentence,
  PRODUCT,
  pick,
  SOURCE_PREFIX,
  STATE_LOOKS,
  STATE_SENTENCES,
  type StateLook,
  sourceText,
  TONE_COLORS,
  type Tone,
  URL_ERROR_LOOKS,
  URL_ERROR_SENTENCES,
  type UrlError,
  VERDICT_LOOKS,
  VERDICT_SENTENCES,
  type Words,
} from "@xinbiao/db/model/presentation";

type StateRecord = Pick<PublicRecord, "verdict" | "license" | "lists" | "grade" | "verification" | "reasons">;

/** The fields presentation.ts reads, from a full public record. */
export const stateInput: (r: StateRecord) => StateInput = stateOfRecord;

/** "黑名单 · 刷单炒信", "执照已吊销", "红名单 · A级 · 已核验" … (presentation.ts `stateText`). */
export function stateText(r: StateRecord, lang: "zh" | "en"): string {
  return stateTextOf(stateInput(r), lang);
}

/** The record's headline look: 失信 only for a 黑名单 entry; 执照已吊销/已注销 otherwise (never 失信). */
export function headline(r: Pick<PublicRecord, "verdict" | "license" | "lists">): StateLook {
  return headlineOf({ verdict: r.verdict, licenseStatus: r.license.status, lists: r.lists });
}

/** The warning box's title, naming the actual reason (失信 only for a 黑名单 entry). */
export function alertTitle(r: Pick<PublicRecord, "verdict" | "license" | "lists">): Words | null {
  return alertTitleOf({ verdict: r.verdict, licenseStatus: r.license.status, lists: r.lists });
}

/** The short word per tone (verdicts, 信标未收录, not registered, invalid), from the module's looks. */
export const TONE_WORDS: Record<Tone, Words> = {
  trusted: VERDICT_LOOKS.trusted.word,
  normal: VERDICT_LOOKS.normal.word,
  caution: VERDICT_LOOKS.caution.word,
  warning: VERDICT_LOOKS.warning.word,
  danger: VERDICT_LOOKS.danger.word,
  unknown: STATE_LOOKS.unknown.word,
  unregistered: STATE_LOOKS.unregistered.word,
  invalid: URL_ERROR_LOOKS.invalid_code.word,
};
