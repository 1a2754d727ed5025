import { defineProject } from "vitest/config";

export default defineProject({
  esbuild: { jsx: "automatic", jsxImportSource: "hono/jsx" },
  test: {
    name: "worker",
    include: ["**/*.test.ts", "**/*.test.tsx"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
