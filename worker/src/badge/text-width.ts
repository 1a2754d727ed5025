/**
 * Text width estimation for badges, so every label gets the room it needs without `textLength`
 * squeezing. Chinese (and every full-width glyph) is 1 em — CJK fonts draw them on a square body —
 * which is the mistake other badge services make when they measure CJK with a Latin table.
 * Latin widths are per character, measured in Chromium for "Verdana, DejaVu Sans" (regular and bold);
 * the table holds the wider of Verdana and DejaVu Sans so neither overflows.
 */

// Widths in em for U+0020..U+007E.
const REGULAR =
  ".318,.401,.460,.838,.636,.950,.780,.275,.390,.390,.500,.838,.318,.361,.318,.337,.636,.636,.636,.636,.636,.636,.636,.636,.636,.636,.337,.337,.838,.838,.838,.531,1,.684,.686,.698,.770,.632,.575,.775,.752,.295,.295,.656,.557,.863,.748,.787,.603,.787,.695,.635,.611,.732,.684,.989,.685,.611,.685,.390,.337,.390,.838,.500,.500,.613,.635,.550,.635,.615,.352,.635,.634,.278,.278,.579,.278,.974,.634,.612,.635,.635,.411,.521,.392,.634,.592,.818,.592,.592,.525,.636,.337,.636,.838"
    .split(",")
    .map(Number);
const BOLD =
  ".348,.456,.521,.838,.696,1.002,.872,.306,.457,.457,.523,.838,.380,.415,.380,.365,.696,.696,.696,.696,.696,.696,.696,.696,.696,.696,.400,.400,.838,.838,.838,.580,1,.774,.762,.734,.830,.683,.683,.821,.837,.372,.372,.775,.637,.995,.837,.850,.733,.850,.770,.720,.682,.812,.774,1.103,.771,.724,.725,.457,.365,.457,.838,.500,.500,.675,.716,.593,.716,.678,.435,.716,.712,.343,.343,.665,.343,1.042,.712,.687,.716,.716,.493,.595,.478,.712,.652,.924,.645,.652,.582,.712,.365,.712,.838"
    .split(",")
    .map(Number);

/** East Asian wide and full-width ranges (UAX #11 W/F, simplified): one em each. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) || // Hangul Jamo
    (cp >= 0x2e80 && cp <= 0x303e) || // CJK radicals, punctuation 、。「」
    (cp >= 0x3041 && cp <= 0x33ff) || // kana, CJK symbols
    (cp >= 0x3400 && cp <= 0x4dbf) || // CJK Ext A
    (cp >= 0x4e00 && cp <= 0x9fff) || // CJK unified ideographs
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) || // Hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // CJK compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) || // full-width forms （），
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) || // emoji
    (cp >= 0x20000 && cp <= 0x3fffd) // CJK Ext B and beyond
  );
}

function isZeroWidth(cp: number): boolean {
  return (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff;
}

/** Width in em of one code point. Unknown non-wide characters get a generous 0.7 em. */
export function charWidth(cp: number, bold = false): number {
  if (cp >= 0x20 && cp <= 0x7e) return (bold ? BOLD : REGULAR)[cp - 0x20]!;
  if (isZeroWidth(cp)) return 0;
  if (isWide(cp)) return 1;
  if (cp === 0xb7) return bold ? 0.38 : 0.318; // middle dot separator
  if (cp === 0x2026) return 1; // … is drawn full-width by CJK fonts
  return 0.7;
}

/** Width in px of `text` at `fontSize` px. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charWidth(ch.codePointAt(0)!, bold);
  return em * fontSize;
}
