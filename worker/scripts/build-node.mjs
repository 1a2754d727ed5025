/**
 * Bundle the Node entry (worker/src/node.ts and the @xinbiao/db sources it imports) into one ES module,
 * worker/dist/node.mjs, so `npm start` runs plain JavaScript: no TypeScript loader in the serving
 * process. The loader (tsx) and its per-module transforms held about 60 MB of the server's resident
 * memory at 1M merchants (bench/history.md; issue 7 goal: 256 MB). Packages stay external (resolved
 * from node_modules as usual). Each bundled file keeps its own `import.meta.url`, so paths it resolves
 * next to itself (db/migrations, the repo's data/ folder) are the same as when run from source.
 * Usage: node worker/scripts/build-node.mjs   (takes well under a second)
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const WORKER = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = join(WORKER, "..");
const pkg = (p) => JSON.parse(readFileSync(join(ROOT, p, "package.json"), "utf8"));
const external = [
  ...Object.keys(pkg("worker").dependencies ?? {}),
  ...Object.keys(pkg("db").dependencies ?? {}),
].flatMap((name) => [name, `${name}/*`]);

/** Replace `import.meta.url` in our own sources with the source file's URL. */
const ownImportMetaUrl = {
  name: "own-import-meta-url",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes("node_modules")) return undefined;
      const src = readFileSync(args.path, "utf8");
      return {
        contents: src.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
        loader: "ts",
      };
    });
  },
};

/**
 * A package's JSON data (`chinese-days/dist/chinese-days.json`) is bundled, not left external: esbuild
 * drops the `with { type: "json" }` attribute from external imports and Node 20 refuses a JSON import
 * without it (ERR_IMPORT_ASSERTION_TYPE_MISSING), so `npm start` failed at startup.
 */
const bundleJson = {
  name: "bundle-package-json",
  setup(b) {
    b.onResolve({ filter: /\.json$/ }, (args) =>
      args.path.startsWith(".") || args.path.startsWith("/")
        ? undefined
        : { path: createRequire(args.importer).resolve(args.path) },
    );
  },
};

// Written beside the target and renamed into place: test harnesses start `npm start` in parallel, and
// a process must never load a half-written bundle.
const result = await build({
  entryPoints: [join(WORKER, "src/node.ts")],
  outfile: join(WORKER, "dist/node.mjs"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  external,
  plugins: [ownImportMetaUrl, bundleJson],
  sourcemap: "linked",
  logLevel: "warning",
  banner: { js: "// Built by worker/scripts/build-node.mjs from worker/src/node.ts — do not edit." },
  write: false,
});
mkdirSync(join(WORKER, "dist"), { recursive: true });
for (const file of result.outputFiles) {
  const tmp = `${file.path}.${process.pid}.tmp`;
  writeFileSync(tmp, file.contents);
  renameSync(tmp, file.path);
}
