/**
 * npm run keys:rotate                      start a rotation: new signing key, published with the old ones
 * npm run keys:rotate -- --external        the same, but print the private JWK (Workers `SIGNING_KEY`)
 *                                          instead of storing it: pipe into `wrangler secret put SIGNING_KEY`
 * npm run keys:rotate -- --list            the keys, their age and state (never a private half)
 * npm run keys:rotate -- --retire <kid>    end a rotation, ≥ 24 h after it began (or --force)
 * Options: --db <url> (default: XINBIAO_DB or data/xinbiao.db), --actor <name>, --json.
 * A running `npm start` publishes the new key at once and signs with it after a restart.
 */
import { parseArgs } from "node:util";
import { cliActor, openCliDb } from "./cli/cli-db.ts";
import { listSigningKeys, retireSigningKey, rotateSigningKey } from "./keys.ts";

const USAGE = `用法 / usage:
  npm run keys:rotate [-- --external]
  npm run keys:rotate -- --list
  npm run keys:rotate -- --retire <kid> [--force]
  选项 / options: --db <url>  --actor <name>  --json`;

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return 2;
  }
  const { values } = parsed;
  const h = await openCliDb(values.db);
  try {
    const now = new Date();
    const actor = cliActor(values.actor);
    if (values.list) {
      const keys = await listSigningKeys(h.db);
      if (values.json) console.log(JSON.stringify(keys));
      else console.table(keys.map((k) => ({ ...k, retiredAt: k.retiredAt ?? "" })));
      return 0;
    }
    if (values.retire !== undefined) {
      const r = await retireSigningKey(h.db, values.retire, now, { actor, force: values.force ?? false });
      if (!r.ok) {
        console.error(r.message);
        return 1;
      }
      console.log(values.json ? JSON.stringify(r) : `已停用 / retired ${r.kid} at ${r.retiredAt}`);
      return 0;
    }
    const r = await rotateSigningKey(h.db, now, { actor, external: values.external ?? false });
    if (values.json && !r.privateJwk) {
      console.log(JSON.stringify({ kid: r.kid, published: r.published }));
    } else {
      console.error(
        [
          `新签名密钥 / new signing key: ${r.kid}`,
          `正在发布 / now published: ${r.published.join(", ")}`,
          r.privateJwk
            ? "私钥只打印这一次（stdout），请直接传给 wrangler secret put SIGNING_KEY / the private JWK is printed once on stdout: pipe it to wrangler secret put SIGNING_KEY"
            : "重启服务后用新密钥签名；24 小时后用 --retire 停用旧密钥 / restart to sign with it; retire the old key with --retire after 24 h",
        ].join("\n"),
      );
    }
    // stdout carries only the secret, so `… | wrangler secret put SIGNING_KEY` gets nothing else.
    if (r.privateJwk) process.stdout.write(`${JSON.stringify(r.privateJwk)}\n`);
    return 0;
  } finally {
    h.close();
  }
}

function parse() {
  return parseArgs({
    allowPositionals: false,
    options: {
      list: { type: "boolean" },
      retire: { type: "string" },
      force: { type: "boolean" },
      external: { type: "boolean" },
      db: { type: "string" },
      actor: { type: "string" },
      json: { type: "boolean" },
    },
  });
}

process.exitCode = await main();
