/**
 * The Node entry's record reader for its local libSQL file: the record SQL (records/record-rows.ts) as
 * statements prepared once on a read connection of its own, through the `libsql` driver that
 * `@libsql/client` itself wraps. `@libsql/client` prepares every statement anew on each call and reads
 * its columns twice; a record miss at 1M merchants spent most of its time there (bench/history.md).
 *
 * The same reader answers "has anything changed?" for the record cache, for every commit by ANY
 * connection — the app's pool, a CLI import in another process, a hand edit:
 *   - in WAL mode (the embedded default) from the wal-index header, the first 48 bytes of the `-shm`
 *     file (https://sqlite.org/walformat.html §2.1): every commit rewrites it (its change counter and
 *     frame count move), a read is one pread of 48 bytes. `PRAGMA data_version` says the same but
 *     takes a read lock each time: 8–20 µs, a tenth of a cached record's whole request.
 *     The header is read from copy 1 (offset 0), which a commit writes last, so a commit another
 *     reader can see has always changed it. The -shm file lives as long as any connection is open,
 *     and this reader's own connection is open as long as the token is used.
 *   - otherwise `PRAGMA data_version` on this connection.
 * It writes nothing but kept range buckets (records/range-buckets.ts), and those writes must not look
 * like a data change to the record cache: when the header has moved, `PRAGMA data_version` on this
 * connection — which moves for commits of OTHER connections only (sqlite.org pragma.html#pragma_data_version)
 * — tells this connection's own bucket writes apart from everyone else's commits. Every other statement
 * runs `query_only`.
 */
import { closeSync, existsSync, openSync, readSync } from "node:fs";
import Database from "libsql";
import { classifyDbFailure } from "../lib/db-failure.ts";
import type { RecordReader } from "../records/record-reader.ts";
import {
  BUCKET_SQL,
  BUNDLE_SQL,
  type BundleRow,
  decodeBundle,
  decodeSource,
  KEEP_BUCKET_SQL,
  KEPT_BUCKET_BYTES_SQL,
  RANGE_VERSION_SQL,
  SOURCES_SQL,
} from "../records/record-rows.ts";

type Statement = ReturnType<InstanceType<typeof Database>["prepare"]>;

/** The driver's own "closed" error, so db-failure.ts and the stale fallback treat it as the database failing. */
function closedError(): Error {
  return Object.assign(new Error("The client is closed"), { code: "CLIENT_CLOSED" });
}

export interface NativeRecordReader extends RecordReader {
  close(): void;
}

/** What the reader tells the database watcher (node/db-health.ts), and asks it before each read. */
export interface ReaderHealth {
  reportFailure(err: unknown): void;
  /** An error to fail with instead of reading, when the file is known bad (corrupt, unreadable …). */
  refusal(): Error | null;
}

/**
 * @param file path of the database file (not a URL)
 * @param isAppClosed the app's own client: once it is closed, reads fail as they would through it
 * @param health the database watcher: a failure seen here marks the file bad for every answer (a
 *   cached record included: issue 13 item 7), and a file known bad is not read at all
 */
export function openNativeRecordReader(
  file: string,
  isAppClosed: () => boolean,
  health?: ReaderHealth,
): NativeRecordReader {
  const db = new Database(file, { timeout: 5 });
  db.exec("PRAGMA query_only = 1");
  // Milliseconds (the driver's own `timeout` option leaves the unit unsaid). Reads in WAL mode do not
  // wait on writers (only a WAL recovery makes them); the one write, keeping a range bucket, does
  // not wait at all (keepBucket).
  db.exec("PRAGMA busy_timeout = 5");
  // This connection writes only kept range buckets, a cache: WAL with synchronous=NORMAL is safe
  // against a crash of the process and loses at most the last keeps on power loss, instead of an
  // fsync per keep (3 ms each → 35 µs at 1M merchants; bench/history.md item 19).
  db.exec("PRAGMA synchronous = NORMAL");
  // 8 MB of page cache holds the interior pages of every table and index a record reads, so a random
  // record costs only its leaf pages: 193 → 139 µs per record at 1M merchants; more bought nothing.
  db.exec("PRAGMA cache_size = -8000");
  let closed = false;
  // Attach to the wal-index (a first read) before trusting the -shm file to exist and stay.
  const mode = db.prepare("PRAGMA journal_mode").raw(true).get([]) as unknown[] | undefined;
  const wal = mode?.[0] === "wal";
  db.prepare("SELECT count(*) FROM sqlite_master").raw(true).get([]);
  const shmFd = wal && existsSync(`${file}-shm`) ? openSync(`${file}-shm`, "r") : null;
  const header = Buffer.alloc(48);
  const seen = { header: "", dataVersion: -1, token: "" };
  const dataVersion = (): number => Number((stmt("PRAGMA data_version").raw(true).get([]) as unknown[])[0]);
  const prepared = new Map<string, Statement>();
  const stmt = (text: string): Statement => {
    if (closed || isAppClosed()) {
      close();
      throw closedError();
    }
    const refused = health?.refusal();
    if (refused) throw refused;
    let s = prepared.get(text);
    if (!s) {
      s = db.prepare(text);
      prepared.set(text, s);
    }
    return s;
  };
  function close() {
    if (closed) return;
    closed = true;
    prepared.clear();
    try {
      db.close();
    } catch {
      // already gone: nothing to release
    }
    // After the connection: closing a descriptor of the file drops every POSIX lock this process
    // holds on it, SQLite's included (https://sqlite.org/howtocorrupt.html §2.2).
    if (shmFd !== null) closeSync(shmFd);
  }
  // Every failure passes by the watcher before it reaches the caller.
  // A kept bucket's write giving up on a held write lock is expected (see keepBucket): not "locked".
  const watched = <A extends unknown[], R>(fn: (...a: A) => Promise<R>, ignoreLocked = false) =>
    health
      ? async (...a: A): Promise<R> => {
          try {
            return await fn(...a);
          } catch (err) {
            if (!(ignoreLocked && classifyDbFailure(err) === "locked")) health.reportFailure(err);
            throw err;
          }
        }
      : fn;
  // `async` so a failure arrives as a rejected promise, as it does from every other reader.
  const reader: NativeRecordReader = {
    async bundles(usccs) {
      if (usccs.length === 0) return [];
      return (stmt(BUNDLE_SQL).all(JSON.stringify(usccs)) as BundleRow[]).map(decodeBundle);
    },
    async sources(ids) {
      if (ids.length === 0) return [];
      return (stmt(SOURCES_SQL).all(JSON.stringify(ids)) as BundleRow[]).map(decodeSource);
    },
    async bucket(prefix) {
      return (stmt(BUCKET_SQL).all(prefix) as BundleRow[]).map((r) => ({
        hash: String(r.hash),
        uscc: String(r.uscc),
      }));
    },
    async keptBucket(prefix, nowIso) {
      const r = stmt(KEPT_BUCKET_BYTES_SQL).get([prefix, nowIso]) as BundleRow | undefined;
      return r ? { body: r.body as Uint8Array, etag: String(r.etag) } : null;
    },
    async rangeVersion(prefix) {
      return Number((stmt(RANGE_VERSION_SQL).get(prefix) as BundleRow | undefined)?.v ?? 0);
    },
    async keepBucket(b) {
      const keep = stmt(KEEP_BUCKET_SQL);
      // No busy wait at all for this cache write: while another connection holds the write lock it
      // fails at once (the caller lets it go; a later request keeps the bucket). Waiting, even 5 ms,
      // is synchronous and took the event loop from the lock's holder — an import that yields
      // between slices — on every range miss (db/client.ts).
      db.exec("PRAGMA query_only = 0; PRAGMA busy_timeout = 0");
      try {
        keep.run([b.prefix, b.v, b.validUntil, b.etag, b.body]);
      } finally {
        db.exec("PRAGMA query_only = 1; PRAGMA busy_timeout = 5");
      }
    },
    async generation() {
      if (shmFd === null) return `n:${dataVersion()}`;
      if (closed || isAppClosed()) stmt("SELECT 1"); // fails as a closed database does
      readSync(shmFd, header, 0, 48, 0);
      const h = header.toString("base64");
      if (h === seen.header) return seen.token;
      // The header moved: someone committed. Only a commit by another connection is a data change;
      // this connection's own commits (kept range buckets) leave data_version where it was.
      const dv = dataVersion();
      seen.header = h;
      if (dv !== seen.dataVersion) {
        seen.dataVersion = dv;
        seen.token = `w:${dv}:${h}`;
      }
      return seen.token;
    },
    close,
  };
  return {
    bundles: watched(reader.bundles),
    sources: watched(reader.sources),
    bucket: watched(reader.bucket),
    keptBucket: watched(reader.keptBucket),
    rangeVersion: watched(reader.rangeVersion),
    keepBucket: watched(reader.keepBucket, true),
    generation: watched(reader.generation!),
    close,
  };
}
