/**
 * `npm run keys:signing`: print a new Ed25519 private JWK for the Workers `SIGNING_KEY` secret.
 * Printed once to stdout and stored nowhere: pipe it straight into `wrangler secret put SIGNING_KEY`.
 */
import { generateSigningKey } from "@xinbiao/db/model";

const key = await generateSigningKey();
process.stdout.write(`${JSON.stringify(key)}\n`);
console.error(`kid ${key.kid}: keep it secret; publish nothing but /.well-known/xinbiao-keys.json`);
