/** Machine and versions for the results header. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";

function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "n/a";
  }
}
function pkgVersion(root: string, name: string): string {
  try {
    return JSON.parse(readFileSync(`${root}node_modules/${name}/package.json`, "utf8")).version;
  } catch {
    return "n/a";
  }
}

export function machineInfo(root: string) {
  return {
    cpu: os.cpus()[0]?.model ?? "n/a",
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
    gitCommit: sh("git", ["-C", root, "rev-parse", "--short", "HEAD"]),
    gitDirty: sh("git", ["-C", root, "status", "--porcelain", "--untracked-files=no"]).length > 0,
    versions: {
      node: process.version,
      npm: sh("npm", ["--version"]),
      hono: pkgVersion(root, "hono"),
      "@hono/node-server": pkgVersion(root, "@hono/node-server"),
      "@libsql/client": pkgVersion(root, "@libsql/client"),
      "drizzle-orm": pkgVersion(root, "drizzle-orm"),
      autocannon: pkgVersion(root, "autocannon"),
      "badge-maker": pkgVersion(root, "badge-maker"),
      wrangler: pkgVersion(root, "wrangler"),
      chromium: sh("/usr/bin/chromium", ["--version"]),
    },
  };
}
