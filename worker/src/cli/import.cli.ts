/**
 * npm run import -- [type] <file> [options]
 *   type: a kind (merchants|permits|licenses|lists|grades|verifications) or a publication type
 *   (abnormal_operations, serious_illegal, licensing, blacklist, watchlist, redlist …; --types lists them).
 *   Without it the type is detected from the header and the report says what was detected.
 *   --sheet NAME|N                  XLSX: the sheet to read (default the first)
 *   --format csv|json|xlsx          override the format taken from the name/bytes
 *   --encoding auto|utf-8|gb18030   (default auto: BOM or valid UTF-8, else GB18030)
 *   --dry-run                       validate and compare only; write nothing
 *   --strict                        refuse the file when a row names a code not in the registry
 *                                   (default: create a minimal merchant from the publication, marked)
 *   --list black|watch|red          for list files without a 名单类型 column
 *   --title --authority --published-at YYYY-MM-DD --url   provenance of the publication
 *                                   (lists need a publication date: --published-at or a 公示日期 column;
 *                                   rows older than the stored fact's publication are skipped, reported)
 *   --db <url>  --actor <name>  --json (print the full report as JSON)
 * Exit code: 0 applied / unchanged / dry run, 1 rejected, 2 usage.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { type ListKind, shanghaiDate } from "@xinbiao/db/model";
import cliProgress from "cli-progress";
import { normalizeEncoding } from "../imports/decode.ts";
import type { ImportKindName } from "../imports/import-kind.ts";
import { PUBLICATION_TYPES, publicationByName } from "../imports/publications/index.ts";
import { type ImportReport, kindByName, runImport } from "../imports/run-import.ts";
import { parseListKind } from "../imports/values.ts";
import { cliActor, openCliDb, userPath } from "./cli-db.ts";

const USAGE = `用法 / usage: npm run import -- [类型 type] <文件 file> [--encoding auto|utf-8|gb18030|utf-16le|utf-16be] [--sheet 名称|序号] [--dry-run] [--strict] [--list black|watch|red] [--title …] [--authority …] [--published-at YYYY-MM-DD] [--db url] [--json]   (--types: 列出公示类型 / list the publication types)`;

const PHASES = { validate: "校验 validate", compare: "比对 compare", write: "写入 write" } as const;

export function printReport(r: ImportReport, out: (s: string) => void = console.log): void {
  const status = {
    applied: "已导入 / applied",
    unchanged: "无变化（同一公示已导入过）/ unchanged (already imported)",
    dry_run: "试运行，未写入 / dry run, nothing written",
    rejected: "已拒绝，未写入任何数据 / rejected, nothing written",
  }[r.status];
  out(`${status}`);
  if (r.publicationType)
    out(
      `  公示类型 type: ${r.publicationType}${r.detected ? "（按表头识别 / detected from the header）" : ""} → ${r.kind}`,
    );
  out(
    `  文件 file: ${r.fileName}  SHA-256 ${r.fileSha256}  编码 encoding: ${r.encoding ?? "?"}  格式 format: ${r.format ?? "?"}`,
  );
  out(
    `  行数 rows: ${r.rows}  新增 new: ${r.inserted}  更新 updated: ${r.updated}  未变 unchanged: ${r.unchanged}  跳过 skipped: ${r.skipped}  按公示新建主体 merchants from publication: ${r.created}`,
  );
  if (r.sourceId) out(`  来源 source: ${r.sourceId}  导入编号 import: ${r.importId}`);
  if (r.errorCount) {
    out(
      `\n错误 errors (${r.errorCount}${r.errorCount > r.errors.length ? `, first ${r.errors.length}` : ""}):`,
    );
    for (const e of r.errors) out(`  ✗ ${e.message}`);
  }
  if (r.conflicts.length) {
    out(`\n冲突（较早的公示未覆盖较新的）conflicts, skipped (${r.skipped}):`);
    for (const c of r.conflicts) out(`  ↷ ${c.message}`);
  }
  if (r.warnings.length) {
    out(`\n提示 warnings (${r.warnings.length}):`);
    for (const w of r.warnings) out(`  ! ${w.message}`);
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      encoding: { type: "string" },
      "dry-run": { type: "boolean" },
      strict: { type: "boolean" },
      list: { type: "string" },
      title: { type: "string" },
      authority: { type: "string" },
      "published-at": { type: "string" },
      url: { type: "string" },
      db: { type: "string" },
      actor: { type: "string" },
      json: { type: "boolean" },
      sheet: { type: "string" },
      format: { type: "string" },
      types: { type: "boolean" },
    },
  });
  if (values.types) {
    for (const p of PUBLICATION_TYPES)
      console.log(`${p.type.padEnd(20)} ${p.zh} / ${p.en} → ${p.target}\n${" ".repeat(21)}${p.displayRule}`);
    return 0;
  }
  // One positional: the file, type detected. Two: type (kind or publication type) and file.
  const [first, second] = positionals;
  const file = second ?? first;
  const typeName = second ? first : undefined;
  const kind = typeName ? kindByName(typeName) : null;
  const publication = typeName && !kind ? publicationByName(typeName) : null;
  if (!file || (typeName && !kind && !publication)) {
    console.error(USAGE);
    return 2;
  }
  const format = values.format?.toLowerCase();
  if (format && !["csv", "json", "xlsx"].includes(format)) {
    console.error(`格式无效 / invalid --format: ${values.format} (csv, json, xlsx)`);
    return 2;
  }
  const encoding = normalizeEncoding(values.encoding);
  if (!encoding) {
    console.error(
      `不支持的编码 / unsupported encoding: ${values.encoding} (auto, utf-8, gb18030, utf-16le, utf-16be)`,
    );
    return 2;
  }
  let list: ListKind | undefined;
  if (values.list) {
    const l = parseListKind(values.list);
    if (!l) {
      console.error(`名单类型无效 / invalid --list: ${values.list} (black, watch, red)`);
      return 2;
    }
    list = l;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(userPath(file)));
  } catch (e) {
    console.error(`无法读取文件 / cannot read ${file}: ${(e as Error).message}`);
    return 2;
  }
  const h = await openCliDb(values.db);
  // The bar goes to stderr so `--json` output on stdout stays machine-readable.
  const bar = new cliProgress.SingleBar(
    {
      format: " {phase} |{bar}| {percentage}% · {value}/{total} 行 rows",
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      // Logs and CI have no TTY: still show the bar, one line per update.
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 250,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase = "";
  try {
    const now = new Date();
    const report = await runImport(
      h.db,
      {
        kind: kind ? (kind.kind as ImportKindName) : "auto",
        publicationType: publication?.type,
        format: format as "csv" | "json" | "xlsx" | undefined,
        sheet: values.sheet && /^\d+$/.test(values.sheet) ? Number(values.sheet) : values.sheet,
        bytes,
        fileName: basename(file),
        encoding,
        dryRun: values["dry-run"] ?? false,
        actor: cliActor(values.actor),
        list,
        strict: values.strict ?? false,
        title: values.title,
        authority: values.authority,
        publishedAt: values["published-at"],
        url: values.url,
        onProgress: (p, done, total) => {
          const label = PHASES[p];
          if (label !== phase) {
            if (phase) bar.stop();
            phase = label;
            bar.start(total, done, { phase: label });
          } else bar.update(done);
        },
      },
      now,
    );
    if (phase) bar.stop();
    if (values.json) console.log(JSON.stringify(report, null, 2));
    else {
      console.log(`\n${report.kind} · ${shanghaiDate(now)} · ${h.url}`);
      printReport(report);
    }
    return report.status === "rejected" ? 1 : 0;
  } finally {
    bar.stop();
    h.close();
  }
}

process.exitCode = await main();
