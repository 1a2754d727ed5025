/**
 * A batch audit: a pool of `concurrency` Chromium contexts works through the URL list; each page gets
 * `retries` more attempts after a timeout, network failure or crash (a 404 is an answer, not retried).
 * Every finished page is appended to results.jsonl at once, so an interrupted run resumes where it
 * stopped: a re-run skips pages already audited (pages that ended in an error are tried again).
 */
import { createHash } from "node:crypto";
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SignedEnvelope } from "@xinbiao/db/model";
import type { Browser, BrowserContext } from "playwright-core";
import { adapterFor } from "../../adapters/index.ts";
import { auditPage, notAShop } from "../engine/engine.ts";
import type { AuditError, PageAudit, PageSnapshot, Verification } from "../engine/types.ts";
import { badgeKeys } from "../engine/verify-inputs.ts";
import { type Artefact, capture, launchChromium, newAuditContext, VIEWPORT } from "./browser-runner.ts";
import {
  type AuditorKeyFile,
  evidenceIdOf,
  type Manifest,
  signManifest,
  TOOL,
  TOOL_VERSION,
} from "./evidence-manifest.ts";
import type { OcrEngine } from "./ocr.ts";
import { pageBundle } from "./page-bundle.ts";
import type { Fetched, RegistryClient } from "./registry-client.ts";
import type { PageResult } from "./result-types.ts";
import { RESULTS_FILE, readResults } from "./results-file.ts";

export interface BatchOptions {
  urls: string[];
  outDir: string;
  registry: RegistryClient;
  executablePath: string;
  hostRules?: string | undefined;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  /** Late-render bound (network idle + mutation quiet). */
  settleMs?: number;
  /** The run's id (kept in <out>/run.json so a resumed run keeps it). */
  runId: string;
  /** Signs each page's evidence manifest; null → manifests are written unsigned (the report says so). */
  auditorKey?: AuditorKeyFile | null;
  ocr?: OcrEngine | null;
  now?: () => Date;
  onStart?: (p: { total: number; skipped: number }) => void;
  onProgress?: (p: {
    done: number;
    total: number;
    skipped: number;
    errors: number;
    last: PageResult;
  }) => void;
}

export interface BatchSummary {
  results: PageResult[];
  audited: number;
  skipped: number;
  ms: number;
  pagesPerMinute: number;
}

export { RESULTS_FILE, readResults } from "./results-file.ts";

function stemOf(index: number, url: string): string {
  return `${String(index + 1).padStart(5, "0")}-${createHash("sha256").update(url).digest("hex").slice(0, 8)}`;
}

/** The page key of the results API: stable per requested URL (a re-post of the same run replaces, never doubles). */
export function pageKeyOf(url: string): string {
  return createHash("sha256").update(url).digest("hex").slice(0, 24);
}

async function registryFor(
  reg: RegistryClient,
  audit: { shop: { platform: string; shopId: string } | null; uscc: string | null },
): Promise<Fetched | null> {
  if (audit.shop) return reg.shop(audit.shop.platform, audit.shop.shopId);
  if (audit.uscc) return reg.merchant(audit.uscc);
  return null;
}

/** A page that could not be loaded still counts for its platform: the host says which (a URL test only). */
function errorAudit(url: string, error: AuditError): PageAudit {
  let platform: string | null = null;
  try {
    platform = adapterFor(new URL(url))?.id ?? null;
  } catch {
    platform = null;
  }
  return {
    url,
    pageKind: "other",
    platform,
    shopId: null,
    uscc: null,
    merchantName: null,
    outcome: "error",
    flags: [],
    checks: [],
    error,
  };
}

export async function runBatch(o: BatchOptions): Promise<BatchSummary> {
  const now = o.now ?? (() => new Date());
  mkdirSync(join(o.outDir, "evidence"), { recursive: true });
  const earlier = readResults(o.outDir);
  const todo = o.urls
    .map((url, index) => ({ url, index }))
    .filter(({ url }) => {
      const r = earlier.get(url);
      return !r || r.outcome === "error";
    });
  const skipped = o.urls.length - todo.length;
  o.onStart?.({ total: todo.length, skipped });
  const bundle = await pageBundle();
  const started = Date.now();
  let browser: Browser | null = null;
  let chromiumVersion: string | null = null;
  let relaunch: Promise<Browser> | null = null;
  const getBrowser = async (): Promise<Browser> => {
    if (browser?.isConnected()) return browser;
    relaunch ??= launchChromium({ executablePath: o.executablePath, hostRules: o.hostRules }).then((b) => {
      browser = b;
      chromiumVersion = b.version();
      relaunch = null;
      return b;
    });
    return relaunch;
  };
  const fresh = new Map<string, PageResult>();
  let done = 0;
  let errors = 0;

  async function auditOne(
    ctxRef: { ctx: BrowserContext | null },
    url: string,
    index: number,
  ): Promise<PageResult> {
    const t0 = Date.now();
    const stem = stemOf(index, url);
    let attempts = 0;
    let last: Awaited<ReturnType<typeof capture>> | null = null;
    while (attempts <= o.retries) {
      attempts++;
      if (!ctxRef.ctx?.browser()?.isConnected()) ctxRef.ctx = await newAuditContext(await getBrowser());
      last = await capture(ctxRef.ctx, url, bundle, o.outDir, stem, o.timeoutMs, {
        ...(o.settleMs !== undefined ? { settleMs: o.settleMs } : {}),
        ocr: o.ocr ?? null,
      });
      if (last.ok || !last.retry) break;
      if (last.error.code === "crashed") {
        // A crashed renderer may have taken the context with it: start clean.
        await ctxRef.ctx.close().catch(() => {});
        ctxRef.ctx = null;
      }
    }
    const auditedAt = now().toISOString();
    const base = {
      index,
      requestedUrl: url,
      auditedAt,
      attempts,
      ms: Date.now() - t0,
      runId: o.runId,
      pageKey: pageKeyOf(url),
    };
    const keySet = await o.registry.keySet().catch(() => null);
    /** Writes the signed manifest and returns the evidence block of the result. */
    const seal = (
      audit: PageAudit,
      artefacts: Artefact[],
      snap: PageSnapshot | null,
      envelope: SignedEnvelope | null,
      finalUrl: string | null,
      httpStatus: number | null,
    ) => {
      const manifest: Manifest = {
        tool: TOOL,
        toolVersion: TOOL_VERSION,
        runId: o.runId,
        pageKey: base.pageKey,
        url,
        finalUrl,
        capturedAt: snap?.capturedAt ?? auditedAt,
        auditedAt,
        chromiumVersion: chromiumVersion ?? "unknown",
        settings: {
          viewport: VIEWPORT,
          timeoutMs: o.timeoutMs,
          settleMs: o.settleMs ?? Math.min(5_000, Math.round(o.timeoutMs / 4)),
          retries: o.retries,
          locale: "zh-CN",
          timeZone: "Asia/Shanghai",
          ocr: o.ocr ? (o.ocr.unavailable ?? "tesseract chi_sim+eng") : "off",
        },
        hostRemapping: o.hostRules ?? null,
        outcome: audit.outcome,
        registry: { envelope, keySet, service: o.registry.base },
        authority: audit.authority ?? null,
        artefacts,
      };
      const signed = signManifest(manifest, o.auditorKey ?? null);
      const file = `evidence/${stem}.manifest.json`;
      writeFileSync(join(o.outDir, file), `${JSON.stringify(signed, null, 2)}\n`);
      const html = artefacts.find((a) => a.kind === "html");
      return {
        screenshot: artefacts.find((a) => a.kind === "first_screen")?.file ?? null,
        fullPage: artefacts
          .filter((a) => a.kind === "full_page" || a.kind === "full_page_tile")
          .map((a) => a.file),
        htmlFile: html?.file ?? null,
        htmlSha256: html?.sha256 ?? null,
        artefacts,
        manifest: file,
        evidenceId: evidenceIdOf(signed),
        signed: !!signed.signature,
        finalUrl,
        capturedAt: snap?.capturedAt ?? auditedAt,
        httpStatus,
      };
    };
    if (!last?.ok) {
      const err =
        last && !last.ok
          ? last.error
          : ({ code: "load_failed", zh: "未知错误", en: "unknown failure" } as AuditError);
      const audit = errorAudit(url, err);
      return {
        ...audit,
        ...base,
        evidence: seal(
          audit,
          [],
          null,
          null,
          (last && !last.ok && last.finalUrl) || null,
          err.httpStatus ?? null,
        ),
      };
    }
    const s = last.snapshot;
    const sealOk = (audit: PageAudit, envelope: SignedEnvelope | null) =>
      seal(audit, last.artefacts, s, envelope, last.finalUrl, last.httpStatus);
    if (s.pageKind === "other" && !s.uscc) {
      const audit = errorAudit(url, notAShop());
      return { ...audit, ...base, evidence: sealOk(audit, null) };
    }
    let audit: PageAudit;
    let envelope: SignedEnvelope | null = null;
    const serviceOrigin = new URL(o.registry.base).origin;
    if (s.pageKind === "platform_home") {
      audit = auditPage({ snapshot: s, envelope: null, recordVerification: null, serviceOrigin, now: now() });
    } else {
      const rec = await registryFor(o.registry, s);
      if (rec?.state === "unavailable") {
        audit = errorAudit(url, {
          code: "registry_unavailable",
          zh: `信标服务不可用：${rec.message}`,
          en: `Xinbiao service unavailable: ${rec.message}`,
        });
      } else {
        const badgeVerifications: Record<string, Verification | "not_found"> = {};
        for (const b of badgeKeys(s)) {
          const f = b.shop
            ? await o.registry.shop(b.shop.platform, b.shop.shopId)
            : await o.registry.merchant(b.uscc!);
          badgeVerifications[b.key] = f.state === "found" ? f.verification : "not_found";
        }
        envelope = rec?.state === "found" ? rec.envelope : null;
        audit = auditPage({
          snapshot: s,
          envelope,
          recordVerification: rec?.state === "found" ? rec.verification : null,
          badgeVerifications,
          serviceOrigin,
          now: now(),
        });
      }
    }
    return { ...audit, url, ...base, evidence: sealOk(audit, envelope) };
  }

  const queue = [...todo];
  const file = join(o.outDir, RESULTS_FILE);
  async function worker() {
    const ref: { ctx: BrowserContext | null } = { ctx: null };
    try {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const r = await auditOne(ref, next.url, next.index);
        appendFileSync(file, `${JSON.stringify(r)}\n`);
        fresh.set(r.requestedUrl, r);
        done++;
        if (r.outcome === "error") errors++;
        o.onProgress?.({ done, total: todo.length, skipped, errors, last: r });
      }
    } finally {
      await ref.ctx?.close().catch(() => {});
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, todo.length)) }, worker));
  } finally {
    await (browser as Browser | null)?.close().catch(() => {});
  }
  const ms = Date.now() - started;
  // In list order, numbered by the current list (an earlier run may have had another order).
  const results = o.urls.flatMap((url, index) => {
    const r = fresh.get(url) ?? earlier.get(url);
    return r ? [{ ...r, index }] : [];
  });
  return {
    results,
    audited: todo.length,
    skipped,
    ms,
    pagesPerMinute: todo.length ? (todo.length / ms) * 60_000 : 0,
  };
}
