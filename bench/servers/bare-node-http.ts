/** Baseline: a bare node:http server answering the same constant bodies as bare-hono.ts. */
import { createServer } from "node:http";

const sizes = JSON.parse(process.env.BENCH_BODIES ?? "{}") as Record<string, number>;
const bodies = new Map(Object.entries(sizes).map(([k, n]) => [`/c/${k}`, Buffer.from("x".repeat(n))]));
createServer((req, res) => {
  const body = req.url === "/healthz" ? Buffer.from("ok") : (bodies.get(req.url ?? "") ?? Buffer.alloc(0));
  res.writeHead(200, { "Content-Type": "application/json", "Content-Length": body.length });
  res.end(body);
}).listen(Number(process.env.PORT), "127.0.0.1");
