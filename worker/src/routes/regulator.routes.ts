/**
 * Regulator API (role `regulator`, or `admin`): imports (the body is the file; dry run, encoding and
 * list kind as query parameters), the escalation list of overdue rectifications, decisions on list
 * entries, the objection queue and its decisions, and a manual lifecycle run.
 * The server-rendered dashboard lives under /regulator (see regulatorPageRoutes).
 */
import { type ListKind, shanghaiDate } from "@xinbiao/db/model";
import { importRuns } from "@xinbiao/db/schema";
import { desc } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { actorOf, authenticate } from "../auth/api-keys.ts";
import type { OpsEnv } from "../auth/ops-env.ts";
import { requireRole, SESSION_COOKIE } from "../auth/require-role.ts";
import { roleKind } from "../auth/roles.ts";
import { renderDashboard, renderLogin } from "../dashboard/dashboard.page.tsx";
import { loadDashboard } from "../dashboard/dashboard-data.ts";
import { normalizeEncoding } from "../imports/decode.ts";
import { IMPORT_KINDS, type ImportKindName } from "../imports/import-kind.ts";
import { PUBLICATION_TYPES, publicationByName } from "../imports/publications/index.ts";
import { runImport } from "../imports/run-import.ts";
import { parseListKind } from "../imports/values.ts";
import { ApiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";
import { applyEntryAction, type EntryAction } from "../lifecycle/entry-actions.ts";
import { overdueEntries } from "../lifecycle/escalations.ts";
import { scheduledTick } from "../lifecycle/scheduled-tick.ts";
import { decideObjection, objectionQueue } from "../objections/objection.service.ts";

const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

const importQuery = z.object({
  dryRun: z.enum(["1", "0", "true", "false"]).optional(),
  encoding: z.string().max(20).optional(),
  list: z.string().max(20).optional(),
  fileName: z.string().max(200).optional(),
  title: z.string().max(200).optional(),
  authority: z.string().max(100).optional(),
  publishedAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  url: z.url().max(2000).optional(),
  /** Refuse the file when a row names a code not in the registry (default: minimal merchant). */
  strict: z.enum(["1", "0", "true", "false"]).optional(),
  /** XLSX: the sheet (name or number from 1). */
  sheet: z.string().max(100).optional(),
});

const dateField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD")
  .optional();

const entryActionBody = z.discriminatedUnion("action", [
  z.object({ action: z.literal("rectified"), date: dateField }),
  z.object({
    action: z.literal("repair"),
    documentNo: z
      .string()
      .trim()
      .min(1, "信用修复须注明文书号 / a repair needs its document number")
      .max(100),
    date: dateField,
  }),
  z.object({
    action: z.literal("remove"),
    reason: z.string().trim().min(2, "请写明移出原因 / give the reason for removal").max(500),
    date: dateField,
  }),
]);

const decisionBody = z.object({
  decision: z.enum(["accept", "refuse", "uphold", "reject"]),
  text: z.string().trim().max(2000).optional(),
  /** With `refuse`: the filer is neither the subject nor its agent (no cooling period for the entry). */
  notEntitled: z.boolean().optional(),
});

const decisionText = z
  .string()
  .trim()
  .min(2, "请写明理由或处理结果 / give the reason or the outcome")
  .max(2000);

/**
 * One objection decision (objection.service.ts): accept (受理: the record shows 异议处理中), refuse
 * (不予受理: nothing public changes; the entry's cooling period starts unless `notEntitled` — the filer
 * was neither the subject nor its agent), uphold (the entry is removed as a correction) or reject (the
 * entry shows its list status again; cooling starts).
 */
async function decide(
  c: Context<OpsEnv>,
  decision: "accept" | "refuse" | "uphold" | "reject",
  text: string | undefined,
  notEntitled?: boolean,
) {
  const id = idParam(c.req.param("id") ?? "");
  if (decision !== "accept" && (!text || text.length < 2))
    throw new ApiError(
      400,
      "invalid_parameter",
      "请写明理由或处理结果 / give the reason or the outcome",
      "text",
    );
  const d =
    decision === "accept"
      ? ({ kind: "accept" } as const)
      : decision === "refuse"
        ? ({ kind: "refuse", reason: text!, notEntitled } as const)
        : ({ kind: decision, decision: text! } as const);
  const deps = c.var.deps;
  const r = await decideObjection(deps.db, id, d, actorOf(c.var.principal), deps.now());
  if (!r.ok) throw new ApiError(r.status, r.code, `${r.problem.zh} / ${r.problem.en}`, r.problem.field);
  const { contact: _private, trackingTokenHash: _credential, ...objection } = r.value;
  return { objection };
}

function idParam(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new ApiError(400, "invalid_parameter", `编号无效：${raw} / invalid id`, "id");
  return n;
}

export const regulatorRoutes = new Hono<OpsEnv>()
  .use("*", requireRole(["regulator", "admin"]))

  .post(
    "/imports/:kind",
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: () => {
        throw new ApiError(413, "payload_too_large", "文件过大（上限 64 MB） / file too large (64 MB max)");
      },
    }),
    validate("query", importQuery),
    async (c) => {
      const kindRaw = c.req.param("kind") === "licenses" ? "permits" : c.req.param("kind");
      // A writer's name, a publication type (imports/publications), or `auto` (detected from the header).
      const publication = IMPORT_KINDS.includes(kindRaw as ImportKindName)
        ? null
        : publicationByName(kindRaw);
      if (!IMPORT_KINDS.includes(kindRaw as ImportKindName) && !publication && kindRaw !== "auto")
        throw new ApiError(
          404,
          "unknown_import",
          `没有这种导入：${kindRaw}（${[...IMPORT_KINDS, ...PUBLICATION_TYPES.map((p) => p.type), "auto"].join("、")}） / no such import kind`,
          "kind",
        );
      const q = c.req.valid("query");
      const encoding = normalizeEncoding(q.encoding);
      if (!encoding)
        throw new ApiError(
          400,
          "invalid_encoding",
          `不支持的编码 ${q.encoding}（auto、utf-8、gb18030） / unsupported encoding`,
          "encoding",
        );
      let list: ListKind | undefined;
      if (q.list) {
        const l = parseListKind(q.list);
        if (!l)
          throw new ApiError(
            400,
            "invalid_list",
            `名单类型无效：${q.list}（black、watch、red） / invalid list kind`,
            "list",
          );
        list = l;
      }
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0)
        throw new ApiError(
          400,
          "empty_body",
          "请求体应为文件内容 / the request body must be the file",
          "body",
        );
      const ct = c.req.header("content-type") ?? "";
      const deps = c.var.deps;
      const report = await runImport(
        deps.db,
        {
          kind: publication ? publication.target : (kindRaw as ImportKindName | "auto"),
          publicationType: publication?.type,
          strict: q.strict === "1" || q.strict === "true",
          sheet: q.sheet && /^\d+$/.test(q.sheet) ? Number(q.sheet) : q.sheet,
          bytes,
          fileName:
            q.fileName ?? `upload.${ct.includes("json") ? "json" : ct.includes("sheet") ? "xlsx" : "csv"}`,
          format: ct.includes("json")
            ? "json"
            : ct.includes("csv")
              ? "csv"
              : ct.includes("spreadsheetml")
                ? "xlsx"
                : undefined,
          encoding,
          dryRun: q.dryRun === "1" || q.dryRun === "true",
          actor: actorOf(c.var.principal),
          list,
          title: q.title,
          authority: q.authority,
          publishedAt: q.publishedAt,
          url: q.url,
        },
        deps.now(),
      );
      c.header("Cache-Control", "no-store");
      if (report.status !== "rejected") return c.json(report, 200);
      // The one error shape as well (issue 8), beside the full report with every row's errors.
      const first = report.errors[0];
      return c.json(
        {
          ...report,
          error: {
            code: "import_rejected",
            message: `${report.errorCount} 处错误，未写入任何数据${first ? `（第 ${first.row} 行 ${first.column ?? ""}：${first.zh}）` : ""} / ${report.errorCount} error(s); nothing was written${first ? ` (line ${first.row} ${first.column ?? ""}: ${first.en})` : ""}`,
            ...(first?.column ? { field: first.column } : {}),
          },
        },
        422,
      );
    },
  )

  .get("/imports", async (c) => {
    const rows = await c.var.deps.db.select().from(importRuns).orderBy(desc(importRuns.at)).limit(100);
    return c.json({ imports: rows });
  })

  .get("/escalations", async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json({
      today: shanghaiDate(c.var.deps.now()),
      entries: await overdueEntries(c.var.deps.db, c.var.deps.now()),
    });
  })

  .post("/entries/:id", validate("json", entryActionBody), async (c) => {
    const id = idParam(c.req.param("id"));
    const body = c.req.valid("json");
    const action: EntryAction =
      body.action === "rectified"
        ? { kind: "rectified", date: body.date }
        : body.action === "repair"
          ? { kind: "repair", documentNo: body.documentNo, date: body.date }
          : { kind: "remove", reason: body.reason, date: body.date };
    const deps = c.var.deps;
    const r = await applyEntryAction(deps.db, id, action, actorOf(c.var.principal), deps.now());
    if (!r.ok) throw new ApiError(r.status, r.code, `${r.zh} / ${r.en}`, "id", r.details);
    return c.json({ entry: r.entry });
  })

  .get("/objections", async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json({ objections: await objectionQueue(c.var.deps.db, c.var.deps.now()) });
  })

  .post("/objections/:id", validate("json", decisionBody), async (c) => {
    const { decision, text, notEntitled } = c.req.valid("json");
    return c.json(await decide(c, decision, text, notEntitled));
  })
  // The same decisions as one path each (受理 / 不予受理 / 成立 or 不成立).
  .post("/objections/:id/accept", async (c) => c.json(await decide(c, "accept", undefined)))
  .post(
    "/objections/:id/refuse",
    validate("json", z.object({ reason: decisionText, notEntitled: z.boolean().optional() })),
    async (c) => {
      const { reason, notEntitled } = c.req.valid("json");
      return c.json(await decide(c, "refuse", reason, notEntitled));
    },
  )
  .post(
    "/objections/:id/decide",
    validate("json", z.object({ outcome: z.enum(["upheld", "rejected"]), text: decisionText })),
    async (c) => {
      const { outcome, text } = c.req.valid("json");
      return c.json(await decide(c, outcome === "upheld" ? "uphold" : "reject", text));
    },
  )

  .post("/lifecycle/run", async (c) => {
    return c.json(await scheduledTick(c.var.deps));
  });

/** The dashboard: an HttpOnly session cookie holds the key after login (browsers cannot send headers). */
export const regulatorPageRoutes = new Hono<OpsEnv>()
  .get("/login", (c) => c.html(renderLogin({})))
  .post("/login", async (c) => {
    const form = await c.req.parseBody();
    const key = String(form.key ?? "").trim();
    const deps = c.var.deps;
    const auth = key ? await authenticate(deps.db, key, deps.now()) : null;
    if (!auth?.ok) return c.html(renderLogin({ error: "密钥无效或已吊销 / unknown or revoked key" }), 401);
    if (!["regulator", "admin"].includes(roleKind(auth.principal.role)))
      return c.html(
        renderLogin({
          error: `角色 ${auth.principal.role} 无权查看监管看板 / this role may not open the dashboard`,
        }),
        403,
      );
    setCookie(c, SESSION_COOKIE, key, {
      httpOnly: true,
      sameSite: "Strict",
      path: "/regulator",
      secure: new URL(c.req.url).protocol === "https:",
      maxAge: 8 * 3600,
    });
    return c.redirect("/regulator", 303);
  })
  .post("/logout", (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: "/regulator" });
    return c.redirect("/regulator/login", 303);
  })
  .get(
    "/",
    async (c, next) => {
      try {
        await requireRole(["regulator", "admin"], { cookie: true })(c, next);
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.status === 403 || e.status === 429)) {
          return c.html(renderLogin({ error: e.message }), e.status);
        }
        throw e;
      }
    },
    async (c) => {
      const deps = c.var.deps;
      const data = await loadDashboard(deps.db, deps.now());
      c.header("Cache-Control", "no-store");
      return c.html(renderDashboard(data, { demo: deps.demo, who: c.var.principal.label }));
    },
  );
