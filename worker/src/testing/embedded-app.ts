/**
 * Test helper: a real libSQL file in a fresh temp dir, migrated and seeded, behind createApp.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../app.ts";
import { type Embedded, type EmbeddedOptions, openEmbedded } from "../node/embedded.ts";

export const TEST_NOW = new Date("2026-11-22T04:00:00.000Z");
export const TEST_BASE_URL = "https://xinbiao.test";

export interface TestApp extends Embedded {
  app: ReturnType<typeof createApp>;
  dir: string;
  url: string;
  requests: { method: string; path: string; status: number }[];
  cleanup(): void;
}

export async function openTestApp(opts: EmbeddedOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), "xinbiao-test-"));
  const url = `file:${join(dir, "test.db")}`;
  const requests: TestApp["requests"] = [];
  const clock = opts.now ?? (() => TEST_NOW);
  const embedded = await openEmbedded({
    url,
    demoMerchants: 120,
    now: clock,
    publicBaseUrl: TEST_BASE_URL,
    requestLog: (l) => requests.push(l),
    ...opts,
  });
  const app = createApp(embedded.deps);
  return {
    ...embedded,
    app,
    dir,
    url,
    requests,
    cleanup() {
      embedded.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
