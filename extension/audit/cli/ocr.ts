/**
 * OCR of license and permit photos with Debian's tesseract (`tesseract-ocr` + `tesseract-ocr-chi-sim`,
 * installed by .ci/run; README names them), spawned as a process per image. When tesseract or its
 * chi_sim data is missing, or the image cannot be had, the answer is "unavailable" and the engine says
 * "needs human review" — a license photo is never judged absent because this machine cannot read it.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OcrReading } from "../engine/types.ts";

export interface OcrEngine {
  /** null when OCR can run; else why not (shown in the report). */
  unavailable: string | null;
  read(image: Uint8Array): Promise<OcrReading>;
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((ok, fail) => {
    execFile(
      cmd,
      args,
      { timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024, encoding: "utf8" },
      (err, stdout, stderr) => (err ? fail(Object.assign(err, { stderr })) : ok({ stdout, stderr })),
    );
  });
}

/** 统一社会信用代码 in OCR text: 18 characters of the GB 32100 alphabet, spaces OCR puts between them removed. */
const USCC_OCR = /[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}/;
const NAME_OCR = /(?:名\s*称|企业名称)\s*[:：]?\s*([^\s:：]{2,40})/;

/** Reads code and name out of OCR text (pure; the tests feed it tesseract's real output). */
export function parseOcrText(text: string): OcrReading {
  const flat = text.replace(/[ \t]+/g, "");
  const compact = flat.replace(/\s+/g, "");
  const afterLabel = /统一社会信用代码[:：]?([0-9A-Z]{18})/.exec(compact)?.[1] ?? null;
  const uscc = afterLabel ?? USCC_OCR.exec(compact)?.[0] ?? null;
  const name = NAME_OCR.exec(flat)?.[1] ?? null;
  const permitNumber = /(?:许可证编号|编号)[:：]?([A-Z]{0,4}\d[0-9A-Z]{5,29})/.exec(compact)?.[1] ?? null;
  if (!uscc && !name && !/营业执照|许可证/.test(compact))
    return { state: "no_text", text: text.slice(0, 2000) };
  return { state: "read", text: text.slice(0, 2000), uscc, name, permitNumber };
}

export async function tesseractEngine(
  bin = process.env.XINBIAO_TESSERACT ?? "tesseract",
  timeoutMs = 60_000,
): Promise<OcrEngine> {
  let unavailable: string | null = null;
  try {
    const { stdout, stderr } = await run(bin, ["--list-langs"], 20_000);
    if (!/\bchi_sim\b/.test(stdout + stderr))
      unavailable =
        "tesseract 缺少 chi_sim 语言包（apt-get install tesseract-ocr-chi-sim） / tesseract has no chi_sim data";
  } catch (e) {
    unavailable = `未安装 tesseract（apt-get install tesseract-ocr tesseract-ocr-chi-sim）：${(e as Error).message.split("\n")[0]} / tesseract not installed`;
  }
  return {
    unavailable,
    async read(image) {
      if (unavailable) return { state: "unavailable", reason: unavailable };
      const dir = mkdtempSync(join(tmpdir(), "xinbiao-ocr-"));
      try {
        const file = join(dir, "image");
        writeFileSync(file, image);
        const { stdout } = await run(bin, [file, "stdout", "-l", "chi_sim+eng", "--psm", "3"], timeoutMs);
        return parseOcrText(stdout);
      } catch (e) {
        return {
          state: "unavailable",
          reason: `OCR 失败 / OCR failed: ${(e as Error).message.split("\n")[0]}`,
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
