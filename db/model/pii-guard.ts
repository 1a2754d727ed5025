/**
 * The one public-output guard (issue 13 item 1): finds natural persons' ID numbers, mobile and
 * landline numbers and bank-card numbers in free text and masks them, so that whatever a regulator's
 * list, a registry row or a partner typed into a free-text field never reaches a public surface.
 * PIPL §28 makes ID numbers and financial accounts sensitive personal information; SAMR Order 45 §6
 * keeps natural persons' contact data out of published enterprise information.
 *
 * How it works: the text is normalised character by character (full-width digits/X, dashes, spaces and
 * parentheses → ASCII; one UTF-16 unit each, so offsets stay those of the original), cut into runs of
 * digits joined by at most a short separator (space, -, ., /, parentheses), and every contiguous range
 * of runs is tested against the four shapes below. Longer findings win over shorter ones; the mask
 * covers the original span (including a +86 prefix, parentheses and an extension).
 *
 * What it deliberately leaves alone: a valid 统一社会信用代码 (GB 32100) unless it is also a plausible
 * valid ID number (privacy wins), dates (2026-01-02, 20260102), money amounts (罚款50000元), document
 * numbers (苏市监罚〔2026〕123号), public service hotlines (12315, 12345, 400-/800- numbers, 95xxx).
 *
 * Pure, no I/O: shared by the worker, the import path and the extension.
 */

import { validateUscc } from "./uscc.ts";

export type PersonalDataKind = "id_number" | "mobile" | "landline" | "bank_card";

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** UTF-16 offset of the first character of the finding in the original text. */
  start: number;
  /** UTF-16 offset just after the finding. */
  end: number;
}

/** GB 11643-1999 weights 2^(18−i) mod 11 for positions 1..17; ISO 7064 MOD 11-2. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = "10X98765432";

/**
 * Province-level codes of GB/T 2260 that start a 居民身份证号 (plus 81/82/83: 港澳台居民居住证, which
 * use the same GB 11643 layout).
 */
const PROVINCE_CODES = new Set([
  "11",
  "12",
  "13",
  "14",
  "15",
  "21",
  "22",
  "23",
  "31",
  "32",
  "33",
  "34",
  "35",
  "36",
  "37",
  "41",
  "42",
  "43",
  "44",
  "45",
  "46",
  "50",
  "51",
  "52",
  "53",
  "54",
  "61",
  "62",
  "63",
  "64",
  "65",
  "71",
  "81",
  "82",
  "83",
]);

/** The GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

function plausibleBirthDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return false;
  // Not born in the future (Asia/Shanghai is ahead of UTC: allow one day).
  return year >= 1900 && d.getTime() <= Date.now() + 86_400_000;
}

/** An 18-digit GB 11643-1999 number (check digit, birth date, province) or the 15-digit 1984 form. */
export function isPlausibleIdNumber(digits: string): boolean {
  if (digits.length === 18) {
    if (!/^\d{17}[\dX]$/.test(digits)) return false;
    if (!PROVINCE_CODES.has(digits.slice(0, 2))) return false;
    if (!plausibleBirthDate(+digits.slice(6, 10), +digits.slice(10, 12), +digits.slice(12, 14))) return false;
    return idNumberCheckChar(digits) === digits[17];
  }
  if (digits.length === 15) {
    // 6 division + YYMMDD (19YY) + 3 sequence; no check digit in the old form.
    if (!/^\d{15}$/.test(digits) || !PROVINCE_CODES.has(digits.slice(0, 2))) return false;
    return plausibleBirthDate(1900 + +digits.slice(6, 8), +digits.slice(8, 10), +digits.slice(10, 12));
  }
  return false;
}

/** Luhn (ISO/IEC 7812-1 Annex B) over a digit string. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let n = digits.charCodeAt(i) - 48;
    if (double) {
      n *= 2;
      if (n > 9) n -= 9;
    }
    sum += n;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Issuer prefixes of payment cards met in China (UnionPay 62/60/9, Visa 4, Mastercard 51–55/22–27,
 * Amex/JCB/Diners 3x). A Luhn-valid 14-digit timestamp (2026…) or a number starting 0/1/7/8 is not a card.
 */
const CARD_IIN = /^(?:[3-6]|9|2[2-7])/;

/** Where the groups of a number split it (cumulative digit counts, without the end). */
function splits(lens: number[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (let k = 0; k < lens.length - 1; k++) {
    at += lens[k]!;
    out.push(at);
  }
  return out;
}
const within = (cuts: number[], allowed: readonly number[]) => cuts.every((c) => allowed.includes(c));
const same = (cuts: number[], pattern: readonly number[]) =>
  cuts.length === pattern.length && cuts.every((c, k) => c === pattern[k]);

/**
 * How numbers are grouped when written (a grouping outside these is two numbers side by side, e.g. a
 * card followed by an area code): cards by 4, 6-13 (UnionPay), 4-6-5 / 4-6-4 (Amex, Diners); ID
 * numbers 6-8-4, 6-4-4-4, by 4, 6-6-6, 3-3-4-4-4 (15-digit: 6-6-3, 3-3-3-3-3).
 */
const CARD_SPLITS = [[6], [4, 10]] as const;
const ID18_SPLITS = [
  [6, 14],
  [6, 10, 14],
  [4, 8, 12, 16],
  [6, 12],
  [3, 6, 10, 14],
] as const;
const ID15_SPLITS = [
  [6, 12],
  [3, 6, 9, 12],
] as const;

function isBankCard(d: string, lens: number[]): boolean {
  if (d.length < 13 || d.length > 19 || !/^\d+$/.test(d)) return false;
  if (!CARD_IIN.test(d) || !luhnValid(d)) return false;
  const cuts = splits(lens);
  if (cuts.length === 0) return true;
  // By 4: every group 4 digits but the last (6222 0210 3323 4670, 6228 4800 4000 1234 567).
  if (cuts.every((c, k) => c === 4 * (k + 1)) && d.length - cuts.at(-1)! <= 4) return true;
  return CARD_SPLITS.some((a) => same(cuts, a));
}

function idShaped(length: number, lens: number[]): boolean {
  const cuts = splits(lens);
  return cuts.length === 0 || (length === 18 ? ID18_SPLITS : ID15_SPLITS).some((a) => same(cuts, a));
}

const MOBILE = /^1[3-9]\d{9}$/;
const MOBILE_PREFIXES = ["0086", "86", "0"] as const;

/** Mainland mobile (MIIT numbering plan: 1[3-9] + 9 digits), with a 0086/86/0 prefix. */
function mobileLocal(d: string, lens: number[]): string | null {
  let local: string | null = null;
  let prefixLen = 0;
  if (d.length === 11) local = d;
  else {
    for (const p of MOBILE_PREFIXES) {
      if (d.length === p.length + 11 && d.startsWith(p)) {
        local = d.slice(p.length);
        prefixLen = p.length;
        break;
      }
    }
  }
  if (local === null || !MOBILE.test(local)) return null;
  // Written 3-4-4, 3-8 or 7-4 after an optional prefix group.
  const cuts = splits(lens).filter((c) => c !== prefixLen || prefixLen === 0);
  return within(
    cuts.map((c) => c - prefixLen),
    [3, 7],
  )
    ? local
    : null;
}

/**
 * Landline: 0 + area code + local number (YD/T numbering: 010 and 02x have 8-digit locals, 0[3-9]xx
 * 7 or 8; a local number never starts with 0 or 1). `+86 25 …` / `0086 25 …` drop the 0.
 */
function landlineParts(d: string, lens: number[]): { area: string; local: string } | null {
  let num = d;
  let rest = lens;
  for (const p of ["0086", "86"]) {
    if (d.startsWith(p) && lens[0] === p.length) {
      num = `0${d.slice(p.length)}`;
      rest = lens.slice(1);
      break;
    }
  }
  if (!/^0\d{9,11}$/.test(num)) return null;
  let areaLen: number;
  if (num[1] === "1") {
    if (num[2] !== "0") return null;
    areaLen = 3;
  } else if (num[1] === "2") areaLen = 3;
  else if (/[3-9]/.test(num[1]!)) areaLen = 4;
  else return null;
  const local = num.slice(areaLen);
  if (!/^[2-9]\d{6,7}$/.test(local)) return null;
  if (areaLen === 3 && local.length !== 8) return null;
  if (rest.length === 0) return null;
  const areaDigits = num === d ? areaLen : areaLen - 1;
  // Area code, then the local number whole or split before its last 4 digits (8888-1234, 888-1234).
  const cuts = splits(rest);
  const shapeOk =
    within(cuts, [areaDigits, areaDigits + local.length - 4]) &&
    (cuts.length === 0 || cuts[0] === areaDigits);
  return shapeOk ? { area: num.slice(0, areaLen), local } : null;
}

/** One UTF-16 unit in, one out: offsets of the normalised text are those of the original. */
function normChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff10 && c <= 0xff19) return String.fromCharCode(c - 0xfee0); // ０-９
  if (c === 0xff38 || c === 0xff58) return "X"; // Ｘ ｘ
  if (c === 0x3000 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f) return " ";
  if (c === 0xff08) return "(";
  if (c === 0xff09) return ")";
  if (c === 0xff0b) return "+";
  if (c === 0xff0e || c === 0x3002) return ".";
  if (c === 0xff0f) return "/";
  // Invisible characters (zero-width, soft hyphen) become a placeholder the gap test ignores.
  if (c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff || c === 0xad) {
    return PLACEHOLDER;
  }
  return "-"; // the dashes of NORMALISED
}

/** Stands in for an invisible character (private-use U+E000: never in public text, never a separator). */
const PLACEHOLDER = "\uE000";

/** The characters normChar maps (full-width digits/X, spaces, dashes, brackets, invisible ones). */
const NORMALISED =
  /[\uFF10-\uFF19\uFF38\uFF58\u3000\u00A0\u2000-\u200D\u202F\u2010-\u2015\u2212\uFF0D\uFE63\uFE58\uFF08\uFF09\uFF0B\uFF0E\u3002\uFF0F\u2060\uFEFF\u00AD]/g;

function normalise(text: string): string {
  return text.replace(NORMALISED, normChar);
}

/** Fewer than 10 digits (ASCII or full-width) cannot hold any of the four shapes: the common case. */
function tooFewDigits(text: string): boolean {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19)) {
      if (++count >= 10) return false;
    }
  }
  return true;
}

/** Between two digit runs of one number: nothing (invisible), or one short separator. */
const JOINING_GAP = /^ ?(?:[-./]|\(|\)|\) ?-|- ?\(|\( ?\+)? ?$/;

interface Run {
  start: number;
  /** Just after the last digit (an X that follows is not included). */
  end: number;
  digits: string;
  /** An X (check character, or "x" of an extension) follows directly. */
  x: boolean;
}

const PRIORITY: Record<PersonalDataKind, number> = { id_number: 0, bank_card: 1, mobile: 2, landline: 3 };
const MAX_RUNS = 8;

const isAlnum = (ch: string | undefined): boolean => ch !== undefined && /[0-9A-Za-z]/.test(ch);
const isLetter = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z]/.test(ch);

/** Inside a valid 统一社会信用代码 token (GB 32100): the candidate is the code, not a phone or card. */
function insideValidUscc(n: string, start: number, end: number): boolean {
  let s = start;
  let e = end;
  // At most one character past 18 each way: the token is then too long to be a code anyway.
  while (e - s <= 18 && isAlnum(n[s - 1])) s--;
  while (e - s <= 18 && isAlnum(n[e])) e++;
  return e - s === 18 && validateUscc(n.slice(s, e)).ok;
}

type Finding = PersonalDataFinding & { mask: string };

/** Every ID number, mobile, landline and bank-card number in `text`, in order, non-overlapping. */
export function detectPersonalData(text: string): PersonalDataFinding[] {
  return detect(text).map(({ kind, start, end }) => ({ kind, start, end }));
}

function detect(text: string): Finding[] {
  if (tooFewDigits(text)) return [];
  const n = normalise(text);
  // Digit runs; an X right after digits may be an ID's check character (only an ID reads it).
  const runs: Run[] = [];
  const runRe = /(\d+)([Xx]?)/g;
  for (let m = runRe.exec(n); m; m = runRe.exec(n)) {
    runs.push({ start: m.index, end: m.index + m[1]!.length, digits: m[1]!, x: m[2] !== "" });
  }
  // joins[j]: run j continues run j−1 (an X between two runs is no separator).
  const joins: boolean[] = [false];
  for (let j = 1; j < runs.length; j++) {
    const prev = runs[j - 1]!;
    const gapLen = runs[j]!.start - prev.end;
    joins.push(
      !prev.x &&
        gapLen <= 6 &&
        JOINING_GAP.test(n.slice(prev.end, runs[j]!.start).replaceAll(PLACEHOLDER, "")),
    );
  }
  const candidates: Finding[] = [];
  for (let i = 0; i < runs.length; i++) {
    let digits = "";
    const lens: number[] = [];
    for (let j = i; j < runs.length && j < i + MAX_RUNS; j++) {
      if (j > i && !joins[j]) break;
      const run = runs[j]!;
      digits += run.digits;
      lens.push(run.digits.length);
      if (digits.length > 21) break;
      // The shortest shape is a landline of 10 digits (0 + area + 7).
      if (digits.length < 10 && !(run.x && digits.length === 14)) continue;
      const start = runs[i]!.start;
      const end = run.end;
      const withX = run.x ? `${digits}X` : digits;
      if (
        (withX.length === 18 || withX.length === 15) &&
        idShaped(withX.length, lens) &&
        isPlausibleIdNumber(withX)
      ) {
        candidates.push({
          kind: "id_number",
          start,
          end: run.x ? end + 1 : end,
          mask: maskDigits("id_number", withX, lens),
        });
        continue;
      }
      // A valid USCC is a public registration code, not personal data (unless an ID number, above).
      if (j === i && digits.length === 18 && insideValidUscc(n, start, end)) continue;
      // Cards and landlines are never written glued to letters; a letter prefix makes a code
      // (食品经营许可证 JY2…, 生产许可证 SC1…), not a number to mask.
      const glued = isLetter(n[start - 1]) || (!run.x && isLetter(n[end]));
      let kind: PersonalDataKind | null = null;
      if (!glued && !run.x && isBankCard(digits, lens)) kind = "bank_card";
      else if (mobileLocal(digits, lens)) kind = "mobile";
      else if (!glued && landlineParts(digits, lens)) kind = "landline";
      if (kind) candidates.push({ kind, start, end, mask: maskDigits(kind, digits, lens) });
    }
  }
  if (candidates.length === 0) return [];
  candidates.sort(
    (a, b) => b.end - b.start - (a.end - a.start) || PRIORITY[a.kind] - PRIORITY[b.kind] || a.start - b.start,
  );
  // Longest first, then by kind; a position once taken is not taken again (linear in the text, not
  // quadratic in the findings: a hostile megabyte of digit groups must not stall a build).
  const taken = new Uint8Array(n.length + 1);
  const free = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (taken[k]) return false;
    return true;
  };
  const owner = new Int32Array(n.length + 1).fill(-1);
  const chosen: (Finding | null)[] = [];
  const left: Finding[] = [];
  for (const c of candidates) {
    if (!free(c.start, c.end)) {
      left.push(c);
      continue;
    }
    taken.fill(1, c.start, c.end);
    owner.fill(chosen.length, c.start, c.end);
    chosen.push({ ...c });
  }
  // A candidate the choice cut in two (a card that swallowed the area code of a landline after it)
  // would leave its other part readable: its span joins the finding(s) it overlaps — over-masking a
  // few digits is the price, privacy wins.
  for (const c of left) {
    // Inside one finding already: nothing to add.
    const first = owner[c.start]!;
    let inside = first !== -1;
    for (let k = c.start + 1; k < c.end && inside; k++) inside = owner[k] === first;
    if (inside) continue;
    let target = -1;
    for (let k = c.start; k < c.end; k++) {
      const o = owner[k]!;
      if (o !== -1 && (target === -1 || o < target)) target = o;
    }
    const f = chosen[target]!;
    for (let k = c.start; k < c.end; k++) {
      const o = owner[k]!;
      if (o === -1 || o === target || chosen[o] === null) continue;
      const g = chosen[o]!;
      f.start = Math.min(f.start, g.start);
      f.end = Math.max(f.end, g.end);
      chosen[o] = null;
    }
    f.start = Math.min(f.start, c.start);
    f.end = Math.max(f.end, c.end);
    taken.fill(1, f.start, f.end);
    owner.fill(target, f.start, f.end);
  }
  const ext = /(?: ?(?:转|分机号?|ext\.?|X|-|#) ?)\d{1,5}(?!\d)/iy;
  const found = chosen.filter((f): f is Finding => f !== null);
  for (const f of found) {
    // The span covers a leading "+" / "(" / "(+" of the number itself.
    while (f.start > 0 && !taken[f.start - 1] && /[+(]/.test(n[f.start - 1]!)) taken[--f.start] = 1;
    if (f.kind === "landline") {
      ext.lastIndex = f.end;
      const m = ext.exec(n);
      if (m && free(f.end, f.end + m[0].length)) {
        taken.fill(1, f.end, f.end + m[0].length);
        f.end += m[0].length;
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The mask keeps what identifies no one: 4+4 of an ID, 3+4 of a mobile, the area code, a card's last 4. */
function maskDigits(kind: PersonalDataKind, d: string, lens: number[]): string {
  switch (kind) {
    case "id_number":
      return `${d.slice(0, 4)}${"*".repeat(d.length - 8)}${d.slice(-4)}`;
    case "mobile": {
      const local = d.slice(-11);
      return `${local.slice(0, 3)}****${local.slice(-4)}`;
    }
    case "landline": {
      const parts = landlineParts(d, lens);
      if (parts) return `${parts.area}-****${parts.local.slice(-2)}`;
      return `${d.slice(0, 3)}-****`;
    }
    case "bank_card":
      return `****${d.slice(-4)}`;
  }
}

/**
 * Format characters (zero-width, bidi overrides: the "Trojan Source" class, CVE-2021-42574) carry no
 * meaning in public text and could split a number past the detector or reorder what a reader sees.
 * ZWJ stays (emoji sequences); the detector treats it as invisible.
 */
const INVISIBLE = /[\u00AD\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, "g");

/** `text` with every finding of detectPersonalData masked (320102…1234 → 3201**********1234). */
export function guardPublicText(text: string): string {
  if (text.length === 0) return text;
  const clean = INVISIBLE.test(text) ? text.replace(INVISIBLE_ALL, "") : text;
  const findings = detect(clean);
  if (findings.length === 0) return clean;
  let out = "";
  let at = 0;
  for (const f of findings) {
    out += clean.slice(at, f.start) + f.mask;
    at = f.end;
  }
  return out + clean.slice(at);
}

/** guardPublicText over a nullable value (record fields are often null). */
export function guardOptionalText<T extends string | null | undefined>(text: T): T {
  return (typeof text === "string" ? guardPublicText(text) : text) as T;
}

/**
 * Every string inside a JSON-like value guarded (object keys included: a key can carry text too).
 * Returns the same reference when nothing changed, so shared frozen objects (record regions, sources)
 * stay shared; numbers, booleans and null pass untouched (masking a JSON number would break it).
 */
export function guardPublicValue<T>(value: T): T {
  if (typeof value === "string") return guardPublicText(value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const g = guardPublicValue(value[i]);
      if (g !== value[i]) {
        out ??= value.slice();
        out[i] = g;
      }
    }
    return (out ?? value) as T;
  }
  if (value !== null && typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    let out: Record<string, unknown> | null = null;
    for (const [k, v] of Object.entries(value)) {
      const gk = guardPublicText(k);
      const gv = guardPublicValue(v);
      if (gk !== k || gv !== v) {
        if (!out) {
          out = {};
          for (const [k2, v2] of Object.entries(value)) {
            if (k2 === k) break;
            out[k2] = v2;
          }
        }
      }
      if (out) out[gk] = gv;
    }
    return (out ?? value) as T;
  }
  return value;
}
