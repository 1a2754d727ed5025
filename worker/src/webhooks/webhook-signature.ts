/**
 * Webhook signatures: `X-Xinbiao-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
 * The timestamp inside the MAC stops replays of old deliveries (receivers reject t older than 5 min).
 * WebCrypto only, so the same code signs on Workers and Node and verifies in a partner's JS.
 */
export const SIGNATURE_HEADER = "X-Xinbiao-Signature";
export const SIGNATURE_TOLERANCE_S = 300;

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(message)));
  return [...mac].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function signWebhook(secret: string, body: string, unixSeconds: number): Promise<string> {
  return `t=${unixSeconds},v1=${await hmacHex(secret, `${unixSeconds}.${body}`)}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: "malformed" | "stale" | "mismatch" };

export async function verifyWebhook(
  secret: string,
  header: string | null | undefined,
  body: string,
  nowSeconds: number,
  toleranceS = SIGNATURE_TOLERANCE_S,
): Promise<SignatureCheck> {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header?.trim() ?? "");
  if (!m) return { ok: false, reason: "malformed" };
  const t = Number(m[1]);
  if (Math.abs(nowSeconds - t) > toleranceS) return { ok: false, reason: "stale" };
  const expected = await hmacHex(secret, `${t}.${body}`);
  let diff = 0;
  for (let i = 0; i < 64; i++) diff |= expected.charCodeAt(i) ^ m[2]!.charCodeAt(i);
  return diff === 0 ? { ok: true } : { ok: false, reason: "mismatch" };
}
