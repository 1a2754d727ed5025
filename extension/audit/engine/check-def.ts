/**
 * What one check is (issue 16: the engine as a check registry). Each check is one file in checks/:
 * its id, the rule it enforces (cited), severity, the page kinds it applies to, the ground-truth
 * fixtures that exercise it (fixtures/ground-truth/*), and a pure function of the CheckContext.
 * Adding a check is that one file plus its line in checks/registry.ts (a test fails when a file in
 * checks/ is not registered).
 */
import type { PublicRecord, SignedEnvelope } from "@xinbiao/db/model";
import type {
  Check,
  CheckKind,
  CheckStatus,
  EvidenceRef,
  PageElement,
  PageKind,
  PageSnapshot,
  Severity,
  Verification,
} from "./types.ts";

export interface CheckContext {
  snapshot: PageSnapshot;
  /** The signed record, whether or not it verified. */
  envelope: SignedEnvelope | null;
  recordVerification: Verification | null;
  /** The record when it verified (a record whose signature fails is trusted for nothing, DESIGN §6). */
  record: PublicRecord | null;
  badgeVerifications: Record<string, Verification | "not_found">;
  /** Origin of the configured Xinbiao service ("https://xinbiao.example"); a badge from elsewhere is not ours. */
  serviceOrigin: string | null;
  now: Date;
  /** Elements of one kind. */
  of(kind: PageElement["kind"]): PageElement[];
  /** "platform:shopId" of the page's shop, or null. */
  here: string | null;
  /** Elements that count as a §15 display (see displays.ts), and those a person must look at. */
  displays: PageElement[];
  undecided: PageElement[];
}

export interface CheckAnswer {
  status: CheckStatus;
  zh: string;
  en: string;
  evidence?: EvidenceRef[];
  /** Overrides the definition's severity for this answer (e.g. an unregistered shop is major, a bad signature critical). */
  severity?: Severity;
}

export interface CheckDef {
  id: string;
  label: { zh: string; en: string };
  /** The rule, cited: "电子商务法 §15；市场主体登记管理条例 §36、§76". */
  rule: string;
  kind: CheckKind;
  severity: Severity;
  appliesTo: readonly PageKind[];
  /** Ground-truth fixture ids (fixtures/ground-truth) where this check is expected to fail. */
  fixtures: readonly string[];
  run(ctx: CheckContext): CheckAnswer;
}

export function defineCheck(d: CheckDef): CheckDef {
  if (!/^[a-z_]+\.[a-z_]+$/.test(d.id)) throw new Error(`check id must look like area.name: ${d.id}`);
  return d;
}

export function toCheck(d: CheckDef, a: CheckAnswer): Check {
  return {
    id: d.id,
    rule: d.rule,
    kind: d.kind,
    severity: a.severity ?? d.severity,
    status: a.status,
    zh: a.zh,
    en: a.en,
    evidence: a.evidence ?? [],
  };
}

export const pass = (zh: string, en: string, evidence: EvidenceRef[] = []): CheckAnswer => ({
  status: "pass",
  zh,
  en,
  evidence,
});
export const fail = (zh: string, en: string, evidence: EvidenceRef[] = []): CheckAnswer => ({
  status: "fail",
  zh,
  en,
  evidence,
});
export const na = (zh: string, en: string): CheckAnswer => ({ status: "na", zh, en, evidence: [] });
export const review = (zh: string, en: string, evidence: EvidenceRef[] = []): CheckAnswer => ({
  status: "review",
  zh,
  en,
  evidence,
});

export function evidenceOf(e: PageElement, extra: Partial<EvidenceRef> = {}): EvidenceRef {
  return {
    selector: e.scope ? `${e.scope} >>> ${e.selector}` : e.selector,
    tag: e.tag,
    text: e.text,
    box: e.box,
    visible: e.visible,
    ...(e.hiddenReason ? { hiddenReason: e.hiddenReason } : {}),
    ...(e.src ? { src: e.src } : {}),
    ...(e.href ? { href: e.href } : {}),
    ...(e.contrast != null ? { contrast: e.contrast } : {}),
    ...extra,
  };
}

export const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];
