/**
 * What the app needs from its runtime. The Node entry and the Workers entry each build one.
 */
import type { Db } from "@xinbiao/db/client";
import type { KeySet, Signer } from "@xinbiao/db/model";
import type { DbWatch } from "./lib/db-failure.ts";
import type { HostResolver } from "./net/outbound.ts";

export interface AppDeps {
  db: Db;
  signer: Signer;
  /** Public keys valid for verification now (two during a rotation). */
  keySet: () => Promise<KeySet>;
  /** Absolute base URL used in record links; when unset, the request's origin. */
  publicBaseUrl?: string | undefined;
  /** Demo instance: pages show a "演示数据 / demo data" banner. */
  demo: boolean;
  /** Injected clock so lifecycle rules can be tested. */
  now: () => Date;
  /** Called for each request when set (the Node entry logs them; tests read them). */
  requestLog?: ((line: { method: string; path: string; status: number; ms: number }) => void) | undefined;
  /**
   * Local-development opt-in for outbound requests (webhooks) to http and loopback/private addresses
   * (net/outbound.ts). Default false; the Node entry sets it from XINBIAO_DEV_ALLOW_LOCAL_OUTBOUND=1.
   */
  allowLocalOutbound?: boolean | undefined;
  /** Host-name resolver for outbound checks; tests inject one, default the runtime's DNS. */
  resolveHost?: HostResolver | undefined;
  /** The Node entry's watcher of its database file (node/db-health.ts); /healthz and middleware/db-gate.ts read it. */
  dbHealth?: DbWatch | undefined;
  /** Set when this service cannot sign records (node/embedded.ts: no signing key in a configured database). */
  signingProblem?: { code: "missing_signing_key"; message: string } | undefined;
}

export type AppEnv = { Variables: { deps: AppDeps; baseUrl: string } };
