/** Baseline for workerd: a bare Hono worker answering constant bodies (sizes from the BENCH_BODIES var). */
import { Hono } from "hono";

type Env = { BENCH_BODIES?: string };
let bodies: Map<string, string> | null = null;
const app = new Hono<{ Bindings: Env }>();
app.get("/healthz", (c) => c.text("ok"));
app.get("/c/:name", (c) => {
  bodies ??= new Map(
    Object.entries(JSON.parse(c.env.BENCH_BODIES ?? "{}") as Record<string, number>).map(([k, n]) => [
      k,
      "x".repeat(n),
    ]),
  );
  return c.body(bodies.get(c.req.param("name")) ?? "", 200, { "Content-Type": "application/json" });
});
export default app;
