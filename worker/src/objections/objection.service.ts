/**
 * Objections (异议) to a list entry: filed by the public (the merchant or its agent), accepted or
 * refused by a regulator within 2 working days, answered within 10 working days of acceptance
 * (信用广州 practice, DESIGN §4). While one is submitted or accepted the public record shows the entry as
 * `objected` ("异议处理中") — build-records.ts reads the objections table for that.
 * An upheld objection corrects the record: the entry is removed as an error (not an early removal).
 */
import type { Db } from "@xinbiao/db/client";
import { isPubliclyShown, shanghaiDate, validateUscc } from "@xinbiao/db/model";
import { holidays, listEntries, merchants, objections } from "@xinbiao/db/schema";
import { and, asc, eq, gte, inArray } from "drizzle-orm";
import { commitWriteSet, WriteSet } from "../audit-log/write-set.ts";
import { applyEntryAction } from "../lifecycle/entry-actions.ts";
import { addWorkingDays, type Calendar } from "./working-days.ts";

export const ACCEPT_WORKING_DAYS = 2;
export const ANSWER_WORKING_DAYS = 10;
export const PUBLIC_ACTOR = "public:objection-form";

export interface ObjectionInput {
  uscc: string;
  entryId: number;
  contact: string;
  reason: string;
  attachmentUrl?: string | null | undefined;
}

export type Problem = { field: string; zh: string; en: string };
export type ServiceResult<T> =
  | { ok: true; value: T }
  | { ok: false; status: 400 | 404 | 409; code: string; problem: Problem };

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
  const open = await db
    .select({ id: objections.id })
    .from(objections)
    .where(and(eq(objections.entryId, entry.id), inArray(objections.status, ["submitted", "accepted"])))
    .get();
  if (open)
    return {
      ok: false,
      status: 409,
      code: "objection_open",
      problem: {
        field: "entryId",
        zh: `该条目已有异议正在处理（编号 ${open.id}）`,
        en: `an objection to this entry is already open (#${open.id})`,
      },
    } as const;
  const cal = await loadCalendar(db, today);
  const row = {
    entryId: entry.id,
    uscc,
    contact: input.contact.trim(),
    reason: input.reason.trim(),
    attachmentUrl: input.attachmentUrl || null,
    status: "submitted" as const,
    filedAt: now.toISOString(),
    acceptBy: addWorkingDays(today, ACCEPT_WORKING_DAYS, cal),
  };
  const ws = new WriteSet(PUBLIC_ACTOR);
  const inserted = db.insert(objections).values(row).returning({ id: objections.id });
  ws.add(inserted);
  // The contact is personal data (PIPL): the audit row keeps everything but it.
  const { contact: _c, ...audited } = row;
  ws.log({ action: "objection.file", entity: "objection", entityId: `entry:${entry.id}`, after: audited });
  ws.change({
    uscc,
    kind: "list",
    action: "list.objected",
    detail: { entryId: entry.id, list: entry.list, documentNo: entry.documentNo },
  });
  await commitWriteSet(db, ws, now);
  const created = await db
    .select({ id: objections.id })
    .from(objections)
    .where(and(eq(objections.entryId, entry.id), eq(objections.filedAt, row.filedAt)))
    .get();
  return {
    ok: true,
    value: { id: created!.id, status: row.status, acceptBy: row.acceptBy, entryId: entry.id },
  } as const;
}

type Decision =
  | { kind: "accept" }
  | { kind: "refuse"; reason: string }
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
  if (d.kind === "accept") {
    const cal = await loadCalendar(db, today);
    set = { status: "accepted", acceptedAt: at, answerBy: addWorkingDays(today, ANSWER_WORKING_DAYS, cal) };
  } else if (d.kind === "refuse") {
    set = { status: "refused", answeredAt: at, decision: d.reason };
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
  } else if (d.kind !== "accept") {
    const entry = await db.select().from(listEntries).where(eq(listEntries.id, o.entryId)).get();
    ws.change({
      uscc: o.uscc,
      kind: "list",
      action: "list.objection_closed",
      detail: { entryId: o.entryId, list: entry?.list, documentNo: entry?.documentNo, outcome: set.status },
    });
  }
  await commitWriteSet(db, ws, now);
  return { ok: true, value: { ...o, ...set } } as const;
}

export interface QueueItem {
  id: number;
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
    .where(inArray(objections.status, ["submitted", "accepted"]))
    .orderBy(asc(objections.filedAt))
    .all();
  return rows
    .map(({ o, e, name }) => {
      const accepted = o.status === "accepted";
      const deadline = (accepted ? o.answerBy : o.acceptBy) ?? o.acceptBy;
      return {
        id: o.id,
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
