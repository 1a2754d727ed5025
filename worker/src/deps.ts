/**
 * What the app needs from its runtime. The Node entry and the Workers entry each build one.
 */
import type { Db } from "@xinbiao/db/client";
import type { KeySet, Signer } from "@xinbiao/db/model";

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
}

export type AppEnv = { Variables: { deps: AppDeps; baseUrl: string } };
