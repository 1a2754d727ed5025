/**
 * Objections (异议) to a list entry, filed by the 信用主体 or its agent (SECURITY.md "who may object").
 *
 * Filing only RECORDS the request (status `submitted`) and answers with a reference and a private
 * tracking token (only its SHA-256 is stored). The public record changes only when a regulator
 * accepts (受理) the objection: then the entry shows `objected` ("异议处理中") on every surface —
 * build-records / record-rows read `accepted` objections for that — until the answer. Acceptance is
 * the regulator's act because only the regulator can check that the filer is the subject or its
 * authorised agent and that the grounds are about this entry; before that, anyone could have typed it.
 *
 * Deadlines (信用广州 practice, DESIGN §4): accept or refuse within 2 working days of filing, answer
 * within 10 working days of acceptance; working days follow the State Council's arrangement
 * (working-days.ts). An upheld objection corrects the record: the entry is removed as an error.
 *
 * Throttling is per ENTRY, for everyone (not per address, which a filer changes at will):
 *  - one objection at a time per entry (submitted or accepted blocks further filings, 409);
 *  - after a refusal (不予受理) or a rejection (异议不成立) the entry is closed to objections for
 *    REFILE_COOLING_DAYS calendar days, and afterwards only grounds that differ from every refused or
 *    rejected objection on this entry are taken (same grounds → 409).
 */
import type { Db } from "@xinbiao/db/client";
import { isPubliclyShown, sha256Hex, shanghaiDate, toBase64Url, validateUscc } from "@xinbiao/db/model";
import { holidays, listEntries, merchants, objections } from "@xinbiao/db/schema";
import { and, asc, desc, eq, gte, inArray } from "drizzle-orm";
import { commitWriteSet, WriteSet } from "../audit-log/write-set.ts";
import { applyEntryAction } from "../lifecycle/entry-actions.ts";
import { sameGrounds } from "./grounds.ts";
import { OPEN_STATUSES } from "./objection-status.ts";
import { addWorkingDays, type Calendar } from "./working-days.ts";

export const ACCEPT_WORKING_DAYS = 2;
export const ANSWER_WORKING_DAYS = 10;
export const PUBLIC_ACTOR = "public:objection-form";
/**
 * Calendar days an entry stays closed to objections after a refusal or rejection. 30 days is longer
 * than one full round (2 + 10 working days ≈ 16–18 calendar days, 25 over a Golden Week), so a
 * filer cannot keep an entry in review back to back; it is shorter than the shortest display period
 * (3 months, SAMR Order 45 / 2026 credit-repair rules), so genuinely new grounds are still answered
 * while the entry is shown.
 */
export const REFILE_COOLING_DAYS = 30;

export interface ObjectionInput {
  uscc: string;
  entryId: number;
  contact: string;
  reason: string;
  attachmentUrl?: string | null | undefined;
  /** The 信用主体 itself or its agent; internal callers default to the subject. */
  filedAs?: "subject" | "agent" | undefined;
}

export type Problem = { field: string; zh: string; en: string };
export type ServiceResult<T> =
  | { ok: true; value: T }
  | {
      ok: false;
      status: 400 | 404 | 409 | 429;
      code: string;
      problem: Problem;
      /** With 429: the Shanghai date from which the entry takes objections again. */
      retryFrom?: string;
    };

/** The reference a filer quotes: XBO-<filing date>-<id>, derived from the row, never a secret. */
export function objectionReference(id: number, filedAt: string): string {
  return `XBO-${shanghaiDate(new Date(filedAt)).replaceAll("-", "")}-${String(id).padStart(5, "0")}`;
}

/** A new tracking token: 192 random bits, shown once; only its SHA-256 is stored. */
function newTrackingToken(): string {
  return `xbt_${toBase64Url(crypto.getRandomValues(new Uint8Array(24)))}`;
}

export function hashTrackingToken(token: string): Promise<string> {
  return sha256Hex(token.trim());
}

function addCalendarDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The admin holidays table (overrides of the State Council arrangement) from `from` on. */
export async function loadCalendar(db: Db, from: string): Promise<Calendar> {
  const rows = await db.select().from(holidays).where(gte(holidays.date, from)).all();
  return new Map(rows.map((r) => [r.date, r.kind]));
}

const CONTACT_RE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|[^\s@]+@[^\s@]+\.[^\s@]+)$/;

export function checkObjectionInput(i: ObjectionInput): Problem | null {
  if (!validateUscc(i.uscc).ok && i.uscc.trim().length !== 18)
    return { field: "uscc", zh: "统一社会信用代码无效", en: "invalid unified social credit code" };
  if (!Number.isInteger(i.entryId) || i.entryId <= 0)
    return { field: "entryId", zh: "请选择名单条目", en: "choose a list entry" };
  if (!CONTACT_RE.test(i.contact.trim()))
    return {
      field: "contact",
      zh: "联系方式应为手机号、座机号或电子邮箱",
      en: "contact must be a mobile number, a landline or an e-mail address",
    };
  const reason = i.reason.trim();
  if (reason.length < 10 || reason.length > 2000)
    return { field: "reason", zh: "异议理由应为 10–2000 字", en: "the reason must be 10–2000 characters" };
  if (i.filedAs !== undefined && i.filedAs !== "subject" && i.filedAs !== "agent")
    return {
      field: "filedAs",
      zh: "请说明提出人身份：信用主体本人或其代理人",
      en: "say who files: the subject itself or its agent",
    };
  if (i.attachmentUrl) {
    try {
      if (new URL(i.attachmentUrl).protocol !== "https:") throw new Error();
    } catch {
      return {
        field: "attachmentUrl",
        zh: "附件链接应为 https 网址",
        en: "the attachment link must be an https URL",
      };
    }
  }
  return null;
}

/**
 * Whether a decided objection closes its entry to objections for the cooling period (and binds later
 * filings to new grounds): a rejection, or a refusal on the merits. A refusal because the filer was
 * neither the subject nor its agent (`not_entitled`) does not: a stranger's filing must not shut the
 * subject out of its own objection.
 */
function closesEntry(o: { status: string; refusalKind: string | null }): boolean {
  return o.status === "rejected" || (o.status === "refused" && o.refusalKind !== "not_entitled");
}

export async function fileObjection(db: Db, input: ObjectionInput, now: Date) {
  const problem = checkObjectionInput(input);
  if (problem) return { ok: false, status: 400, code: "invalid_parameter", problem } as const;
  const uscc = input.uscc.trim().toUpperCase();
  const today = shanghaiDate(now);
  const entry = await db
    .select()
    .from(listEntries)
    .where(and(eq(listEntries.id, input.entryId), eq(listEntries.uscc, uscc)))
    .get();
  // Only entries the public can see can be objected to; others answer like unknown ones.
  if (!entry || !isPubliclyShown({ ...entry, objectionOpen: false }, today))
    return {
      ok: false,
      status: 404,
      code: "not_found",
      problem: {
        field: "entryId",
        zh: "该主体没有这条公示中的名单条目",
        en: "no publicly shown list entry with this id for this merchant",
      },
    } as const;
  const earlier = await db
    .select()
    .from(objections)
    .where(eq(objections.entryId, entry.id))
    .orderBy(desc(objections.id))
    .all();
  const open = earlier.find((o) => (OPEN_STATUSES as readonly string[]).includes(o.status));
  if (open)
    return {
      ok: false,
      status: 409,
      code: "objection_open",
      problem: {
        field: "entryId",
        zh: `该条目已有异议正在处理（${objectionReference(open.id, open.filedAt)}），处理完毕前不再接收新的异议`,
        en: `an objection to this entry is already open (${objectionReference(open.id, open.filedAt)}); no other is taken until it is answered`,
      },
    } as const;
  const closed = earlier.filter(closesEntry);
  const last = closed[0];
  if (last?.answeredAt) {
    const reopens = addCalendarDays(shanghaiDate(new Date(last.answeredAt)), REFILE_COOLING_DAYS);
    if (today < reopens)
      return {
        ok: false,
        status: 429,
        code: "objection_cooling",
        retryFrom: reopens,
        problem: {
          field: "entryId",
          zh: `该条目的异议已于 ${shanghaiDate(new Date(last.answeredAt))} ${last.status === "refused" ? "不予受理" : "答复不成立"}，${reopens} 起方可凭新的理由再次提出`,
          en: `an objection to this entry was ${last.status} on ${shanghaiDate(new Date(last.answeredAt))}; a new one with new grounds is taken from ${reopens}`,
        },
      } as const;
  }
  const repeated = closed.find((o) => sameGrounds(o.reason, input.reason));
  if (repeated)
    return {
      ok: false,
      status: 409,
      code: "same_grounds",
      problem: {
        field: "reason",
        zh: `异议理由与已${repeated.status === "refused" ? "不予受理" : "答复不成立"}的异议（${objectionReference(repeated.id, repeated.filedAt)}）相同，请提出新的事实或理由`,
        en: `these grounds repeat an objection already ${repeated.status} (${objectionReference(repeated.id, repeated.filedAt)}); give new facts or grounds`,
      },
    } as const;
  const cal = await loadCalendar(db, today);
  const token = newTrackingToken();
  const row = {
    entryId: entry.id,
    uscc,
    contact: input.contact.trim(),
    reason: input.reason.trim(),
    attachmentUrl: input.attachmentUrl || null,
    status: "submitted" as const,
    filedAt: now.toISOString(),
    acceptBy: addWorkingDays(today, ACCEPT_WORKING_DAYS, cal),
    filedAs: input.filedAs ?? ("subject" as const),
    trackingTokenHash: await hashTrackingToken(token),
  };
  const ws = new WriteSet(PUBLIC_ACTOR);
  ws.add(db.insert(objections).values(row));
  // The contact is personal data (PIPL) and the token hash a credential: the audit row keeps the rest.
  const { contact: _c, trackingTokenHash: _t, ...audited } = row;
  ws.log({ action: "objection.file", entity: "objection", entityId: `entry:${entry.id}`, after: audited });
  // No change-feed row and no version bump: filing alone changes nothing the public sees (受理 does).
  await commitWriteSet(db, ws, now);
  const created = await db
    .select({ id: objections.id })
    .from(objections)
    .where(eq(objections.trackingTokenHash, row.trackingTokenHash))
    .get();
  return {
    ok: true,
    value: {
      id: created!.id,
      reference: objectionReference(created!.id, row.filedAt),
      trackingToken: token,
      status: row.status,
      acceptBy: row.acceptBy,
      answerWorkingDays: ANSWER_WORKING_DAYS,
      entryId: entry.id,
    },
  } as const;
}

type Decision =
  | { kind: "accept" }
  | { kind: "refuse"; reason: string; notEntitled?: boolean | undefined }
  | { kind: "uphold"; decision: string }
  | { kind: "reject"; decision: string };

export async function decideObjection(db: Db, id: number, d: Decision, actor: string, now: Date) {
  const o = await db.select().from(objections).where(eq(objections.id, id)).get();
  if (!o)
    return {
      ok: false,
      status: 404,
      code: "not_found",
      problem: { field: "id", zh: `没有编号为 ${id} 的异议`, en: `no objection ${id}` },
    } as const;
  const need = d.kind === "accept" || d.kind === "refuse" ? "submitted" : "accepted";
  if (o.status !== need)
    return {
      ok: false,
      status: 409,
      code: "wrong_state",
      problem: {
        field: "status",
        zh: `异议当前状态为 ${o.status}，此操作需要 ${need}`,
        en: `the objection is ${o.status}; this step needs ${need}`,
      },
    } as const;
  const today = shanghaiDate(now);
  const at = now.toISOString();
  const ws = new WriteSet(actor);
  let set: Partial<typeof objections.$inferInsert>;
  const entry = await db.select().from(listEntries).where(eq(listEntries.id, o.entryId)).get();
  const detail = { entryId: o.entryId, list: entry?.list, documentNo: entry?.documentNo };
  if (d.kind === "accept") {
    const cal = await loadCalendar(db, today);
    set = { status: "accepted", acceptedAt: at, answerBy: addWorkingDays(today, ANSWER_WORKING_DAYS, cal) };
    // 受理: from now on the public record shows 异议处理中 (partners hear of it on the feed).
    ws.change({ uscc: o.uscc, kind: "list", action: "list.objected", detail });
  } else if (d.kind === "refuse") {
    set = {
      status: "refused",
      answeredAt: at,
      decision: d.reason,
      refusalKind: d.notEntitled ? "not_entitled" : "no_grounds",
    };
  } else {
    set = { status: d.kind === "uphold" ? "upheld" : "rejected", answeredAt: at, decision: d.decision };
  }
  ws.add(db.update(objections).set(set).where(eq(objections.id, id)));
  ws.log({
    action: `objection.${d.kind}`,
    entity: "objection",
    entityId: String(id),
    before: { status: o.status, answerBy: o.answerBy },
    after: set,
  });
  if (d.kind === "uphold") {
    const r = await applyEntryAction(
      db,
      o.entryId,
      { kind: "remove", reason: `异议成立 / objection upheld: ${d.decision}`, correction: true },
      actor,
      now,
      ws,
      false,
    );
    if (!r.ok)
      return {
        ok: false,
        status: r.status === 404 ? 404 : 409,
        code: r.code,
        problem: { field: "entryId", zh: r.zh, en: r.en },
      } as const;
  } else if (d.kind === "reject") {
    // The entry showed 异议处理中 since acceptance; it shows its list status again.
    ws.change({
      uscc: o.uscc,
      kind: "list",
      action: "list.objection_closed",
      detail: { ...detail, outcome: set.status },
    });
  }
  // A refusal (不予受理) changes nothing public: the filing was never shown.
  await commitWriteSet(db, ws, now);
  return { ok: true, value: { ...o, ...set } } as const;
}

export interface QueueItem {
  id: number;
  reference: string;
  filedAs: "subject" | "agent";
  /** Accept-or-refuse deadline: 2 working days after filing. */
  acceptBy: string;
  /** Answer deadline: 10 working days after acceptance (null until accepted). */
  answerBy: string | null;
  status: "submitted" | "accepted";
  uscc: string;
  name: string | null;
  entryId: number;
  list: string;
  category: string;
  documentNo: string;
  reason: string;
  attachmentUrl: string | null;
  contact: string;
  filedAt: string;
  /** acceptBy while submitted, answerBy once accepted. */
  deadline: string;
  deadlineKind: "accept" | "answer";
  overdue: boolean;
}

/** Open objections, earliest deadline first; overdue ones flagged. */
export async function objectionQueue(db: Db, now: Date): Promise<QueueItem[]> {
  const today = shanghaiDate(now);
  const rows = await db
    .select({ o: objections, e: listEntries, name: merchants.name })
    .from(objections)
    .innerJoin(listEntries, eq(listEntries.id, objections.entryId))
    .leftJoin(merchants, eq(merchants.uscc, objections.uscc))
    .where(inArray(objections.status, [...OPEN_STATUSES]))
    .orderBy(asc(objections.filedAt))
    .all();
  return rows
    .map(({ o, e, name }) => {
      const accepted = o.status === "accepted";
      const deadline = (accepted ? o.answerBy : o.acceptBy) ?? o.acceptBy;
      return {
        id: o.id,
        reference: objectionReference(o.id, o.filedAt),
        filedAs: o.filedAs,
        acceptBy: o.acceptBy,
        answerBy: o.answerBy,
        status: o.status as "submitted" | "accepted",
        uscc: o.uscc,
        name,
        entryId: o.entryId,
        list: e.list,
        category: e.category,
        documentNo: e.documentNo,
        reason: o.reason,
        attachmentUrl: o.attachmentUrl,
        contact: o.contact,
        filedAt: o.filedAt,
        deadline,
        deadlineKind: accepted ? ("answer" as const) : ("accept" as const),
        overdue: today > deadline,
      };
    })
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id - b.id);
}

export interface TrackingView {
  reference: string;
  status: "submitted" | "accepted" | "upheld" | "rejected" | "refused";
  filedAt: string;
  filedAs: "subject" | "agent";
  acceptBy: string;
  acceptedAt: string | null;
  answerBy: string | null;
  answeredAt: string | null;
  /** The regulator's reason (refusal) or outcome (answer), once given. */
  decision: string | null;
  /** The deadline now running and whether it has passed (the filer may then complain to the regulator). */
  deadline: { kind: "accept" | "answer"; date: string; overdue: boolean } | null;
  /** After a refusal or rejection: the first date a new objection with new grounds is taken. */
  refileFrom: string | null;
  entry: { list: string; category: string; documentNo: string; listedAt: string } | null;
}

/**
 * The filer's private view, found by the tracking token alone (its hash). The contact and the
 * grounds are not repeated: a leaked token shows the state of the request, not the filer's data.
 */
export async function trackObjection(db: Db, token: string, now: Date): Promise<TrackingView | null> {
  if (!/^xbt_[A-Za-z0-9_-]{20,64}$/.test(token.trim())) return null;
  const hash = await hashTrackingToken(token);
  const row = await db
    .select({ o: objections, e: listEntries })
    .from(objections)
    .leftJoin(listEntries, eq(listEntries.id, objections.entryId))
    .where(eq(objections.trackingTokenHash, hash))
    .get();
  if (!row) return null;
  const { o, e } = row;
  const today = shanghaiDate(now);
  const deadline =
    o.status === "submitted"
      ? { kind: "accept" as const, date: o.acceptBy, overdue: today > o.acceptBy }
      : o.status === "accepted" && o.answerBy
        ? { kind: "answer" as const, date: o.answerBy, overdue: today > o.answerBy }
        : null;
  const closed = closesEntry(o) && o.answeredAt;
  return {
    reference: objectionReference(o.id, o.filedAt),
    status: o.status,
    filedAt: o.filedAt,
    filedAs: o.filedAs,
    acceptBy: o.acceptBy,
    acceptedAt: o.acceptedAt,
    answerBy: o.answerBy,
    answeredAt: o.answeredAt,
    decision: o.decision,
    deadline,
    refileFrom: closed ? addCalendarDays(shanghaiDate(new Date(o.answeredAt!)), REFILE_COOLING_DAYS) : null,
    entry: e ? { list: e.list, category: e.category, documentNo: e.documentNo, listedAt: e.listedAt } : null,
  };
}
