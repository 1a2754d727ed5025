/**
 * What `npm start` may do to the database it opens (issue 13 item 7: pointed at an empty or missing
 * file with XINBIAO_DB, the server seeded 300 demo merchants and made a new signing key, and every real
 * merchant answered 404 under a key no relying party knew).
 *  - XINBIAO_DB unset: the embedded default (data/xinbiao.db) is a demo: seeded with demo data and
 *    given a signing key on its first start, as before.
 *  - XINBIAO_DB set: the operator's database. Never seeded unless XINBIAO_SEED_DEMO=1; an empty one
 *    starts empty and the start banner says so. Never given a key it did not ask for: without a key it
 *    refuses to sign and /healthz answers 503 missing_signing_key, until `npm run keys:rotate` stores
 *    one or the service is started once with XINBIAO_CREATE_SIGNING_KEY=1.
 *  - A database that already holds merchants but no key is an error on any path (a lost key is not
 *    silently replaced: every relying party pinned the old one) unless XINBIAO_CREATE_SIGNING_KEY=1.
 */
import type { EmbeddedOptions } from "./embedded.ts";

export interface StartPolicy {
  url: string;
  /** XINBIAO_DB was given: the operator's database, not the demo default. */
  configured: boolean;
  seed: boolean;
  signingKey: NonNullable<EmbeddedOptions["signingKey"]>;
}

export function startPolicy(env: NodeJS.ProcessEnv, defaultUrl: string): StartPolicy {
  const configured = (env.XINBIAO_DB ?? "") !== "";
  const seedDemo = env.XINBIAO_SEED_DEMO === "1";
  const createKey = env.XINBIAO_CREATE_SIGNING_KEY === "1";
  return {
    url: configured ? env.XINBIAO_DB! : defaultUrl,
    configured,
    seed: !configured || seedDemo,
    // A demo (default path, or asked for) gets its key on its first start; nothing else does.
    signingKey: createKey ? "create" : !configured || seedDemo ? "create-if-empty" : "require",
  };
}
