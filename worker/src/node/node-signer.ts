/**
 * The Node entry's signer: the same Ed25519 key and the same canonical bytes as db/model's WebCrypto
 * signer, signed with node:crypto's synchronous `sign`. WebCrypto's `subtle.sign` is a job on the
 * libuv thread pool and a promise per record; on a record miss that hop cost more than the signature
 * (bench/history.md). Ed25519 is deterministic, so both signers give byte-identical signatures
 * (node-signer.test.ts holds them equal).
 */
import { createPrivateKey, sign } from "node:crypto";
import { canonicalJson, type PrivateJwk, type Signer } from "@xinbiao/db/model";

export function createNodeSigner(key: PrivateJwk): Signer {
  const privateKey = createPrivateKey({
    key: { kty: "OKP", crv: "Ed25519", x: key.x, d: key.d },
    format: "jwk",
  });
  return {
    keyId: key.kid,
    async sign(payload: unknown) {
      return sign(null, Buffer.from(canonicalJson(payload), "utf8"), privateKey).toString("base64url");
    },
  };
}
