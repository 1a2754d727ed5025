/**
 * `npm run audit:keygen -- --out <file> [--label <name>]`: makes the auditor's Ed25519 key file (mode
 * 0600) that signs evidence manifests (`npm run audit -- … --key <file>`). Prints the key id and the
 * public key, which the regulator keeps to verify evidence with `npm run audit:verify -- --trust`.
 */
import { parseArgs } from "node:util";
import { createAuditorKey } from "./evidence-manifest.ts";

const USAGE = "用法 usage: npm run audit:keygen -- --out <密钥文件 key file> [--label <审计员 name>]";

function main(): number {
  let v: { out?: string; label?: string; help?: boolean };
  try {
    v = parseArgs({
      options: { out: { type: "string" }, label: { type: "string" }, help: { type: "boolean", short: "h" } },
    }).values;
  } catch (e) {
    console.error(`参数错误 / bad option: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (v.help) {
    console.log(USAGE);
    return 0;
  }
  if (!v.out) {
    console.error(`缺少 --out <文件> / --out <file> is required\n${USAGE}`);
    return 2;
  }
  try {
    const k = createAuditorKey(v.out, v.label ?? "auditor");
    console.log(
      `已生成审计员密钥 / auditor key written: ${v.out} (0600)\nkeyId ${k.keyId}\n${k.publicKeyPem}`,
    );
    return 0;
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
}

process.exit(main());
