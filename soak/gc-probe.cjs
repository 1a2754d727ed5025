// Soak-only instrumentation, preloaded into the service by soak/run.ts (`--expose-gc --require`);
// never part of the service itself. On the soak's IPC message it runs two full collections and
// answers with what is still live. Why: the heap of a busy Node process is a sawtooth (here
// ~200 → ~310 MB between major collections, with a period of minutes), so RSS sampled at two
// moments measures the GC's phase, not a leak. Memory retained after a full collection at the start
// and at the end of the hold does measure growth; a leak raises it, a sawtooth does not.
"use strict";
if (typeof process.send === "function" && typeof globalThis.gc === "function") {
  process.on("message", (msg) => {
    if (msg?.type !== "xinbiao-soak-gc-probe") return;
    globalThis.gc();
    globalThis.gc();
    const m = process.memoryUsage();
    process.send({
      type: "xinbiao-soak-gc-probe",
      id: msg.id,
      heapUsed: m.heapUsed,
      external: m.external,
      arrayBuffers: m.arrayBuffers,
      rss: m.rss,
    });
  });
  // The IPC channel must not keep the service alive on its own.
  process.channel?.unref();
}
