/**
 * `npm run audit:verify -- <audit out dir | manifest.json …> [--trust <key file or public PEM>]`:
 * checks every evidence manifest — its Ed25519 signature, that it was signed by the trusted auditor key
 * (when --trust is given), every artefact's SHA-256, and the registry envelope it used. Exit 0 only
 * when everything verifies; each problem names the file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { verifyManifestFile } from "./evidence-manifest.ts";

const USAGE =
  "用法 usage: npm run audit:verify -- <输出目录 out dir | *.manifest.json …> [--trust <密钥文件或公钥 key file or public key PEM>]";

async function main(): Promise<number> {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: { trust: { type: "string" }; help: { type: "boolean"; short: "h" } };
      allowPositionals: true;
    }>
  >;
  try {
    parsed = parseArgs({
      options: { trust: { type: "string" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
    });
  } catch (e) {
    console.error(`参数错误 / bad option: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help || !parsed.positionals.length) {
    console.log(USAGE);
    return parsed.values.help ? 0 : 2;
  }
  let trusted: string | null = null;
  if (parsed.values.trust) {
    const t = readFileSync(parsed.values.trust, "utf8");
    trusted =
      t.includes("BEGIN PUBLIC KEY") && !t.trim().startsWith("{")
        ? t
        : (JSON.parse(t) as { publicKeyPem: string }).publicKeyPem;
  }
  const files: string[] = [];
  for (const p of parsed.positionals) {
    if (!existsSync(p)) {
      console.error(`不存在 / not found: ${p}`);
      return 2;
    }
    if (statSync(p).isDirectory()) {
      const ev = join(p, "evidence");
      for (const f of existsSync(ev) ? readdirSync(ev) : [])
        if (f.endsWith(".manifest.json")) files.push(join(ev, f));
    } else files.push(p);
  }
  if (!files.length) {
    console.error("没有找到证据清单 / no evidence manifests found");
    return 2;
  }
  let bad = 0;
  for (const f of files.sort()) {
    const r = await verifyManifestFile(f, trusted);
    if (r.ok) console.log(`✓ ${f} · ${r.evidenceId} · ${r.manifest?.url}`);
    else {
      bad++;
      for (const p of r.problems) console.error(`✗ ${f}: ${p.file}: ${p.zh} / ${p.en}`);
    }
  }
  console.log(
    `已校验 ${files.length} 份清单，${bad} 份有问题 / verified ${files.length} manifests, ${bad} with problems`,
  );
  return bad ? 1 : 0;
}

main().then((c) => process.exit(c));
