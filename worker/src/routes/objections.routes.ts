/**
 * Objections (异议), public side: a JSON API (POST /api/v1/objections, POST /api/v1/objections/track)
 * and plain HTML forms (GET /objections/new, POST /objections, GET/POST /objections/track). Filing
 * records the request and answers with a reference and a private tracking token; the record changes
 * only when a regulator accepts (regulator.routes.ts). The token travels in a POST body, never in a
 * URL, so it stays out of request logs, Referer headers and browser history.
 */
import { guardPublicText, guardPublicValue, isPubliclyShown, shanghaiDate } from "@xinbiao/db/model";
import { listEntries, merchants } from "@xinbiao/db/schema";
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { AppEnv } from "../deps.ts";
import { ApiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { fileObjection, trackObjection } from "../objections/objection.service.ts";
import {
  type FormEntry,
  renderObjectionFiled,
  renderObjectionForm,
  renderTracking,
} from "../objections/objection-form.page.tsx";
import { resolveUscc } from "./api.routes.ts";

const objectionBody = z.object({
  uscc: z.string().max(64),
  entryId: z.coerce.number().int().positive(),
  contact: z.string().max(100),
  reason: z.string().max(4000),
  attachmentUrl: z.string().max(2000).nullish(),
  filedAs: z.enum(["subject", "agent"], {
    error: "请说明提出人身份：subject（信用主体本人）或 agent（其代理人） / filedAs must be subject or agent",
  }),
});

const trackBody = z.object({ token: z.string().max(100) });

/** Seconds until Shanghai midnight starting `date` (YYYY-MM-DD), for Retry-After. */
function secondsUntil(date: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(`${date}T00:00:00+08:00`) - now.getTime()) / 1000));
}

const small = bodyLimit({
  maxSize: 64 * 1024,
  onError: () => {
    throw new ApiError(413, "payload_too_large", "请求体过大 / body too large");
  },
});

export const objectionApiRoutes = new Hono<AppEnv>()
  .post("/", small, validate("json", objectionBody), async (c) => {
    const body = c.req.valid("json");
    const uscc = await resolveUscc(c, body.uscc);
    const now = c.var.deps.now();
    const r = await fileObjection(c.var.deps.db, { ...body, uscc }, now);
    c.header("Cache-Control", "no-store");
    if (!r.ok) {
      if (r.retryFrom) c.header("Retry-After", String(secondsUntil(r.retryFrom, now)));
      throw new ApiError(
        r.status,
        r.code,
        `${r.problem.zh} / ${r.problem.en}`,
        r.problem.field,
        r.retryFrom ? { retryFrom: r.retryFrom } : undefined,
      );
    }
    return c.json(r.value, 201);
  })
  .post("/track", small, validate("json", trackBody), async (c) => {
    c.header("Cache-Control", "no-store");
    const view = await trackObjection(c.var.deps.db, c.req.valid("json").token, c.var.deps.now());
    if (!view) throw new ApiError(404, "not_found", "查询码无效 / unknown tracking token", "token");
    return c.json(guardPublicValue(view)); // anyone can file, so the view is public text (pii-guard.ts)
  });

async function formEntries(c: { var: AppEnv["Variables"] }, uscc: string) {
  const db = c.var.deps.db;
  const today = shanghaiDate(c.var.deps.now());
  const m = await db
    .select({ name: merchants.name, kind: merchants.kind })
    .from(merchants)
    .where(eq(merchants.uscc, uscc))
    .get();
  const rows = await db
    .select()
    .from(listEntries)
    .where(and(eq(listEntries.uscc, uscc)))
    .all();
  const entries: FormEntry[] = rows
    .filter((e) => isPubliclyShown({ ...e, objectionOpen: false }, today))
    .map((e) => ({
      id: e.id,
      list: e.list,
      category: guardPublicText(e.category), // public-output guard (pii-guard.ts)
      documentNo: guardPublicText(e.documentNo),
      listedAt: e.listedAt,
    }));
  return { merchant: m && { ...m, name: guardPublicText(m.name) }, entries };
}

export const objectionPageRoutes = new Hono<AppEnv>()
  .get("/new", validate("query", z.object({ uscc: z.string().max(64) })), async (c) => {
    const uscc = await resolveUscc(c, c.req.valid("query").uscc);
    const { merchant, entries } = await formEntries(c, uscc);
    if (!merchant)
      throw new ApiError(404, "not_found", `未收录该主体 / no merchant with code ${uscc}`, "uscc");
    c.header("Cache-Control", "no-store");
    return c.html(
      renderObjectionForm({ uscc, name: merchant.kind === "natural_person" ? null : merchant.name, entries }),
    );
  })
  .post("/", small, async (c) => {
    const form = await c.req.parseBody();
    const get = (k: string) => (typeof form[k] === "string" ? (form[k] as string) : "");
    const uscc = await resolveUscc(c, get("uscc"));
    const r = await fileObjection(
      c.var.deps.db,
      {
        uscc,
        entryId: Number(get("entryId")),
        contact: get("contact"),
        reason: get("reason"),
        attachmentUrl: get("attachmentUrl") || null,
        filedAs: get("filedAs") as "subject" | "agent",
      },
      c.var.deps.now(),
    );
    c.header("Cache-Control", "no-store");
    if (!r.ok) {
      const { merchant, entries } = await formEntries(c, uscc);
      return c.html(
        renderObjectionForm({
          uscc,
          name: merchant?.kind === "natural_person" ? null : (merchant?.name ?? null),
          entries,
          error: `${r.problem.zh} / ${r.problem.en}`,
          values: {
            entryId: get("entryId"),
            contact: get("contact"),
            reason: get("reason"),
            attachmentUrl: get("attachmentUrl"),
            filedAs: get("filedAs"),
          },
        }),
        r.status,
      );
    }
    return c.html(renderObjectionFiled({ ...r.value, uscc }), 201);
  })
  .get("/track", (c) => {
    c.header("Cache-Control", "no-store");
    return c.html(renderTracking({}));
  })
  .post("/track", small, async (c) => {
    c.header("Cache-Control", "no-store");
    const form = await c.req.parseBody();
    const token = typeof form.token === "string" ? form.token : "";
    const view = await trackObjection(c.var.deps.db, token, c.var.deps.now());
    if (!view) return c.html(renderTracking({ error: "查询码无效 / unknown tracking token" }), 404);
    return c.html(renderTracking({ view: guardPublicValue(view) })); // public-output guard (pii-guard.ts)
  });
