/**
 * npm run keys -- create --role regulator --label "江西省信用办" [--rate-limit 600]
 * npm run keys -- list
 * npm run keys -- revoke <id>
 * Options: --db <url> (default: XINBIAO_DB or data/xinbiao.db), --actor <name>.
 */
import { parseArgs } from "node:util";
import { createApiKey, listApiKeys, revokeApiKey } from "../auth/api-keys.ts";
import { parseRole } from "../auth/roles.ts";
import { cliActor, openCliDb } from "./cli-db.ts";

const USAGE = `用法 / usage:
  npm run keys -- create --role <platform:<id>|regulator|auditor|admin> --label <说明> [--rate-limit <每分钟>]
  npm run keys -- list
  npm run keys -- revoke <id>
  选项 / options: --db <url>  --actor <name>`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: "string" },
      label: { type: "string" },
      "rate-limit": { type: "string" },
      db: { type: "string" },
      actor: { type: "string" },
      json: { type: "boolean" },
    },
  });
  const [cmd, arg] = positionals;
  if (!cmd || !["create", "list", "revoke"].includes(cmd)) {
    console.error(USAGE);
    return 2;
  }
  const h = await openCliDb(values.db);
  try {
    const now = new Date();
    const actor = cliActor(values.actor);
    if (cmd === "create") {
      const role = parseRole(values.role ?? "");
      if (!role.ok) {
        console.error(`角色无效 / invalid role: ${role.zh} / ${role.en}\n\n${USAGE}`);
        return 2;
      }
      const rate = values["rate-limit"] ? Number(values["rate-limit"]) : null;
      if (rate !== null && (!Number.isInteger(rate) || rate < 1)) {
        console.error("--rate-limit 应为正整数 / --rate-limit must be a positive integer");
        return 2;
      }
      const k = await createApiKey(
        h.db,
        { role: role.role, label: values.label ?? role.role, rateLimitPerMinute: rate },
        actor,
        now,
      );
      if (values.json) console.log(JSON.stringify(k));
      else
        console.log(
          [
            `已创建密钥 / key created: ${k.id}  角色 / role: ${k.role}  说明 / label: ${k.label}`,
            "",
            `  ${k.key}`,
            "",
            "密钥只显示这一次，服务端只保存其 SHA-256。/ The key is shown only this once; only its SHA-256 is stored.",
            `用法 / use: Authorization: Bearer ${k.key.slice(0, 24)}…`,
          ].join("\n"),
        );
      return 0;
    }
    if (cmd === "list") {
      const keys = await listApiKeys(h.db);
      if (values.json) console.log(JSON.stringify(keys));
      else
        console.table(
          keys.map((k) => ({
            id: k.id,
            role: k.role,
            label: k.label,
            created: k.createdAt,
            revoked: k.revokedAt ?? "",
            lastUsed: k.lastUsedAt ?? "",
            ratePerMin: k.rateLimitPerMinute ?? "default",
          })),
        );
      return 0;
    }
    if (!arg) {
      console.error(`缺少密钥编号 / missing key id\n\n${USAGE}`);
      return 2;
    }
    const r = await revokeApiKey(h.db, arg, actor, now);
    if (!r.ok) {
      console.error(
        r.code === "not_found" ? `没有这个密钥 / no key ${arg}` : `密钥 ${arg} 早已吊销 / already revoked`,
      );
      return 1;
    }
    console.log(`已吊销 / revoked: ${arg} at ${r.revokedAt}`);
    return 0;
  } finally {
    h.close();
  }
}

process.exitCode = await main();
