/**
 * Workers entry: the same app as a Cloudflare Worker. Database from a D1 binding `DB`, or a libSQL
 * remote (Turso) from `LIBSQL_URL` + `LIBSQL_AUTH_TOKEN`; the private signing key from the
 * `SIGNING_KEY` secret. Migrations are applied out of band (`wrangler d1 migrations apply`), never here.
 */
import { type DbEnv, dbFromEnv } from "@xinbiao/db/client";
import { createSigner } from "@xinbiao/db/model";
import { createApp } from "./app.ts";
import { parsePrivateJwk, publishedKeySet } from "./keys.ts";
import { scheduled } from "./lifecycle/scheduled.ts";

export interface WorkerEnv extends DbEnv {
  SIGNING_KEY: string;
  PUBLIC_BASE_URL?: string;
  DEMO?: string;
}

let cached: { env: WorkerEnv; app: ReturnType<typeof createApp> } | undefined;

async function appFor(env: WorkerEnv) {
  if (cached && cached.env === env) return cached.app;
  if (!env.SIGNING_KEY) throw new Error("SIGNING_KEY secret is not set (an Ed25519 private JWK)");
  const key = parsePrivateJwk(env.SIGNING_KEY);
  const db = dbFromEnv(env);
  const app = createApp({
    db,
    signer: await createSigner(key),
    keySet: () => publishedKeySet(db, key),
    publicBaseUrl: env.PUBLIC_BASE_URL || undefined,
    demo: env.DEMO === "1",
    now: () => new Date(),
  });
  cached = { env, app };
  return app;
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const app = await appFor(env);
    return app.fetch(request, env, ctx);
  },
  // Cron trigger (wrangler.toml [triggers]): list lifecycle, then webhook deliveries.
  scheduled,
} satisfies ExportedHandler<WorkerEnv>;
