/**
 * The evidence manifest of one audited page (issue 16: evidence that stands up to a challenge): what
 * was loaded (URL, final URL, time), by what (tool version, Chromium version, settings, host
 * remapping), against what (the signed registry envelope and the key set it was verified with), and
 * every artefact with its SHA-256. The manifest is signed with the auditor's Ed25519 key (RFC 8032)
 * over its RFC 8785 canonical JSON; `npm run audit:verify` re-hashes every artefact and checks the
 * signature. The evidence id is the first 20 hex digits of the signed manifest's SHA-256.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
} from "node:crypto";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { canonicalJson, type KeySet, type SignedEnvelope, verifyEnvelope } from "@xinbiao/db/model";
import type { Artefact } from "./browser-runner.ts";

export const TOOL = "xinbiao-audit";
export const TOOL_VERSION = "2.0.0";

export interface AuditorKeyFile {
  kind: "xinbiao-auditor-key";
  keyId: string;
  label: string;
  createdAt: string;
  publicKeyPem: string;
  privateKeyPem: string;
}

export interface Manifest {
  tool: typeof TOOL;
  toolVersion: string;
  /** Audit run this page belongs to (the results API keys posts by run id + page key). */
  runId: string;
  pageKey: string;
  url: string;
  finalUrl: string | null;
  capturedAt: string;
  auditedAt: string;
  chromiumVersion: string;
  settings: {
    viewport: { width: number; height: number };
    timeoutMs: number;
    settleMs: number;
    retries: number;
    locale: string;
    timeZone: string;
    ocr: string;
  };
  /** --host-resolver-rules given to Chromium (tests and mirrors): a challenge must know the host was remapped. */
  hostRemapping: string | null;
  outcome: string;
  /** The registry envelope the verdict compared with, exactly as served (signature included), and the key set. */
  registry: { envelope: SignedEnvelope | null; keySet: KeySet | null; service: string };
  /** 登记机关 of the merchant: where the case is routed. */
  authority: string | null;
  artefacts: Artefact[];
}

export interface SignedManifest {
  manifest: Manifest;
  signature: { alg: "Ed25519"; keyId: string; publicKeyPem: string; value: string } | null;
}

export function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex").slice(0, 16);
}

/** `npm run audit:keygen -- --out auditor-key.json`: a new Ed25519 key, file mode 0600. */
export function createAuditorKey(path: string, label: string, now = new Date()): AuditorKeyFile {
  if (existsSync(path))
    throw new Error(`密钥文件已存在，不覆盖：${path} / key file exists, not overwritten: ${path}`);
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const key: AuditorKeyFile = {
    kind: "xinbiao-auditor-key",
    keyId: keyIdOf(publicKeyPem),
    label,
    createdAt: now.toISOString(),
    publicKeyPem,
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
  writeFileSync(path, `${JSON.stringify(key, null, 2)}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return key;
}

export function loadAuditorKey(path: string): AuditorKeyFile {
  let j: Partial<AuditorKeyFile>;
  try {
    j = JSON.parse(readFileSync(path, "utf8")) as Partial<AuditorKeyFile>;
  } catch (e) {
    throw new Error(`无法读取审计员密钥 ${path}（${(e as Error).message}） / cannot read auditor key`);
  }
  if (j.kind !== "xinbiao-auditor-key" || !j.privateKeyPem || !j.publicKeyPem)
    throw new Error(
      `不是信标审计员密钥文件：${path}（字段 kind/privateKeyPem） / not a Xinbiao auditor key file`,
    );
  createPrivateKey(j.privateKeyPem);
  return j as AuditorKeyFile;
}

export function signManifest(m: Manifest, key: AuditorKeyFile | null): SignedManifest {
  if (!key) return { manifest: m, signature: null };
  const value = sign(
    null,
    Buffer.from(canonicalJson(m), "utf8"),
    createPrivateKey(key.privateKeyPem),
  ).toString("base64");
  return {
    manifest: m,
    signature: { alg: "Ed25519", keyId: key.keyId, publicKeyPem: key.publicKeyPem, value },
  };
}

export function evidenceIdOf(s: SignedManifest): string {
  return createHash("sha256").update(canonicalJson(s), "utf8").digest("hex").slice(0, 20);
}

export interface VerifyProblem {
  file: string;
  zh: string;
  en: string;
}

/**
 * Checks a manifest file: the signature (with the key it names, and — when given — that the key is the
 * trusted one), every artefact's SHA-256, and the registry envelope against the key set it recorded.
 */
export async function verifyManifestFile(
  path: string,
  trustedPublicKeyPem: string | null = null,
): Promise<{ ok: boolean; problems: VerifyProblem[]; manifest: Manifest | null; evidenceId: string | null }> {
  const problems: VerifyProblem[] = [];
  let s: SignedManifest;
  try {
    s = JSON.parse(readFileSync(path, "utf8")) as SignedManifest;
  } catch (e) {
    return {
      ok: false,
      problems: [
        {
          file: path,
          zh: `清单无法读取：${(e as Error).message}`,
          en: `manifest unreadable: ${(e as Error).message}`,
        },
      ],
      manifest: null,
      evidenceId: null,
    };
  }
  const m = s.manifest;
  if (!s.signature) problems.push({ file: path, zh: "清单未签名", en: "manifest is not signed" });
  else {
    const okSig = verify(
      null,
      Buffer.from(canonicalJson(m), "utf8"),
      createPublicKey(s.signature.publicKeyPem),
      Buffer.from(s.signature.value, "base64"),
    );
    if (!okSig)
      problems.push({ file: path, zh: "签名无效（清单被改动）", en: "signature invalid (manifest altered)" });
    if (keyIdOf(s.signature.publicKeyPem) !== s.signature.keyId)
      problems.push({ file: path, zh: "签名密钥编号与公钥不符", en: "keyId does not match the public key" });
    if (trustedPublicKeyPem && keyIdOf(trustedPublicKeyPem) !== s.signature.keyId)
      problems.push({
        file: path,
        zh: `签名密钥 ${s.signature.keyId} 不是受信任的审计员密钥 ${keyIdOf(trustedPublicKeyPem)}`,
        en: `signed by key ${s.signature.keyId}, not the trusted auditor key ${keyIdOf(trustedPublicKeyPem)}`,
      });
  }
  const base = join(dirname(path), "..");
  for (const a of m.artefacts) {
    const f = join(base, a.file);
    if (!existsSync(f)) {
      problems.push({ file: a.file, zh: "证据文件缺失", en: "artefact missing" });
      continue;
    }
    const h = createHash("sha256").update(readFileSync(f)).digest("hex");
    if (h !== a.sha256)
      problems.push({
        file: a.file,
        zh: `SHA-256 不符：清单 ${a.sha256.slice(0, 12)}…，文件 ${h.slice(0, 12)}…`,
        en: `SHA-256 mismatch: manifest ${a.sha256.slice(0, 12)}…, file ${h.slice(0, 12)}…`,
      });
  }
  if (m.registry.envelope && m.registry.keySet) {
    const v = await verifyEnvelope(m.registry.envelope, m.registry.keySet, new Date(m.auditedAt));
    if (!v.ok)
      problems.push({
        file: path,
        zh: `所用登记记录签名无效（${v.reason}）`,
        en: `registry envelope used does not verify (${v.reason})`,
      });
  }
  return { ok: problems.length === 0, problems, manifest: m, evidenceId: evidenceIdOf(s) };
}
