/** Command-line options of `npm run audit`, validated up front: a bad option names itself and nothing runs. */
import { parseArgs } from "node:util";

export interface CliOptions {
  list: string;
  out: string;
  service: string;
  concurrency: number;
  timeoutMs: number;
  retries: number;
  compare: string | null;
  chromium: string;
  hostRules: string | undefined;
  post: boolean;
  progress: boolean;
  /** Auditor Ed25519 key file (npm run audit:keygen); env XINBIAO_AUDITOR_KEY. */
  key: string | null;
  settleMs: number;
  ocr: boolean;
  pdf: boolean;
}

export const USAGE = `用法 usage: npm run audit -- <网址列表 url-list> --out <目录 dir> [选项 options]

  --service <url>      信标服务 Xinbiao service (默认 default http://127.0.0.1:8787, env XINBIAO_SERVICE)
  --concurrency <n>    同时检查的页面数 pages in parallel (1–32, 默认 4)
  --timeout <ms>       每页超时 per-page timeout (1000–300000, 默认 20000)
  --retries <n>        超时/加载失败/崩溃后重试次数 retries after timeout, load failure or crash (0–5, 默认 1)
  --compare <file>     与较早的 report.json 对比 compare with an earlier report.json
  --chromium <path>    Chromium 路径 (默认 /usr/bin/chromium, env CHROMIUM_PATH)
  --host-rules <rules> 传给 Chromium 的 --host-resolver-rules (测试用 for tests)
  --post               将结果提交到信标服务 post results to the service (API key in env XINBIAO_API_KEY, role auditor)
  --key <file>         审计员签名密钥 auditor Ed25519 key (npm run audit:keygen; env XINBIAO_AUDITOR_KEY)；无则证据清单不签名
  --settle <ms>        等待晚渲染（网络空闲且 DOM 静止）的上限 late-render bound (0–60000, 默认 5000)
  --no-ocr             不识别执照图片（图片判为“需人工复核”） do not OCR license images (they become "needs human review")
  --no-pdf             不生成 report.pdf do not print report.pdf
  --no-progress        不显示进度条 no progress bar

网址列表：每行一个网址，# 开头为注释；无效行与重复行会报告并跳过；已完成的页面在重新运行时跳过（断点续查）。
URL list: one URL per line, # starts a comment; invalid and duplicate lines are reported and skipped; a re-run skips pages already audited (resumable).`;

export type ParsedArgs = { ok: true; options: CliOptions } | { ok: false; message: string; help?: boolean };

function intIn(
  name: string,
  raw: string | undefined,
  dflt: number,
  min: number,
  max: number,
): number | string {
  if (raw === undefined) return dflt;
  if (!/^\d+$/.test(raw))
    return `--${name} 必须是整数，收到「${raw}」 / --${name} must be an integer, got ${JSON.stringify(raw)}`;
  const n = Number(raw);
  if (n < min || n > max)
    return `--${name} 必须在 ${min}–${max} 之间，收到 ${n} / --${name} must be ${min}–${max}, got ${n}`;
  return n;
}

export function parseCliArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedArgs {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: "string" },
        service: { type: "string" },
        concurrency: { type: "string" },
        timeout: { type: "string" },
        retries: { type: "string" },
        compare: { type: "string" },
        chromium: { type: "string" },
        "host-rules": { type: "string" },
        post: { type: "boolean" },
        "no-progress": { type: "boolean" },
        key: { type: "string" },
        settle: { type: "string" },
        "no-ocr": { type: "boolean" },
        "no-pdf": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (e) {
    return { ok: false, message: `参数错误 / bad option: ${(e as Error).message}` };
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  if (v.help) return { ok: false, message: USAGE, help: true };
  if (parsed.positionals.length !== 1)
    return {
      ok: false,
      message: `需要且只需要一个网址列表文件，收到 ${parsed.positionals.length} 个 / exactly one URL list file expected, got ${parsed.positionals.length}`,
    };
  if (typeof v.out !== "string" || !v.out)
    return { ok: false, message: "缺少 --out <目录> / --out <dir> is required" };
  const service = String(v.service ?? env.XINBIAO_SERVICE ?? "http://127.0.0.1:8787").replace(/\/+$/, "");
  try {
    const u = new URL(service);
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new Error();
  } catch {
    return {
      ok: false,
      message: `--service 不是有效的 http(s) 网址：「${service}」 / --service is not a valid http(s) URL`,
    };
  }
  const concurrency = intIn("concurrency", v.concurrency as string | undefined, 4, 1, 32);
  const timeoutMs = intIn("timeout", v.timeout as string | undefined, 20_000, 1_000, 300_000);
  const retries = intIn("retries", v.retries as string | undefined, 1, 0, 5);
  const settleMs = intIn("settle", v.settle as string | undefined, 5_000, 0, 60_000);
  for (const x of [concurrency, timeoutMs, retries, settleMs])
    if (typeof x === "string") return { ok: false, message: x };
  if (v.post && !env.XINBIAO_API_KEY)
    return {
      ok: false,
      message:
        "--post 需要环境变量 XINBIAO_API_KEY（审计员密钥） / --post needs XINBIAO_API_KEY (an auditor key)",
    };
  return {
    ok: true,
    options: {
      list: parsed.positionals[0]!,
      out: v.out,
      service,
      concurrency: concurrency as number,
      timeoutMs: timeoutMs as number,
      retries: retries as number,
      compare: (v.compare as string | undefined) ?? null,
      chromium: String(v.chromium ?? env.CHROMIUM_PATH ?? "/usr/bin/chromium"),
      hostRules: v["host-rules"] as string | undefined,
      post: !!v.post,
      progress: !v["no-progress"],
      key: (v.key as string | undefined) ?? env.XINBIAO_AUDITOR_KEY ?? null,
      settleMs: settleMs as number,
      ocr: !v["no-ocr"],
      pdf: !v["no-pdf"],
    },
  };
}
