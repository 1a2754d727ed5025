/**
 * createApp: the one Hono app behind both entries (Node and Workers). Routes are split by area with
 * app.route(); errors leave in one JSON shape; GET responses carry ETags (304 on a match) and HEAD works.
 */
import { Hono } from "hono";
import { etag } from "hono/etag";
import { useCheckpointSigner } from "./audit-log/checkpoint.ts";
import { monthlyReportRoutes } from "./dashboard/monthly-report.routes.ts";
import type { AppDeps, AppEnv } from "./deps.ts";
import { handleError, notFound } from "./lib/errors.ts";
import { dbGate } from "./middleware/db-gate.ts";
import { htmlDefaults } from "./middleware/html-defaults.ts";
import { keyLockout } from "./middleware/key-lockout.ts";
import { lastGood } from "./middleware/last-good.ts";
import { sha1Digest } from "./middleware/public-body.ts";
import { publicCors } from "./middleware/public-cors.ts";
import { writeBodyLimit } from "./middleware/write-body-limit.ts";
import { adminRoutes } from "./routes/admin.routes.ts";
import { apiRoutes } from "./routes/api.routes.ts";
import { auditRoutes } from "./routes/audit.routes.ts";
import { auditLogRoutes } from "./routes/audit-log.routes.ts";
import { auditResultsRoutes } from "./routes/audit-results.routes.ts";
import { badgeRoutes } from "./routes/badge.routes.ts";
import { embedRoutes } from "./routes/embed.routes.ts";
import { matchReportRoutes } from "./routes/match-reports.routes.ts";
import { metaRoutes } from "./routes/meta.routes.ts";
import { objectionApiRoutes, objectionPageRoutes } from "./routes/objections.routes.ts";
import { htmlNotFound, pagesRoutes } from "./routes/pages.routes.ts";
import { partnerRoutes } from "./routes/partner.routes.ts";
import { regulatorPageRoutes, regulatorRoutes } from "./routes/regulator.routes.ts";
import { rulesRoutes } from "./routes/rules.routes.ts";

export type { AppDeps } from "./deps.ts";

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  // Audit checkpoints written through this app's database are signed with its key (on Workers the
  // key is a secret, not in the database): audit-log/checkpoint.ts.
  useCheckpointSigner(deps.db, deps.signer);

  app.use("*", async (c, next) => {
    const started = performance.now();
    c.set("deps", deps);
    c.set("baseUrl", deps.publicBaseUrl ?? new URL(c.req.url).origin);
    await next();
    // On the response's own headers, not c.header(): after the route that would copy the response
    // (see middleware/public-cors.ts).
    c.res.headers.set("X-Content-Type-Options", "nosniff");
    c.res.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
    deps.requestLog?.({
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  app.use("*", htmlDefaults());
  // Public reads are open to every origin (the extension and partner pages call them).
  app.use("/api/v1/*", publicCors(["GET", "HEAD", "OPTIONS"], 86400));
  app.use("/.well-known/*", publicCors(["GET", "HEAD"]));
  // Repeated bad keys lock the client out (issue 8); only requests that present a key are counted.
  const lockout = keyLockout();
  app.use("/api/v1/*", lockout);
  app.use("/regulator/*", lockout);
  app.use("*", writeBodyLimit());
  // A database file known bad answers nothing but stale-marked copies, 503 and /healthz (issue 13).
  const kept = lastGood();
  app.use("*", dbGate(kept));
  // Data operations (issue 5): keyed, private, never cached. Mounted before lastGood/etag so a private
  // answer is never kept in memory and replayed to another caller when the database fails.
  app.route("/api/v1/partner", partnerRoutes);
  app.route("/api/v1/regulator", regulatorRoutes);
  app.route("/api/v1/admin", adminRoutes);
  app.route("/api/v1/audit", auditRoutes);
  app.route("/api/v1/audit/results", auditResultsRoutes);
  app.route("/api/v1/objections", objectionApiRoutes);
  // User-confirmed reports of a wrong or missed shop match (issue 14): private, never cached.
  app.route("/api/v1/match-reports", matchReportRoutes);
  app.route("/objections", objectionPageRoutes);
  app.route("/regulator", regulatorPageRoutes);
  // The regulator's 月报 (issue 16; 赣信用办〔2018〕26号): HTML with charts and CSV.
  app.route("/regulator", monthlyReportRoutes);
  // The audit log's signed checkpoint (issue 13 item 5): never a stale copy from last-good.
  app.route("/", auditLogRoutes);
  // Inside the request log, outside ETag: a stale fallback is never turned into a 304.
  app.use("*", kept);
  // Routes that know their body set the ETag themselves (public-body.ts); for the rest the same
  // SHA-1, computed synchronously.
  app.use("*", etag({ generateDigest: sha1Digest }));

  app.route("/", metaRoutes);
  app.route("/api/v1", apiRoutes);
  // Signed detection rules for the extension (issue 14).
  app.route("/api/v1/rules", rulesRoutes);
  app.route("/badge", badgeRoutes);
  app.route("/", embedRoutes);
  app.route("/", pagesRoutes);

  // A person's browser gets the HTML 404 page with the search box; API clients the JSON error shape.
  app.notFound((c) =>
    !c.req.path.startsWith("/api/") && (c.req.header("accept") ?? "").includes("text/html")
      ? htmlNotFound(c)
      : notFound(c),
  );
  app.onError(handleError);
  return app;
}

export type App = ReturnType<typeof createApp>;
