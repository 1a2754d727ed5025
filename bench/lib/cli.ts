/** Command-line flags of `npm run bench` (all optional). */
export interface BenchOptions {
  merchants: number;
  listEntries: number;
  /**
   * Rows through the real import path. Default: the sizes (issue 7 item 5: 1M merchants, 100k
   * list entries), capped by the data set. Until bench/history.md item 19 the import held every libsql
   * statement until it returned (9.3 GB resident at 1M) and the run measured a 100k / 10k slice;
   * --import-merchants / --import-lists still pick a smaller slice for a quick run.
   */
  importMerchants: number;
  importLists: number;
  /** Seconds per load run. */
  duration: number;
  connections: number;
  /** Steps to run; default all. */
  only: Set<string> | null;
  /** Regenerate the data set even when bench/out holds one for the same inputs. */
  fresh: boolean;
  /** Where results.md / results.json go (default bench/). */
  outDir: string;
}

export const STEPS = ["dataset", "imports", "range", "badge", "http", "workerd", "extension"] as const;

const HELP = `npm run bench -- [--merchants N] [--lists N] [--import-merchants N] [--import-lists N] [--duration S] [--connections C] [--only a,b] [--fresh] [--out DIR]
  steps: ${STEPS.join(", ")}`;

export function parseArgs(argv: string[], benchDir: string): BenchOptions {
  const o: BenchOptions = {
    merchants: 1_000_000,
    listEntries: Number.NaN,
    importMerchants: Number.NaN,
    importLists: Number.NaN,
    duration: 6,
    connections: 64,
    only: null,
    fresh: false,
    outDir: benchDir,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} 需要一个值 / ${a} needs a value\n${HELP}`);
      return v;
    };
    const int = (name: string, v: string): number => {
      const n = Number(v.replace(/_/g, ""));
      if (!Number.isInteger(n) || n <= 0)
        throw new Error(`${name} 应为正整数，收到「${v}」 / ${name} must be a positive integer, got "${v}"`);
      return n;
    };
    if (a === "--merchants") o.merchants = int(a, next());
    else if (a === "--lists") o.listEntries = int(a, next());
    else if (a === "--import-merchants") o.importMerchants = int(a, next());
    else if (a === "--import-lists") o.importLists = int(a, next());
    else if (a === "--duration") o.duration = int(a, next());
    else if (a === "--connections") o.connections = int(a, next());
    else if (a === "--only") {
      const names = next().split(",");
      for (const n of names)
        if (!(STEPS as readonly string[]).includes(n))
          throw new Error(`未知步骤「${n}」 / unknown step "${n}"\n${HELP}`);
      o.only = new Set(names);
    } else if (a === "--fresh") o.fresh = true;
    else if (a === "--out") o.outDir = next();
    else if (a === "--help" || a === "-h") {
      console.log(HELP);
      process.exit(0);
    } else throw new Error(`未知参数「${a}」 / unknown flag "${a}"\n${HELP}`);
  }
  if (Number.isNaN(o.listEntries)) o.listEntries = Math.round(o.merchants / 10);
  if (Number.isNaN(o.importMerchants)) o.importMerchants = Math.min(o.merchants, 1_000_000);
  if (Number.isNaN(o.importLists)) o.importLists = Math.min(o.listEntries, 100_000);
  return o;
}
