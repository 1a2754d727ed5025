/**
 * The presentation module: the words that misled (issue 13 item 8) are gone, every state has both
 * languages, a colour that holds white text and an icon, and — the point of one module — no surface
 * spells a state word itself: a scan of the surfaces' string literals and JSX text (comments are not
 * looked at) fails on any state word, naming the file, line and word, so the words cannot drift again.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  ALERT_TITLES,
  alertTitle,
  FACT_WORDS,
  headline,
  LICENSE_LOOKS,
  LICENSE_SENTENCES,
  LIST_NAMES,
  LIST_STATUS_SENTENCES,
  LIST_STATUS_WORDS,
  LIST_WORDS,
  listStatusShort,
  otherLook,
  otherSentence,
  STATE_LOOKS,
  STATE_SENTENCES,
  type StateInput,
  sourceText,
  stateText,
  TONE_COLORS,
  URL_ERROR_LOOKS,
  URL_ERROR_SENTENCES,
  VERDICT_LOOKS,
  VERDICT_SENTENCES,
  type Words,
} from "./presentation.ts";

const ROOT = join(import.meta.dirname, "../..");

const trusted: StateInput = {
  verdict: "trusted",
  licenseStatus: "active",
  lists: [{ list: "red", category: "诚信经营示范店", status: "active" }],
  grade: "A",
  verified: true,
  reasons: [],
};

describe("state words that do not mislead", () => {
  for (const status of ["revoked", "cancelled"] as const) {
    it(`a ${status} license is ${LICENSE_LOOKS[status].word.zh}, red, and never 失信`, () => {
      const r: StateInput = { ...trusted, verdict: "danger", licenseStatus: status, lists: [], grade: null };
      const look = headline(r);
      expect(look.word).toEqual(LICENSE_LOOKS[status].word);
      expect(look.word.zh).toBe(status === "revoked" ? "执照已吊销" : "执照已注销");
      expect(look.tone).toBe("danger");
      expect(look.icon).toBe("void");
      const said = [look.word.zh, stateText(r, "zh"), alertTitle(r)!.zh, LICENSE_SENTENCES[status].zh];
      for (const s of said) expect(s).not.toMatch(/失信(?!名单)/);
      expect(LICENSE_SENTENCES[status].zh).toContain("不是失信名单");
    });
  }

  it("失信 stays the word of the 黑名单, whatever the license", () => {
    const black: StateInput = {
      ...trusted,
      verdict: "danger",
      licenseStatus: "revoked",
      lists: [{ list: "black", category: "刷单炒信", status: "active" }],
    };
    expect(headline(black).word.zh).toBe("失信");
    expect(stateText(black, "zh")).toBe("黑名单 · 刷单炒信");
    expect(alertTitle(black)).toBe(ALERT_TITLES.blacklisted);
  });

  it("an unknown merchant is 信标未收录 / Not in Xinbiao: never 信用中国, never safe", () => {
    const unknown = otherLook("unknown");
    expect(unknown.word).toEqual({ zh: "信标未收录", en: "Not in Xinbiao" });
    expect(unknown.tone).toBe("unknown");
    expect(TONE_COLORS.unknown).not.toBe(TONE_COLORS.trusted);
    const sentence = otherSentence("unknown");
    for (const s of [unknown.word.zh, unknown.word.en, sentence.zh, sentence.en]) {
      expect(s).not.toMatch(/信用中国|信用江苏|Credit China|Credit Jiangsu/);
    }
    expect(sentence.zh).toContain("不代表安全");
  });

  it("the regional brand is named as the data source, 信标 as the issuer", () => {
    expect(sourceText({ zh: "信用江苏", en: "Credit Jiangsu" }, "zh")).toBe("数据来源：信用江苏");
    expect(sourceText({ zh: "信用江苏", en: "Credit Jiangsu" }, "en")).toBe("Data: Credit Jiangsu");
  });

  it("异议处理中 and 整改逾期 are said after the list and category", () => {
    const watch: StateInput = {
      ...trusted,
      verdict: "warning",
      lists: [{ list: "watch", category: "虚假宣传", status: "objected" }],
    };
    expect(stateText(watch, "zh")).toBe("重点关注 · 虚假宣传 · 异议处理中");
    expect(stateText(watch, "en")).toBe("Watch list · false advertising · objection pending");
    const overdue = {
      ...watch,
      lists: [{ list: "watch" as const, category: "合同违约", status: "overdue" as const }],
    };
    expect(stateText(overdue, "en")).toBe("Watch list · breach of contract · overdue");
    expect(listStatusShort("overdue", "zh")).toBe("整改逾期");
    expect(alertTitle(overdue)).toBe(ALERT_TITLES.watch);
  });

  it("stale data is said, also on a record that is otherwise fine", () => {
    const stale = { ...trusted, verdict: "caution" as const, reasons: [{ code: "stale_data" }] };
    expect(stateText(stale, "zh")).toBe("A级 · 已核验 · 数据待更新");
  });
});

/** Relative luminance and contrast (WCAG 2.x §1.4.3). */
function contrastWithWhite(hex: string): number {
  const ch = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * ch(0) + 0.7152 * ch(1) + 0.0722 * ch(2);
  return 1.05 / (l + 0.05);
}

const TABLES: Record<string, Record<string, Words>> = {
  VERDICT_SENTENCES,
  LICENSE_SENTENCES,
  STATE_SENTENCES,
  URL_ERROR_SENTENCES,
  LIST_WORDS,
  LIST_NAMES,
  LIST_STATUS_WORDS,
  LIST_STATUS_SENTENCES,
  FACT_WORDS,
  ALERT_TITLES,
};
const LOOKS = { VERDICT_LOOKS, STATE_LOOKS, URL_ERROR_LOOKS, LICENSE_LOOKS };

describe("every state has words in both languages, a colour and an icon", () => {
  it("zh is Chinese, en is English, none empty", () => {
    const all: [string, Words][] = [
      ...Object.entries(TABLES).flatMap(([t, rows]) =>
        Object.entries(rows).map(([k, w]) => [`${t}.${k}`, w] as [string, Words]),
      ),
      ...Object.entries(LOOKS).flatMap(([t, rows]) =>
        Object.entries(rows).map(([k, l]) => [`${t}.${k}`, l.word] as [string, Words]),
      ),
    ];
    for (const [where, w] of all) {
      expect(w.zh, where).toMatch(/[\u4e00-\u9fff]/);
      expect(w.en, where).toMatch(/^[\x20-\x7e—§]+$/);
    }
  });
  it("every colour holds white text at ≥ 4.5:1 (WCAG AA)", () => {
    for (const [tone, hex] of Object.entries(TONE_COLORS)) {
      expect(contrastWithWhite(hex), tone).toBeGreaterThanOrEqual(4.5);
    }
  });
  it("states that mean different things have different icons", () => {
    const icons = (l: { icon: string }[]) => new Set(l.map((x) => x.icon)).size;
    expect(icons(Object.values(VERDICT_LOOKS))).toBe(5);
    expect(LICENSE_LOOKS.revoked.icon).not.toBe(VERDICT_LOOKS.danger.icon);
    expect(STATE_LOOKS.unknown.icon).not.toBe(VERDICT_LOOKS.normal.icon);
  });
});

// ---------------------------------------------------------------------------------------------
// No surface spells a state word itself.

/** The surfaces that show states (issue 13: pages, badges, embed and extension). */
const SURFACES = [
  "worker/src/badge/render-badge.ts",
  "worker/src/badge/icons.ts",
  "worker/src/badge/labels.ts",
  "worker/src/routes/badge.routes.ts",
  "worker/src/embed/embed-client.ts",
  "worker/src/pages/i18n.ts",
  "worker/src/pages/components.tsx",
  "worker/src/pages/merchant.page.tsx",
  "extension/utils/present.ts",
  "extension/utils/i18n.ts",
  "extension/components/badge-face.ts",
  "extension/components/tone-icon.tsx",
  "extension/components/tone-shapes.ts",
  "extension/components/shop-paint.ts",
];

/**
 * Words a literal may not be: every state word of the module (Chinese, and the distinctive English
 * phrases; a single common English word like "normal" is a CSS class too).
 */
function stateWords(): Set<string> {
  const words = new Set<string>();
  const add = (w: Words) => {
    words.add(w.zh);
    if (w.en.includes(" ")) words.add(w.en);
  };
  for (const rows of Object.values(LOOKS)) for (const l of Object.values(rows)) add(l.word);
  for (const t of [LIST_WORDS, LIST_NAMES, LIST_STATUS_WORDS, FACT_WORDS])
    for (const w of Object.values(t)) add(w);
  return words;
}

/**
 * Words a literal may not even contain: the ones that misled (issue 13 item 8) and the ones whose
 * meaning is a legal status (失信, 异议处理中, 整改逾期), in their old and new forms. A sentence may say
 * 红名单 or 警示名单; it may not say 失信 or 未收录 by itself.
 */
const STRONG = [
  "失信",
  "守信",
  "未收录",
  "已吊销",
  "已注销",
  "异议处理中",
  "整改逾期",
  "not listed",
  "Not listed",
  "Not in Xinbiao",
  "objection pending",
  "objection under review",
];

/** String literals, template text and JSX text of a source file, with their lines (comments skipped). */
export function literals(file: string, text: string): { line: number; text: string }[] {
  const src = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const out: { line: number; text: string }[] = [];
  const visit = (n: ts.Node) => {
    if (
      ts.isStringLiteral(n) ||
      ts.isNoSubstitutionTemplateLiteral(n) ||
      ts.isTemplateHead(n) ||
      ts.isTemplateMiddle(n) ||
      ts.isTemplateTail(n) ||
      ts.isJsxText(n)
    ) {
      // Import specifiers are paths, not words.
      if (!ts.isImportDeclaration(n.parent) && !ts.isExportDeclaration(n.parent)) {
        out.push({ line: src.getLineAndCharacterOfPosition(n.getStart()).line + 1, text: n.text });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return out;
}

/** Icons, separators and punctuation around a word in a literal (" · ", "✓ ", "（", "："…). */
const FRAME = /^[\s·:：;；,，。.、()（）!！?？✓✔✕⚠⊘●◷›…—-]+|[\s·:：;；,，。.、()（）!！?？✓✔✕⚠⊘●◷›…—-]+$/g;

/** Where a surface spells a state word: "file:line «word» in «literal»". */
export function hardcodedStateWords(file: string, text: string, words: Set<string>): string[] {
  const found: string[] = [];
  for (const lit of literals(file, text)) {
    const bare = lit.text.replace(FRAME, "");
    const hits = new Set<string>(STRONG.filter((w) => lit.text.includes(w)));
    if (words.has(bare)) hits.add(bare);
    for (const w of hits) found.push(`${file}:${lit.line} «${w}» in «${lit.text.slice(0, 60)}»`);
  }
  return found;
}

describe("no surface hard-codes a state word (they all take it from presentation.ts)", () => {
  const words = stateWords();

  it("the scan finds a state word in a literal and in JSX text, and ignores comments", () => {
    const sample = [
      "// 失信 in a comment is fine",
      'const a = "执照已吊销（失信）";',
      "const b = <p>信标未收录</p>;",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: source text of a template literal, scanned
      "const c = `${x} · 异议处理中`;",
      'const d = { v: "已核验", e: " · Watch list" };',
      'const e = "当前无公示中的红名单记录";',
    ].join("\n");
    const hits = hardcodedStateWords("sample.tsx", sample, words);
    expect(hits.some((h) => h.startsWith("sample.tsx:2 «失信»"))).toBe(true);
    expect(hits.some((h) => h.startsWith("sample.tsx:2 «已吊销»"))).toBe(true);
    expect(hits.some((h) => h.startsWith("sample.tsx:3 «未收录»"))).toBe(true);
    expect(hits.some((h) => h.startsWith("sample.tsx:5 «已核验»"))).toBe(true);
    expect(hits.some((h) => h.startsWith("sample.tsx:5 «Watch list»"))).toBe(true);
    expect(hits.some((h) => h.startsWith("sample.tsx:6"))).toBe(false);
    expect(hits.some((h) => h.startsWith("sample.tsx:4 «异议处理中»"))).toBe(true);
    expect(hits.some((h) => h.startsWith("sample.tsx:1"))).toBe(false);
  });

  for (const file of SURFACES) {
    it(`${file} spells no state word`, () => {
      const text = readFileSync(join(ROOT, file), "utf8");
      expect(hardcodedStateWords(file, text, words)).toEqual([]);
    });
  }
});
