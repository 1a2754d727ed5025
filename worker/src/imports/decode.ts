/**
 * Turn an uploaded file's bytes into text. Agencies publish CSV in UTF-8 (with or without BOM) or in
 * GB18030/GBK (what Excel on a Chinese Windows saves). `auto` takes a UTF-8 BOM or strictly valid UTF-8
 * as UTF-8 and anything else as GB18030 (a superset of GBK and GB2312); an explicit encoding that
 * does not fit the bytes is reported instead of producing mojibake. iconv-lite does the GB18030 part.
 * Excel's "Unicode 文本 / Unicode Text" export is UTF-16LE with a BOM (and tab-separated, see table.ts);
 * UTF-16LE/BE are taken from their BOM, or without one from the NUL byte beside ASCII line breaks,
 * commas and tabs (issue 15: such files were refused as "cannot be decoded as GB18030").
 */
import iconv from "iconv-lite";

export type FileEncoding = "utf-8" | "gb18030" | "utf-16le" | "utf-16be";
export type EncodingOption = "auto" | FileEncoding;

export interface DecodeProblem {
  code: "invalid_utf8" | "looks_utf8" | "invalid_gb18030" | "invalid_utf16";
  line: number;
  zh: string;
  en: string;
}

export type Decoded =
  | { ok: true; text: string; encoding: FileEncoding; bom: boolean }
  | { ok: false; problem: DecodeProblem };

export function normalizeEncoding(input: string | undefined | null): EncodingOption | null {
  const e = (input ?? "auto").trim().toLowerCase().replace(/_/g, "-");
  if (e === "auto" || e === "") return "auto";
  if (e === "utf-8" || e === "utf8") return "utf-8";
  if (["gb18030", "gbk", "gb2312", "cp936"].includes(e)) return "gb18030";
  if (["utf-16", "utf16", "utf-16le", "utf16le", "unicode", "ucs-2"].includes(e)) return "utf-16le";
  if (["utf-16be", "utf16be"].includes(e)) return "utf-16be";
  return null;
}

function lineAt(text: string, index: number): number {
  let n = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function isStrictUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const hasBom = (b: Uint8Array) => b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
const hasNonAscii = (b: Uint8Array) => b.some((x) => x >= 0x80);

/** UTF-16 by its BOM, or by NUL bytes paired with ASCII separators (LF, comma, tab) in the first 4 KB. */
export function sniffUtf16(bytes: Uint8Array): { encoding: "utf-16le" | "utf-16be"; bom: boolean } | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", bom: true };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", bom: true };
  let le = 0;
  let be = 0;
  const end = Math.min(bytes.length - 1, 4096);
  for (let i = 0; i < end; i += 2) {
    const a = bytes[i]!;
    const b = bytes[i + 1]!;
    if (b === 0 && (a === 10 || a === 44 || a === 9)) le++;
    else if (a === 0 && (b === 10 || b === 44 || b === 9)) be++;
  }
  if (le >= 2 && be === 0) return { encoding: "utf-16le", bom: false };
  if (be >= 2 && le === 0) return { encoding: "utf-16be", bom: false };
  return null;
}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be", bom: boolean): Decoded {
  const body = bom ? bytes.subarray(2) : bytes;
  try {
    if (body.length % 2 !== 0) throw new Error("odd length");
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(body);
    return { ok: true, text, encoding, bom };
  } catch {
    const text = new TextDecoder(encoding).decode(body);
    const bad = text.indexOf("\uFFFD");
    const line = bad >= 0 ? lineAt(text, bad) : 1;
    return {
      ok: false,
      problem: {
        code: "invalid_utf16",
        line,
        zh: `文件按 ${encoding.toUpperCase()} 读取时第 ${line} 行有无法解码的字节（文件可能被截断）`,
        en: `bytes on line ${line} cannot be decoded as ${encoding.toUpperCase()} (the file may be truncated)`,
      },
    };
  }
}

export function decodeBytes(bytes: Uint8Array, requested: EncodingOption): Decoded {
  if (requested === "utf-16le" || requested === "utf-16be") {
    const sniffed = sniffUtf16(bytes);
    return decodeUtf16(bytes, requested, sniffed?.bom === true && sniffed.encoding === requested);
  }
  if (requested === "auto") {
    const u16 = sniffUtf16(bytes);
    if (u16) return decodeUtf16(bytes, u16.encoding, u16.bom);
  }
  const bom = hasBom(bytes);
  const body = bom ? bytes.subarray(3) : bytes;
  if (requested === "auto" && !bom) {
    // One strict pass decides and decodes (a 200 MB registry file was decoded twice before).
    try {
      return {
        ok: true,
        text: new TextDecoder("utf-8", { fatal: true }).decode(body),
        encoding: "utf-8",
        bom,
      };
    } catch {
      // not UTF-8: GB18030 below
    }
  }
  const encoding: FileEncoding =
    requested === "auto" ? (bom || isStrictUtf8(body) ? "utf-8" : "gb18030") : requested;
  if (encoding === "utf-8") {
    const text = new TextDecoder("utf-8").decode(body);
    const bad = text.indexOf("\uFFFD");
    if (bad >= 0 && !isStrictUtf8(body)) {
      const line = lineAt(text, bad);
      return {
        ok: false,
        problem: {
          code: "invalid_utf8",
          line,
          zh: `文件不是合法的 UTF-8 编码（第 ${line} 行起有无法识别的字节）。政府网站发布的文件常为 GB18030/GBK 编码，请指定编码 gb18030 或使用自动识别`,
          en: `the file is not valid UTF-8 (undecodable bytes from line ${line}); files published by agencies are often GB18030/GBK — use encoding gb18030 or auto`,
        },
      };
    }
    return { ok: true, text, encoding, bom };
  }
  if (bom || (hasNonAscii(body) && isStrictUtf8(body))) {
    return {
      ok: false,
      problem: {
        code: "looks_utf8",
        line: 1,
        zh: "指定了 GB18030 编码，但文件是 UTF-8 编码（按 GB18030 读会成为乱码）。请改用 utf-8 或自动识别",
        en: "GB18030 was requested but the file is UTF-8 (reading it as GB18030 would garble it); use utf-8 or auto",
      },
    };
  }
  const text = iconv.decode(body as Buffer, "gb18030");
  const bad = text.indexOf("\uFFFD");
  if (bad >= 0) {
    const line = lineAt(text, bad);
    return {
      ok: false,
      problem: {
        code: "invalid_gb18030",
        line,
        zh: `文件第 ${line} 行有无法按 GB18030 解码的字节`,
        en: `bytes on line ${line} cannot be decoded as GB18030`,
      },
    };
  }
  return { ok: true, text, encoding, bom: false };
}
