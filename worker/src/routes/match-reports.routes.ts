/**
 * Match reports (issue 14): "报告识别错误或遗漏 / report a wrong or missed match" from the extension's
 * popup, sent only after the person saw and confirmed exactly the body (extension/components/
 * shop-report.tsx). Stored for the team that maintains the detection rules; never published.
 *
 *   POST /api/v1/match-reports        anyone (the extension): { kind, platform, rulesVersion,
 *                                     extensionVersion, pageUrl? } → 201 { id }
 *   GET  /api/v1/match-reports        admin key: the newest reports, for the rules team
 *
 * Privacy (PIPL §6, the minimum): the body is strict — no other field is accepted; the page URL must
 * be a page of a supported platform and any personal data in it (a phone number in a query) is masked
 * before storage; no IP address is stored: the client address is used only in memory, for the rate
 * limit. Reports older than RETENTION_DAYS are deleted.
 */
import { guardPublicText, isPlatform, PLATFORMS } from "@xinbiao/db/model";
import { matchReports } from "@xinbiao/db/schema";
import { desc, lt } from "drizzle-orm";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { OpsEnv } from "../auth/ops-env.ts";
import { limiterFor } from "../auth/rate-limit.ts";
import { requireRole } from "../auth/require-role.ts";
import { ApiError } from "../lib/errors.ts";
import { validate } from "../lib/validate.ts";

/** Per client address and minute; and for the whole instance, so a botnet cannot fill the table. */
export const REPORTS_PER_CLIENT_PER_MINUTE = 5;
export const REPORTS_PER_INSTANCE_PER_MINUTE = 120;
export const RETENTION_DAYS = 180;

/** The platforms' registrable domains: a reported page must be on one of them. */
const PLATFORM_DOMAINS = [
  "taobao.com",
  "tmall.com",
  "tmall.hk",
  "tb.cn",
  "jd.com",
  "jd.hk",
  "yiyaojd.com",
  "yangkeduo.com",
  "pinduoduo.com",
  "1688.com",
];

function onPlatformDomain(host: string): boolean {
  const h = host.toLowerCase();
  return PLATFORM_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`));
}

const pageUrl = z
  .string()
  .max(2000, "页面地址过长（最多 2000 字符） / pageUrl too long (at most 2000 characters)")
  .superRefine((v, ctx) => {
    let u: URL;
    try {
      u = new URL(v);
    } catch {
      ctx.addIssue({ code: "custom", message: "页面地址不是合法网址 / pageUrl is not a URL" });
      return;
    }
    if (u.protocol !== "https:" && u.protocol !== "http:")
      ctx.addIssue({ code: "custom", message: "页面地址应为 http(s) / pageUrl must be http(s)" });
    else if (!onPlatformDomain(u.hostname))
      ctx.addIssue({
        code: "custom",
        message: `页面地址不在受支持的平台上（${u.hostname}） / pageUrl is not on a supported platform (${u.hostname})`,
      });
    else if (u.username || u.password)
      ctx.addIssue({
        code: "custom",
        message: "页面地址不得含账号密码 / pageUrl must not carry credentials",
      });
  });

const reportBody = z
  .object({
    kind: z.enum(["missed", "wrong"], {
      message: "kind 应为 missed（未识别）或 wrong（识别错误） / kind must be missed or wrong",
    }),
    platform: z.string().refine(isPlatform, {
      message: `不支持的平台，支持：${PLATFORMS.join("、")} / unsupported platform; supported: ${PLATFORMS.join(", ")}`,
    }),
    rulesVersion: z
      .string()
      .regex(/^[\w.:+-]{1,64}$/, "规则版本格式无效 / rulesVersion: 1–64 letters, digits, _ . : + -"),
    extensionVersion: z
      .string()
      .regex(/^\d{1,5}(\.\d{1,5}){0,3}$/, "扩展版本格式无效 / extensionVersion: like 1.2.3"),
    pageUrl: pageUrl.optional(),
  })
  // Nothing but these fields is stored: an extra field is refused, not silently dropped.
  .strict();

const small = bodyLimit({
  maxSize: 8 * 1024,
  onError: () => {
    throw new ApiError(413, "payload_too_large", "请求体过大 / body too large");
  },
});

/** base32 (RFC 4648 alphabet, lower case) of 10 random bytes: a reference, not a secret. */
function newReportId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `mr_${out}`;
}

/** The client's address as the edge reports it, for the in-memory rate limit only (never stored). */
function clientKey(c: { req: { header(name: string): string | undefined } }): string {
  return (
    c.req.header("cf-connecting-ip") ??
    c.req.header("x-forwarded-for")?.split(",")[0]?.trim() ??
    c.req.header("x-real-ip") ??
    "direct"
  );
}

const reportLimiterOwner = new WeakMap<object, object>();
/** A limiter of its own per app instance: report windows never eat into an API key's budget. */
function reportLimiter(deps: object) {
  let owner = reportLimiterOwner.get(deps);
  if (!owner) {
    owner = {};
    reportLimiterOwner.set(deps, owner);
  }
  return limiterFor(owner);
}

export const matchReportRoutes = new Hono<OpsEnv>()
  .post("/", small, validate("json", reportBody), async (c) => {
    const deps = c.var.deps;
    const now = deps.now();
    const limiter = reportLimiter(deps);
    for (const [key, limit] of [
      [`client:${clientKey(c)}`, REPORTS_PER_CLIENT_PER_MINUTE],
      ["instance", REPORTS_PER_INSTANCE_PER_MINUTE],
    ] as const) {
      const d = limiter.hit(key, limit, now.getTime());
      if (!d.allowed) {
        c.header("Retry-After", String(d.retryAfter));
        throw new ApiError(
          429,
          "rate_limited",
          `报告过于频繁，请 ${d.retryAfter} 秒后再试 / too many reports, try again in ${d.retryAfter} s`,
        );
      }
    }
    const body = c.req.valid("json");
    const id = newReportId();
    await deps.db.insert(matchReports).values({
      id,
      receivedAt: now.toISOString(),
      kind: body.kind,
      platform: body.platform,
      rulesVersion: body.rulesVersion,
      extensionVersion: body.extensionVersion,
      // A phone or ID number in a query string is masked before it is stored (db/model/pii-guard.ts).
      pageUrl: body.pageUrl ? guardPublicText(body.pageUrl) : null,
    });
    const cutoff = new Date(now.getTime() - RETENTION_DAYS * 86_400_000).toISOString();
    await deps.db.delete(matchReports).where(lt(matchReports.receivedAt, cutoff));
    c.header("Cache-Control", "no-store");
    return c.json({ id }, 201);
  })

  .get(
    "/",
    requireRole(["admin"]),
    validate("query", z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) })),
    async (c) => {
      const { limit } = c.req.valid("query");
      const rows = await c.var.deps.db
        .select()
        .from(matchReports)
        .orderBy(desc(matchReports.receivedAt))
        .limit(limit)
        .all();
      c.header("Cache-Control", "no-store");
      return c.json({ reports: rows });
    },
  );
