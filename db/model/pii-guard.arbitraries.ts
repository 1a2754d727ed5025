/**
 * Test support: fast-check generators of personal data for the public-output guard's tests (unit and
 * end-to-end). `canonical` is what must never appear (digits only, X upper-case, after separators are
 * stripped from the output: see `flattenForScan`); `written` is how it is put into a text. Forms as
 * they are met in Chinese documents: grouped 6-8-4 / 3-4-4 / by 4, +86 / 0086 / (+86) prefixes,
 * parentheses around an area code, 转 extensions, full-width digits and dashes.
 * Not exported from index.ts: fast-check is a dev dependency.
 */
import fc from "fast-check";
import { idNumberCheckChar, luhnValid } from "./pii-guard.ts";

export interface Pii {
  kind: "id_number" | "mobile" | "landline" | "bank_card";
  canonical: string;
  written: string;
}

export const fullWidth = (s: string) =>
  s.replace(/[0-9Xx]/g, (ch) => String.fromCharCode(ch.toUpperCase().charCodeAt(0) + 0xfee0));
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(""));

/** Province codes of GB/T 2260 (the first two digits of a 居民身份证号). */
const PROVINCES = [
  "11",
  "12",
  "13",
  "31",
  "32",
  "33",
  "34",
  "35",
  "37",
  "41",
  "42",
  "44",
  "50",
  "51",
  "61",
  "65",
];

export const idNumber: fc.Arbitrary<Pii> = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    county: digits(4),
    birth: fc.date({
      min: new Date("1940-01-01T00:00:00Z"),
      max: new Date("2008-12-31T00:00:00Z"),
      noInvalidDate: true,
    }),
    seq: digits(3),
    form: fc.constantFrom("plain", "lower", "fullwidth", "grouped", "old15"),
  })
  .map(({ province, county, birth, seq, form }) => {
    const ymd = birth.toISOString().slice(0, 10).replaceAll("-", "");
    // The 15-digit form (1984–2004) carries YYMMDD of the 1900s: only for people born before 2000.
    if (form === "old15" && birth.getUTCFullYear() < 2000) {
      const old = `${province}${county}${ymd.slice(2)}${seq}`;
      return { kind: "id_number" as const, canonical: old, written: old };
    }
    const first17 = `${province}${county}${ymd}${seq}`;
    const id = first17 + idNumberCheckChar(first17);
    const written =
      form === "lower"
        ? id.toLowerCase()
        : form === "fullwidth"
          ? fullWidth(id)
          : form === "grouped"
            ? `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`
            : id;
    return { kind: "id_number" as const, canonical: id, written };
  });

export const mobile: fc.Arbitrary<Pii> = fc
  .record({
    second: fc.constantFrom("3", "5", "7", "8", "9"),
    rest: digits(9),
    form: fc.constantFrom("plain", "dash", "space", "+86", "0086", "(+86)", "fullwidth", "fullwidth-dash"),
  })
  .map(({ second, rest, form }) => {
    const m = `1${second}${rest}`;
    const [a, b, c] = [m.slice(0, 3), m.slice(3, 7), m.slice(7)];
    const written = {
      plain: m,
      dash: `${a}-${b}-${c}`,
      space: `${a} ${b} ${c}`,
      "+86": `+86 ${a} ${b} ${c}`,
      "0086": `0086${m}`,
      "(+86)": `(+86)${m}`,
      fullwidth: fullWidth(m),
      "fullwidth-dash": fullWidth(`${a}－${b}－${c}`),
    }[form];
    return { kind: "mobile" as const, canonical: m, written };
  });

export const landline: fc.Arbitrary<Pii> = fc
  .record({
    area: fc.constantFrom("010", "021", "025", "0512", "0571", "0755", "0898"),
    first: fc.constantFrom("2", "5", "6", "8"),
    rest: digits(7),
    seven: fc.boolean(),
    form: fc.constantFrom("dash", "paren", "space", "ext", "fullwidth"),
  })
  .map(({ area, first, rest, seven, form }) => {
    // 010 / 02x have 8-digit local numbers; 0[3-9]xx 7 or 8.
    const local = area.length === 4 && seven ? `${first}${rest.slice(1)}` : `${first}${rest}`;
    const written = {
      dash: `${area}-${local}`,
      paren: `(${area})${local}`,
      space: `${area} ${local.slice(0, -4)} ${local.slice(-4)}`,
      ext: `${area}-${local}转801`,
      fullwidth: fullWidth(`（${area}）${local}`),
    }[form];
    return { kind: "landline" as const, canonical: `${area}${local}`, written };
  });

export const bankCard: fc.Arbitrary<Pii> = fc
  .record({
    bin: fc.constantFrom("622202", "622848", "621700", "623668", "436742", "625965"),
    length: fc.constantFrom(16, 19),
    body: digits(12),
    form: fc.constantFrom("plain", "grouped", "fullwidth"),
  })
  .map(({ bin, length, body, form }) => {
    const head = `${bin}${body}`.slice(0, length - 1).padEnd(length - 1, "0");
    let card = "";
    for (let c = 0; c <= 9; c++) if (luhnValid(head + c)) card = head + c;
    const written =
      form === "grouped"
        ? card.replace(/(\d{4})(?=\d)/g, "$1 ")
        : form === "fullwidth"
          ? fullWidth(card)
          : card;
    return { kind: "bank_card" as const, canonical: card, written };
  });

export const pii = fc.oneof(idNumber, mobile, landline, bankCard);

/** What a response shows once full-width digits, URL escapes and separators are taken away. */
export function flattenForScan(body: string): string {
  return body
    .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/%[0-9A-Fa-f]{2}/g, " ")
    .replace(/[\s\-()+./\u3000\uFF08\uFF09\uFF0D\u2010-\u2015\u200B-\u200D\u2060\uFEFF]/g, "")
    .toUpperCase();
}
