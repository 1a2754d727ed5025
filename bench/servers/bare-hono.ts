/**
 * Baseline: a bare Hono app on @hono/node-server answering a constant body per route, sized like the
 * real endpoint's mean response (BENCH_BODIES='{"merchant":1234,…}'). No database, no middleware.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const sizes = JSON.parse(process.env.BENCH_BODIES ?? "{}") as Record<string, number>;
const bodies = new Map(Object.entries(sizes).map(([k, n]) => [k, "x".repeat(n)]));
const app = new Hono();
app.get("/healthz", (c) => c.text("ok"));
app.get("/c/:name", (c) =>
  c.body(bodies.get(c.req.param("name")) ?? "", 200, { "Content-Type": "application/json" }),
);
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: "127.0.0.1" });
