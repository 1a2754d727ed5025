/**
 * The audit engine: pure. Given a page snapshot (capture.ts, measured in the browser) and the registry
 * record (a SignedEnvelope, verified by the caller with verify-inputs.ts), it answers named checks with
 * severity, zh/en message and evidence. The CLI and the extension's auditor mode both call it.
 *
 * Law behind the checks: 电子商务法 §15 and 市场主体登记管理条例 §36 — on the shop's main page,
 * prominently and continuously, the license information, the permits related to the business, or the
 * §10 exemption statement, or a link badge to them; §76 of the 条例 fines missing display. Platform home
 * pages link to 信用中国, the provincial credit site and 国家企业信用信息公示系统 (瑞昌 意见;
 * 赣信用办〔2018〕26号 on 信用中国 and 公示系统).
 */
import type { PublicRecord, SignedEnvelope } from "@xinbiao/db/model";
import { MIN_FONT_PX } from "./capture-constants.ts";
import {
  CREDITCHINA_HOST,
  ENDED_WORDS,
  GSXT_HOST,
  namesMatch,
  PROVINCE_CREDIT_HOST,
  VALID_WORDS,
} from "./rules.ts";
import type {
  AuditError,
  Check,
  CheckId,
  CheckKind,
  CheckStatus,
  EvidenceRef,
  PageAudit,
  PageElement,
  PageSnapshot,
  Severity,
  Verification,
} from "./types.ts";

export interface EngineInput {
  snapshot: PageSnapshot;
  /** The registry's signed record for the page's shop (or the USCC it shows); null when unknown. */
  envelope: SignedEnvelope | null;
  /** verifyEnvelope's answer for `envelope`. */
  recordVerification: Verification | null;
  /** verifyEnvelope's answer for each Xinbiao badge's record, by `platform:shopId` or USCC. */
  badgeVerifications?: Record<string, Verification | "not_found">;
  /** Today, for permit validity. */
  now: Date;
}

/** Display kinds that count as "license information or a link badge" on the page. */
const DISPLAY_KINDS = new Set<PageElement["kind"]>([
  "uscc",
  "license_block",
  "official_link",
  "license_link",
  "xinbiao_badge",
  "exemption",
]);

export function evidenceOf(e: PageElement, extra: Partial<EvidenceRef> = {}): EvidenceRef {
  return {
    selector: e.selector,
    tag: e.tag,
    text: e.text,
    box: e.box,
    visible: e.visible,
    ...(e.hiddenReason ? { hiddenReason: e.hiddenReason } : {}),
    ...extra,
  };
}

/** Prominent: visible without interaction, legible, and in the first viewport or the shop header/footer. */
export function isProminent(e: PageElement): boolean {
  return e.visible && e.fontSizePx >= MIN_FONT_PX && (e.inFirstViewport || e.inHeader || e.inFooter);
}

function check(
  id: CheckId,
  kind: CheckKind,
  severity: Severity,
  status: CheckStatus,
  zh: string,
  en: string,
  evidence: EvidenceRef[] = [],
): Check {
  return { id, kind, severity, status, zh, en, evidence };
}

const uniq = (xs: string[]) => [...new Set(xs)];

function badgeKey(e: PageElement): string | null {
  if (e.shop) return `${e.shop.platform}:${e.shop.shopId}`;
  return e.value ?? null;
}

function shopChecks(input: EngineInput): Check[] {
  const { snapshot: s, envelope, recordVerification } = input;
  // A record whose signature fails is not trusted for any comparison (DESIGN §6).
  const bad = !!recordVerification && !recordVerification.ok;
  const r: PublicRecord | null = bad ? null : (envelope?.record ?? null);
  const of = (k: PageElement["kind"]) => s.elements.filter((e) => e.kind === k);
  const badges = of("xinbiao_badge");
  const here = s.shop ? `${s.shop.platform}:${s.shop.shopId}` : null;
  const boundHere = (b: PageElement) =>
    b.shop ? `${b.shop.platform}:${b.shop.shopId}` === here : !!r && b.value === r.uscc;
  const badgeOk = (b: PageElement) => {
    const v = input.badgeVerifications?.[badgeKey(b) ?? ""];
    return boundHere(b) && !!v && v !== "not_found" && v.ok;
  };
  const out: Check[] = [];

  // Registry: without a verified record, nothing on the page can be compared.
  if (recordVerification && !recordVerification.ok) {
    out.push(
      check(
        "registry.record",
        "risk",
        "critical",
        "fail",
        `登记记录签名校验失败（${recordVerification.reason}），不作比对`,
        `registry record signature failed (${recordVerification.reason}); nothing compared`,
      ),
    );
  } else if (!r) {
    out.push(
      check(
        "registry.record",
        "risk",
        "major",
        "fail",
        "店铺未在信标登记，无法比对名称与代码",
        "shop not in the Xinbiao registry; name and code cannot be compared",
      ),
    );
  } else {
    out.push(
      check(
        "registry.record",
        "risk",
        "minor",
        "pass",
        `登记记录已校验：${r.name}`,
        `registry record verified: ${r.name}`,
      ),
    );
  }

  // 1. Present: license info, the exemption statement, or a valid link badge (a badge of another shop is no display).
  const displays = s.elements.filter(
    (e) => DISPLAY_KINDS.has(e.kind) && (e.kind !== "xinbiao_badge" || boundHere(e)),
  );
  out.push(
    displays.length
      ? check(
          "license.present",
          "display",
          "critical",
          "pass",
          "店铺首页展示了营业执照信息或亮照链接",
          "license information or a link badge is on the shop's main page",
          displays.slice(0, 5).map((e) => evidenceOf(e)),
        )
      : check(
          "license.present",
          "display",
          "critical",
          "fail",
          "店铺首页未展示营业执照信息、豁免声明或有效的亮照链接（电子商务法第十五条）",
          "no license information, exemption statement or valid link badge on the shop's main page (E-Commerce Law §15)",
        ),
  );

  // 2. Prominent: measured layout, not markup.
  if (!displays.length) {
    out.push(
      check("license.prominent", "display", "major", "na", "无可检查的展示", "nothing displayed to check"),
    );
  } else {
    const prominent = displays.filter(isProminent);
    out.push(
      prominent.length
        ? check(
            "license.prominent",
            "display",
            "major",
            "pass",
            "执照信息无需操作即可见，位于首屏或店铺页头/页脚",
            "license information is visible without interaction, in the first viewport or the shop header/footer",
            prominent.slice(0, 3).map((e) => evidenceOf(e)),
          )
        : check(
            "license.prominent",
            "display",
            "major",
            "fail",
            `执照信息不显著：${uniq(
              displays.map(
                (e) =>
                  e.hiddenReason ??
                  (e.visible
                    ? e.fontSizePx < MIN_FONT_PX
                      ? `字号 ${e.fontSizePx}px 过小`
                      : `不在首屏（y=${e.box.y}px）且不在页头页脚`
                    : "不可见"),
              ),
            )
              .slice(0, 3)
              .join("；")}`,
            `license information not prominent: ${uniq(
              displays.map(
                (e) =>
                  e.hiddenReason ??
                  (e.visible
                    ? e.fontSizePx < MIN_FONT_PX
                      ? `font ${e.fontSizePx}px too small`
                      : `below the first viewport (y=${e.box.y}px), not in header/footer`
                    : "hidden"),
              ),
            )
              .slice(0, 3)
              .join("; ")}`,
            displays.slice(0, 5).map((e) => evidenceOf(e)),
          ),
    );
  }

  // 3. USCC shown matches the registry (a mismatch shows both values).
  const codes = of("uscc");
  if (!r || !codes.length) {
    out.push(
      r
        ? check(
            "identity.uscc",
            "display",
            "critical",
            "na",
            "页面未以文字展示统一社会信用代码",
            "no USCC shown as text",
          )
        : check(
            "identity.uscc",
            "display",
            "critical",
            "na",
            "无可信的登记记录可比对",
            "no trusted registry record to compare with",
          ),
    );
  } else {
    const wrong = codes.filter((e) => e.value !== r.uscc);
    out.push(
      wrong.length
        ? check(
            "identity.uscc",
            "display",
            "critical",
            "fail",
            `统一社会信用代码不符：页面 ${wrong[0]!.value}，登记 ${r.uscc}`,
            `USCC mismatch: page shows ${wrong[0]!.value}, registry has ${r.uscc}`,
            wrong.map((e) => evidenceOf(e, { expected: r.uscc, actual: e.value ?? "" })),
          )
        : check(
            "identity.uscc",
            "display",
            "critical",
            "pass",
            `统一社会信用代码与登记一致：${r.uscc}`,
            `USCC matches the registry: ${r.uscc}`,
            codes.slice(0, 2).map((e) => evidenceOf(e)),
          ),
    );
  }

  // 4. Name shown matches the registry.
  const names = of("name");
  if (!r || !names.length) {
    out.push(
      r
        ? check(
            "identity.name",
            "display",
            "major",
            "na",
            "页面未以文字展示经营者名称",
            "no business name shown as text",
          )
        : check(
            "identity.name",
            "display",
            "major",
            "na",
            "无可信的登记记录可比对",
            "no trusted registry record to compare with",
          ),
    );
  } else {
    const wrong = names.filter((e) => !namesMatch(e.value ?? "", r.name));
    out.push(
      wrong.length
        ? check(
            "identity.name",
            "display",
            "major",
            "fail",
            `名称不符：页面「${wrong[0]!.value}」，登记「${r.name}」`,
            `name mismatch: page shows "${wrong[0]!.value}", registry has "${r.name}"`,
            wrong.map((e) => evidenceOf(e, { expected: r.name, actual: e.value ?? "" })),
          )
        : check(
            "identity.name",
            "display",
            "major",
            "pass",
            `名称与登记一致：${r.name}`,
            `name matches the registry: ${r.name}`,
            names.slice(0, 2).map((e) => evidenceOf(e)),
          ),
    );
  }

  // 5. A revoked or cancelled license must not be shown as valid.
  const ended = r && (r.license.status === "revoked" || r.license.status === "cancelled");
  if (!ended) {
    out.push(
      check(
        "license.status",
        "display",
        "critical",
        "na",
        "执照未被吊销或注销",
        "license not revoked or cancelled",
      ),
    );
  } else {
    const claims = of("status_claim");
    const validClaims = claims.filter(
      (e) => VALID_WORDS.test(e.value ?? "") && !ENDED_WORDS.test(e.value ?? ""),
    );
    const honest = claims.some((e) => ENDED_WORDS.test(e.value ?? ""));
    const word = r.license.status === "revoked" ? "吊销" : "注销";
    const en = r.license.status;
    if (validClaims.length || (displays.length && !honest)) {
      out.push(
        check(
          "license.status",
          "display",
          "critical",
          "fail",
          `执照已${word}，页面仍作为有效执照展示`,
          `license ${en}, yet the page shows it as valid`,
          (validClaims.length ? validClaims : displays)
            .slice(0, 3)
            .map((e) => evidenceOf(e, { expected: en, actual: e.value ?? "shown as valid" })),
        ),
      );
    } else {
      out.push(
        check(
          "license.status",
          "display",
          "critical",
          "pass",
          `页面如实标明执照已${word}`,
          `page states the license is ${en}`,
        ),
      );
    }
  }

  // 6. Permits the record has (食品经营许可证 for food …) are shown; expired ones are not required.
  const today = input.now.toISOString().slice(0, 10);
  const needed = (r?.permits ?? []).filter((p) => !p.validTo || p.validTo >= today);
  if (!needed.length) {
    out.push(
      check("permits.shown", "display", "major", "na", "登记中无需展示的许可证", "no permits on record"),
    );
  } else {
    const shown = of("permit");
    const missing = needed.filter((p) => !shown.some((e) => e.value === p.kind && e.visible));
    const wrongNo = needed.flatMap((p) =>
      shown.filter((e) => e.value === p.kind && e.extra && e.extra !== p.number).map((e) => ({ p, e })),
    );
    if (missing.length) {
      out.push(
        check(
          "permits.shown",
          "display",
          "major",
          "fail",
          `未展示许可证：${missing.map((p) => `${p.kind}（${p.number}）`).join("、")}`,
          `permit not shown: ${missing.map((p) => `${p.kind} (${p.number})`).join(", ")}`,
          missing.map((p) => ({
            selector: "",
            tag: "",
            text: "",
            box: { x: 0, y: 0, width: 0, height: 0 },
            visible: false,
            expected: `${p.kind} ${p.number}`,
            actual: "",
          })),
        ),
      );
    } else if (wrongNo.length) {
      const { p, e } = wrongNo[0]!;
      out.push(
        check(
          "permits.shown",
          "display",
          "major",
          "fail",
          `${p.kind}编号不符：页面 ${e.extra}，登记 ${p.number}`,
          `${p.kind} number mismatch: page ${e.extra}, registry ${p.number}`,
          [evidenceOf(e, { expected: p.number, actual: e.extra ?? "" })],
        ),
      );
    } else {
      out.push(
        check(
          "permits.shown",
          "display",
          "major",
          "pass",
          `已展示：${needed.map((p) => p.kind).join("、")}`,
          `shown: ${needed.map((p) => p.kind).join(", ")}`,
          shown.slice(0, 3).map((e) => evidenceOf(e)),
        ),
      );
    }
  }

  // 7. Natural persons without registration show the §10 exemption statement.
  if (!r || (r.kind !== "natural_person" && r.license.status !== "exempt")) {
    out.push(
      check(
        "exemption.statement",
        "display",
        "critical",
        "na",
        "非自然人经营者",
        "not a natural-person seller",
      ),
    );
  } else {
    const st = of("exemption").filter((e) => e.visible);
    out.push(
      st.length
        ? check(
            "exemption.statement",
            "display",
            "critical",
            "pass",
            "已展示自然人免于登记声明（电子商务法第十条）",
            "exemption statement shown (E-Commerce Law §10)",
            st.slice(0, 2).map((e) => evidenceOf(e)),
          )
        : check(
            "exemption.statement",
            "display",
            "critical",
            "fail",
            "自然人经营者未展示免于登记声明（电子商务法第十条、第十五条）",
            "natural-person seller shows no exemption statement (E-Commerce Law §10, §15)",
          ),
    );
  }

  // 8. Xinbiao badges are bound to this shop (DESIGN §6: a copied badge is misuse) and their records verify.
  if (!badges.length) {
    out.push(
      check("badge.bound", "display", "critical", "na", "页面没有信标标识", "no Xinbiao badge on the page"),
    );
    out.push(
      check(
        "badge.signature",
        "display",
        "critical",
        "na",
        "页面没有信标标识",
        "no Xinbiao badge on the page",
      ),
    );
  } else {
    const foreign = badges.filter((b) => !boundHere(b));
    out.push(
      foreign.length
        ? check(
            "badge.bound",
            "display",
            "critical",
            "fail",
            `信标标识绑定的是 ${badgeKey(foreign[0]!)}，不是本店 ${here ?? r?.uscc ?? "?"}（从其他店铺复制）`,
            `the Xinbiao badge is bound to ${badgeKey(foreign[0]!)}, not this shop ${here ?? r?.uscc ?? "?"} (copied from another shop)`,
            foreign.map((b) => evidenceOf(b, { expected: here ?? r?.uscc ?? "", actual: badgeKey(b) ?? "" })),
          )
        : check(
            "badge.bound",
            "display",
            "critical",
            "pass",
            "信标标识绑定本店",
            "the Xinbiao badge is bound to this shop",
            badges.slice(0, 2).map((b) => evidenceOf(b)),
          ),
    );
    const bad = badges.filter((b) => {
      const v = input.badgeVerifications?.[badgeKey(b) ?? ""];
      return !v || v === "not_found" || !v.ok;
    });
    const why = (b: PageElement) => {
      const v = input.badgeVerifications?.[badgeKey(b) ?? ""];
      return !v ? "unchecked" : v === "not_found" ? "not_found" : v.ok ? "ok" : v.reason;
    };
    out.push(
      bad.length
        ? check(
            "badge.signature",
            "display",
            "critical",
            "fail",
            `信标标识的记录无法校验（${why(bad[0]!)}）`,
            `the badge's record does not verify (${why(bad[0]!)})`,
            bad.map((b) => evidenceOf(b, { actual: why(b) })),
          )
        : check(
            "badge.signature",
            "display",
            "critical",
            "pass",
            "信标标识的记录签名有效",
            "the badge's record signature verifies",
            badges
              .filter(badgeOk)
              .slice(0, 2)
              .map((b) => evidenceOf(b)),
          ),
    );
  }

  // 9. Active 黑名单 / 重点关注 entries: flagged whatever the display (赣信用办〔2018〕26号).
  const entries = (r?.lists ?? []).filter((l) => l.list === "black" || l.list === "watch");
  out.push(
    entries.length
      ? check(
          "lists.active",
          "risk",
          "critical",
          "fail",
          `列入${entries.map((l) => `${l.list === "black" ? "黑名单" : "重点关注名单"}（${l.category}，${l.documentNo}）`).join("；")}`,
          `listed: ${entries.map((l) => `${l.list === "black" ? "blacklist" : "watch list"} (${l.category}, ${l.documentNo})`).join("; ")}`,
        )
      : check(
          "lists.active",
          "risk",
          "critical",
          "pass",
          "无生效的黑名单或重点关注名单记录",
          "no active blacklist or watch-list entry",
        ),
  );
  return out;
}

function platformHomeChecks(s: PageSnapshot): Check[] {
  const links = s.elements.filter((e) => e.kind === "credit_link");
  const one = (id: CheckId, test: RegExp, zh: string, en: string): Check => {
    const hits = links.filter((e) => test.test(e.value ?? ""));
    const shown = hits.filter(isProminent);
    return shown.length
      ? check(
          id,
          "display",
          "major",
          "pass",
          `首页有${zh}查询链接`,
          `home page links to ${en}`,
          shown.slice(0, 2).map((e) => evidenceOf(e)),
        )
      : hits.length
        ? check(
            id,
            "display",
            "major",
            "fail",
            `${zh}链接不显著（${hits[0]!.hiddenReason ?? `y=${hits[0]!.box.y}px`}）`,
            `${en} link not prominent`,
            hits.map((e) => evidenceOf(e)),
          )
        : check(id, "display", "major", "fail", `首页缺少${zh}查询链接`, `home page has no link to ${en}`);
  };
  return [
    one("platform.creditchina", CREDITCHINA_HOST, "「信用中国」", "Credit China"),
    one(
      "platform.province_credit",
      PROVINCE_CREDIT_HOST,
      "省级信用网站（如「信用江苏」「信用江西」）",
      "a provincial credit site (e.g. Credit Jiangsu)",
    ),
    one(
      "platform.gsxt",
      GSXT_HOST,
      "国家企业信用信息公示系统",
      "the National Enterprise Credit Information Publicity System",
    ),
  ];
}

/** Outcome: non-compliant when any display check fails; risk checks (lists) flag, they do not decide. */
export function outcomeOf(checks: Check[]): "compliant" | "non_compliant" {
  return checks.some((c) => c.kind === "display" && c.status === "fail") ? "non_compliant" : "compliant";
}

export function auditPage(input: EngineInput): PageAudit {
  const s = input.snapshot;
  const r = input.envelope?.record ?? null;
  const base = {
    url: s.url,
    pageKind: s.pageKind,
    platform: s.shop?.platform ?? s.platform,
    shopId: s.shop?.shopId ?? null,
    uscc: r?.uscc ?? s.uscc,
    merchantName: r?.name ?? null,
  };
  if (s.pageKind === "platform_home") {
    const checks = platformHomeChecks(s);
    return { ...base, outcome: outcomeOf(checks), flags: [], checks };
  }
  if (s.pageKind === "other" && !s.uscc) {
    return { ...base, outcome: "error", flags: [], checks: [], error: notAShop() };
  }
  const checks = shopChecks(input);
  const flags = [
    ...new Set((r?.lists ?? []).map((l) => l.list).filter((l): l is "black" | "watch" => l !== "red")),
  ];
  return { ...base, outcome: outcomeOf(checks), flags, checks };
}

export function notAShop(): AuditError {
  return {
    code: "not_a_shop_page",
    zh: "不是可识别的店铺首页或平台首页",
    en: "not a recognised shop page or platform home page",
  };
}
