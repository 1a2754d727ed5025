/**
 * Supply chain (issue 8 item 6): every dependency of every package.json is pinned to an exact version,
 * the lockfile pins every installed package by integrity hash, and the extension asks for the least
 * it needs — `storage`, the service's own origin, content scripts on the partner platforms only.
 * (`npm audit` findings are recorded in SECURITY.md.)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../node/embedded.ts";

const PACKAGES = ["package.json", "db/package.json", "worker/package.json", "extension/package.json"];
const SECTIONS = ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"] as const;
/** An exact version: no range, tag, URL or workspace wildcard. */
const EXACT = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

const json = (p: string) => JSON.parse(readFileSync(join(REPO_ROOT, p), "utf8"));

describe("dependencies pinned", () => {
  it.each(PACKAGES)("%s: every dependency is an exact version", (file) => {
    const pkg = json(file) as Record<string, Record<string, string> | undefined>;
    const loose: string[] = [];
    for (const section of SECTIONS)
      for (const [name, spec] of Object.entries(pkg[section] ?? {}))
        if (!EXACT.test(spec)) loose.push(`${section}.${name}: ${spec}`);
    expect(loose).toEqual([]);
  });

  it("the lockfile pins every installed package with a sha512 integrity hash", () => {
    const lock = json("package-lock.json") as {
      lockfileVersion: number;
      packages: Record<string, { integrity?: string; link?: boolean }>;
    };
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(3);
    const installed = Object.entries(lock.packages).filter(
      ([k, v]) => k.includes("node_modules/") && !v.link,
    );
    expect(installed.length).toBeGreaterThan(100);
    const unpinned = installed.filter(([, v]) => !/^sha512-/.test(v.integrity ?? "")).map(([k]) => k);
    expect(unpinned).toEqual([]);
  });
});

describe("extension permissions minimal", () => {
  it.each(["chrome", "firefox"])(
    "%s manifest: storage, the service origin, the platforms — nothing more",
    async (browser) => {
      // Evaluate the real wxt.config.ts manifest (what `wxt build` writes), not a copy of it.
      const configPath = join(REPO_ROOT, "extension", "wxt.config.ts");
      const config = (await import(/* @vite-ignore */ configPath)).default as {
        manifest: (env: {
          browser: string;
          manifestVersion: number;
          mode: string;
          command: string;
        }) => Record<string, unknown>;
      };
      const m = config.manifest({
        browser,
        manifestVersion: browser === "firefox" ? 2 : 3,
        mode: "production",
        command: "build",
      });
      expect(m.permissions).toEqual(["storage"]);
      // The service and a local one; every other origin only when the person sets it in the options.
      const hosts = m.host_permissions as string[];
      for (const h of hosts)
        expect(h).toMatch(/^(https:\/\/xinbiao\.example|http:\/\/127\.0\.0\.1|http:\/\/localhost)\/\*$/);
      const optional = [
        ...((m.optional_host_permissions as string[]) ?? []),
        ...((m.optional_permissions as string[]) ?? []),
      ];
      for (const p of optional) expect(["http://*/*", "https://*/*"]).toContain(p);
      const text = JSON.stringify(m);
      for (const risky of [
        "<all_urls>",
        "tabs",
        "webRequest",
        "cookies",
        "history",
        "scripting",
        "declarativeNetRequest",
        "externally_connectable",
        "unsafe-eval",
        "nativeMessaging",
        "clipboardRead",
        "geolocation",
      ])
        expect(text, risky).not.toContain(`"${risky}`);
      // The content script runs on the partner platforms only — JD's own cross-border (jd.hk) and
      // pharmacy (yiyaojd.com) item hosts are JD shops too (extension/adapters/jd fixtures) (its matches are checked at build time
      // against utils/hosts.ts by the config's own hook).
      const { CONTENT_MATCHES } = (await import(
        /* @vite-ignore */ join(REPO_ROOT, "extension", "utils", "hosts.ts")
      )) as { CONTENT_MATCHES: string[] };
      for (const match of CONTENT_MATCHES)
        expect(match).toMatch(
          /^\*:\/\/\*\.(taobao\.com|tmall\.com|tmall\.hk|jd\.com|jd\.hk|yiyaojd\.com|pinduoduo\.com|yangkeduo\.com|1688\.com)\/\*$/,
        );
    },
  );
});
