/**
 * Is the database file the Node entry serves from still sound? (issue 13 item 7: a corrupt file under a
 * running server served records and badges with no stale mark, and /healthz said ok.)
 *
 * SQLite does not notice damage to pages it already holds: in WAL mode a connection keeps its page
 * cache while the wal-index header is unchanged (https://sqlite.org/walformat.html §2.1), and the
 * record cache answers hot records without any query. So the file is watched from outside as well:
 *  - at start, `PRAGMA quick_check` (https://sqlite.org/pragma.html#pragma_quick_check): 0.26 s on a
 *    276 MB file with 200k merchants on the 2-core dev machine, against 2.3 s for integrity_check,
 *    whose extra work — every index entry matched against its row — is not what a damaged page needs;
 *  - every `probeMs` a cheap probe: stat the path (gone → missing; another inode → replaced, our
 *    connections would keep reading the old file) and pread the 100-byte header through a fresh
 *    descriptor (https://sqlite.org/fileformat2.html §1.3: magic string, page size, payload fractions);
 *  - a new quick_check, in a worker thread so the event loop keeps serving, whenever the main file's
 *    size or mtime moved since the last one (at most every `deepMs`), and while a problem stands;
 *  - every read error the app sees (reportFailure), classified by SQLite's result code.
 * corrupt / unreadable / missing / replaced block every answer but /healthz (reads fall back to the
 * stale-marked last-known-good copy or 503: middleware/db-gate.ts); they clear only when the probe
 * and a quick_check started after the problem was seen both pass. `locked` only informs /healthz
 * (readers in WAL mode are not blocked by a writer) and lapses `lockedMs` after the last report.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { classifyDbFailure, type DbProblem, type DbProblemCode, type DbWatch } from "../lib/db-failure.ts";

export type { DbProblem } from "../lib/db-failure.ts";

export interface DbHealthOptions {
  probeMs?: number;
  deepMs?: number;
  lockedMs?: number;
  /** A deep check still running after this is abandoned (no verdict). Default 60 s. */
  deepDeadlineMs?: number;
  /** The deep check itself (tests); default quick_check in a worker thread. */
  quickCheck?: (file: string) => Promise<DeepResult>;
  now?: () => Date;
  log?: (line: string) => void;
}

const MESSAGES: Record<DbProblemCode, string> = {
  corrupt:
    "数据库文件已损坏（完整性检查未通过），只提供标明过期的旧数据 / the database file is corrupt (quick_check failed); only stale-marked last-known-good answers are served",
  unreadable:
    "数据库文件无法读取或不是数据库，只提供标明过期的旧数据 / the database file cannot be read as a database; only stale-marked last-known-good answers are served",
  missing:
    "数据库文件不存在，只提供标明过期的旧数据 / the database file is missing; only stale-marked last-known-good answers are served",
  replaced:
    "数据库文件在运行中被替换，请重启服务 / the database file was replaced while the service ran; restart the service",
  locked:
    "数据库被另一连接锁定，写入暂时失败 / the database is locked by another connection; writes fail for now",
  unavailable: "数据库暂时不可用 / the database is unavailable",
};

const MAGIC = Buffer.from("SQLite format 3\0", "latin1");

/** What is wrong with the first 100 bytes of a database file, or null when they look like SQLite's. */
export function headerProblem(h: Buffer): string | null {
  if (h.length < 100) return "shorter than the 100-byte header";
  if (!h.subarray(0, 16).equals(MAGIC)) return "no SQLite magic string at offset 0";
  const raw = h.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0)
    return `page size ${raw} at offset 16`;
  if (h[21] !== 64 || h[22] !== 32 || h[23] !== 32) return "payload fractions at offsets 21–23";
  return null;
}

/** What a deep check found: "ok", SQLite's first finding, or no verdict (the check itself failed). */
export type DeepResult = { ok: true } | { ok: false; finding: string } | { inconclusive: string };

/**
 * Runs quick_check on a fresh read-only connection in a worker thread. A worker that fails, exits
 * without answering or takes longer than `deadlineMs` (a 2-core machine at full load) is no verdict on
 * the file: it must neither mark a sound file corrupt nor leave the watcher waiting for ever.
 */
export function quickCheckInWorker(
  file: string,
  libsqlPath: string,
  deadlineMs: number,
): Promise<DeepResult> {
  const code = `
    const { parentPort, workerData } = require("node:worker_threads");
    let out;
    try {
      const Database = require(workerData.libsqlPath);
      // readonly + fileMustExist: a check must never create an empty file where the database went.
      const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: 1000 });
      try {
        const rows = db.prepare("PRAGMA quick_check(5)").raw(true).all();
        out = { result: rows.map((r) => String(r[0])).join("; ") };
      } finally { db.close(); }
    } catch (e) {
      out = { error: { code: e && e.code, message: e && e.message } };
    }
    parentPort.postMessage(out);
  `;
  return new Promise((resolve) => {
    const w = new Worker(code, { eval: true, workerData: { file, libsqlPath } });
    let settled = false;
    const done = (r: DeepResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      void w.terminate();
      resolve(r);
    };
    const deadline = setTimeout(() => done({ inconclusive: `no answer in ${deadlineMs} ms` }), deadlineMs);
    deadline.unref();
    w.once("message", (m: { result?: string; error?: { code?: string; message?: string } }) => {
      if (m.result === "ok") done({ ok: true });
      else if (m.result !== undefined) done({ ok: false, finding: m.result });
      else done({ ok: false, finding: `${m.error?.code ?? "error"}: ${m.error?.message ?? ""}` });
    });
    w.once("error", (e) => done({ inconclusive: `worker: ${e.name}` }));
    w.once("exit", (c) => done({ inconclusive: `worker exited ${c} without an answer` }));
  });
}

const ERROR_CODES: Record<DbProblemCode, string> = {
  corrupt: "SQLITE_CORRUPT",
  unreadable: "SQLITE_NOTADB",
  missing: "SQLITE_CANTOPEN",
  replaced: "SQLITE_CANTOPEN",
  locked: "SQLITE_BUSY",
  unavailable: "SQLITE_IOERR",
};

/** The standing problem as the error a failing read raises, so every layer treats it as one (db-failure.ts). */
export function problemError(p: DbProblem): Error {
  return Object.assign(new Error(`database ${p.code}`), { code: ERROR_CODES[p.code], problem: p.code });
}

export class DbHealth implements DbWatch {
  private problem_: DbProblem | null = null;
  private lockedAt = 0;
  private ino = -1;
  private lastDeep: { size: number; mtimeMs: number; at: number } | null = null;
  private deepRunning: Promise<void> | null = null;
  private problemSeenAt = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private held = false;
  private readonly quickCheck: (file: string) => Promise<DeepResult>;
  /** Kept open until release(), after the database connections are closed (see probeFile). */
  private fd: number | null = null;
  private readonly probeMs: number;
  private readonly deepMs: number;
  private readonly lockedMs: number;
  private readonly now: () => Date;
  private readonly log: (line: string) => void;
  private readonly libsqlPath = createRequire(import.meta.url).resolve("libsql");

  constructor(
    readonly file: string,
    opts: DbHealthOptions = {},
  ) {
    this.probeMs = opts.probeMs ?? 1000;
    this.deepMs = opts.deepMs ?? 30_000;
    this.lockedMs = opts.lockedMs ?? 10_000;
    this.now = opts.now ?? (() => new Date());
    this.log = opts.log ?? ((l) => console.error(l));
    const deadlineMs = opts.deepDeadlineMs ?? 60_000;
    this.quickCheck = opts.quickCheck ?? ((file) => quickCheckInWorker(file, this.libsqlPath, deadlineMs));
  }

  /** The standing problem (locked lapses on its own), or null when the file is sound. */
  problem(): DbProblem | null {
    const p = this.problem_;
    if (p?.code === "locked" && Date.now() - this.lockedAt > this.lockedMs) this.problem_ = null;
    return this.problem_;
  }

  /** For the native reader: the error to fail with instead of reading a file known bad. */
  refusal(): Error | null {
    return this.blocking() ? problemError(this.problem_!) : null;
  }

  /** Does the standing problem mean no answer may come from the database? */
  blocking(): boolean {
    const p = this.problem();
    return p !== null && p.code !== "locked" && p.code !== "unavailable";
  }

  private set(code: DbProblemCode, detail: string): void {
    const cur = this.problem_;
    if (code === "locked") {
      this.lockedAt = Date.now();
      if (cur && cur.code !== "locked") return; // a worse problem stands
    }
    if (cur?.code === code) return;
    if (cur && cur.code !== "locked" && code !== "locked") {
      // Keep the first blocking finding; a later one adds nothing the operator can act on first.
      return;
    }
    this.problem_ = { code, message: MESSAGES[code], since: this.now().toISOString() };
    this.problemSeenAt = Date.now();
    this.log(`[xinbiao] database ${code}: ${detail}`);
  }

  /** A read or write failed: if the database is the reason, remember what kind of failure it was. */
  reportFailure(err: unknown): void {
    const code = classifyDbFailure(err);
    if (code && code !== "unavailable") this.set(code, (err as { code?: string })?.code ?? "error");
  }

  /** Found bad at start: nothing was migrated or loaded, so only a restart may clear it. */
  holdUntilRestart(): void {
    this.held = true;
  }

  /**
   * The cheap probe: path, inode and header. Returns the problem found, if any.
   * The header is read through ONE descriptor kept open for the watcher's life, never one opened and
   * closed per probe: POSIX advisory locks belong to the process, and closing any descriptor of the
   * file drops every lock SQLite holds on it (https://sqlite.org/howtocorrupt.html §2.2). An
   * open-read-close probe did exactly that in the first soak run: SQLITE_IOERR_SHORT_READ in an import.
   * Through the kept descriptor the probe reads what SQLite's connections read (the same inode); a
   * file put in its place shows as another inode on stat, which opens nothing.
   */
  probeFile(): { code: DbProblemCode; detail: string } | null {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(this.file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === "ENOENT"
        ? { code: "missing", detail: `${this.file} not found` }
        : { code: "unreadable", detail: `stat ${code}` };
    }
    if (this.ino === -1) this.ino = st.ino;
    else if (st.ino !== this.ino) return { code: "replaced", detail: `inode ${this.ino} → ${st.ino}` };
    const header = Buffer.alloc(100);
    try {
      if (this.fd === null) this.fd = openSync(this.file, "r");
      const n = readSync(this.fd, header, 0, 100, 0);
      const bad = headerProblem(header.subarray(0, n));
      if (bad) return { code: "unreadable", detail: `header: ${bad}` };
    } catch (e) {
      return { code: "unreadable", detail: `read ${(e as NodeJS.ErrnoException).code}` };
    }
    return null;
  }

  /**
   * quick_check on a fresh connection (worker thread). Sets the problem when it fails; true when the
   * file passed, false when it failed, null when the check gave no verdict (tried again when due).
   */
  async deepCheck(): Promise<boolean | null> {
    const st = statSync(this.file, { throwIfNoEntry: false });
    const started = Date.now();
    const r = await this.quickCheck(this.file);
    this.lastDeep = { size: st?.size ?? -1, mtimeMs: st?.mtimeMs ?? -1, at: started };
    if ("inconclusive" in r) {
      this.log(`[xinbiao] database quick_check gave no verdict: ${r.inconclusive}`);
      return null;
    }
    if (r.ok) return true;
    const result = r.finding;
    const code = /NOTADB|not a database|CANTOPEN|IOERR|unable to open/i.test(result)
      ? "unreadable"
      : /BUSY|LOCKED|locked/.test(result)
        ? "locked"
        : "corrupt";
    this.set(code, `quick_check: ${result.slice(0, 200)}`);
    return false;
  }

  /** At start: the header probe, then quick_check, before the first request is served. */
  async startupCheck(): Promise<DbProblem | null> {
    const p = this.probeFile();
    if (p) this.set(p.code, p.detail);
    else await this.deepCheck();
    return this.problem();
  }

  /**
   * One round of watching (the timer calls it; tests may too): the cheap probe always, then a deep
   * check when one is due and none is running. The probe never waits for a deep check: in one soak
   * run a quick_check still running under full load held the timer's rounds back, and a header
   * overwritten for 8 s went unseen.
   */
  async tick(): Promise<void> {
    const p = this.probeFile();
    if (p) {
      this.set(p.code, p.detail);
      return;
    }
    if (this.deepRunning) return;
    const st = statSync(this.file, { throwIfNoEntry: false });
    const last = this.lastDeep;
    const standing = this.problem_ !== null && this.problem_.code !== "locked";
    // While a problem stands, look again sooner: a restored file should serve fresh data again soon.
    const due = !last || Date.now() - last.at >= (standing ? Math.min(this.deepMs, 5000) : this.deepMs);
    const moved = !last || !st || st.size !== last.size || st.mtimeMs !== last.mtimeMs;
    if (!due || !(moved || standing)) return;
    const startedAt = Date.now();
    this.deepRunning = this.deepCheck()
      .then((ok) => {
        // Clear only with a check that began after the problem was seen (and found the file sound).
        if (
          ok === true &&
          standing &&
          !this.held &&
          startedAt >= this.problemSeenAt &&
          this.probeFile() === null
        ) {
          this.log(`[xinbiao] database ${this.problem_?.code} cleared: header and quick_check pass`);
          this.problem_ = null;
        }
      })
      .finally(() => {
        this.deepRunning = null;
      });
    await this.deepRunning;
  }

  start(): void {
    if (this.timer) return;
    // No "round in flight" flag: the probe is synchronous, and tick() starts no second deep check.
    this.timer = setInterval(() => {
      this.tick().catch((e) => this.log(`[xinbiao] database probe failed: ${(e as Error).name}`));
    }, this.probeMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Close the kept descriptor: only once every connection to the file is closed (see probeFile). */
  release(): void {
    this.stop();
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
