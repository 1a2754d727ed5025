/**
 * Test setup for the public-face tests: a real libSQL file in a temp dir (never a mock), migrated and
 * seeded with the demo anchors at a fixed clock, and the app over it. Each test file opens its own.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../app.ts";
import { type Embedded, openEmbedded } from "../node/embedded.ts";

/** A fixed "now" so snapshots and lifecycle states do not drift. */
export const TEST_NOW = new Date("2026-11-22T04:00:00.000Z");
export const TEST_BASE = "https://xinbiao.test";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  embedded: Embedded;
  dir: string;
  close(): void;
}

export async function openTestApp(
  opts: { publicBaseUrl?: string; merchants?: number } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), "xinbiao-face-"));
  const embedded = await openEmbedded({
    url: `file:${join(dir, "test.db")}`,
    demoMerchants: opts.merchants ?? 20,
    now: () => TEST_NOW,
    publicBaseUrl: opts.publicBaseUrl ?? TEST_BASE,
  });
  const app = createApp(embedded.deps);
  return {
    app,
    embedded,
    dir,
    close() {
      embedded.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
