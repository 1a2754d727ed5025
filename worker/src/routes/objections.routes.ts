/**
 * Objections (异议), public side: a JSON API (POST /api/v1/objections) and a plain HTML form
 * (GET/POST /objections). The regulator side is in regulator.routes.ts.
 */
import { isPubliclyShown, shanghaiDate } from "@xinbiao/db/model";
import { listEntries, merchants } from "@xinbiao/db/schema";
import { and, eq } from "drizzle-orm";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { AppEnv } from "../deps.ts";
import { ApiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { fileObjection } from "../objections/objection.service.ts";
import {
  type FormEntry,
  renderObjectionFiled,
  renderObjectionForm,
} from "../objections/objection-form.page.tsx";
import { resolveUscc } from "./api.routes.ts";

const objectionBody = z.object({
  uscc: z.string().max(64),
  entryId: z.coerce.number().int().positive(),
  contact: z.string().max(100),
  reason: z.string().max(4000),
  attachmentUrl: z.string().max(2000).nullish(),
});

const small = bodyLimit({
  maxSize: 64 * 1024,
  onError: () => {
    throw new ApiError(413, "payload_too_large", "请求体过大 / body too large");
  },
});

export const objectionApiRoutes = new Hono<AppEnv>().post(
  "/",
  small,
  validate("json", objectionBody),
  async (c) => {
    const body = c.req.valid("json");
    const uscc = await resolveUscc(c, body.uscc);
    const r = await fileObjection(c.var.deps.db, { ...body, uscc }, c.var.deps.now());
    if (!r.ok) throw new ApiError(r.status, r.code, `${r.problem.zh} / ${r.problem.en}`, r.problem.field);
    c.header("Cache-Control", "no-store");
    return c.json(r.value, 201);
  },
);

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
      category: e.category,
      documentNo: e.documentNo,
      listedAt: e.listedAt,
    }));
  return { merchant: m, entries };
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
          },
        }),
        r.status,
      );
    }
    return c.html(renderObjectionFiled({ id: r.value.id, acceptBy: r.value.acceptBy, uscc }), 201);
  });
