/**
 * The load generator, in its own process so it does not share an event loop with the server:
 * autocannon over a list of paths drawn beforehand (Zipf-like keys), cycled in order.
 * Usage: node --import tsx bench/load/run-load.ts <config.json>  → prints one JSON result line.
 */
import { readFileSync } from "node:fs";
import autocannon from "autocannon";

interface LoadConfig {
  url: string;
  paths: string[];
  connections: number;
  duration: number;
}

const cfg = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as LoadConfig;
let i = 0;
const result = await autocannon({
  url: cfg.url,
  connections: cfg.connections,
  duration: cfg.duration,
  requests: [
    {
      setupRequest: (req) => {
        req.path = cfg.paths[i++ % cfg.paths.length]!;
        return req;
      },
    },
  ],
});
console.log(
  JSON.stringify({
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerSec: result.throughput.average,
  }),
);
