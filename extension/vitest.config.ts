import preact from "@preact/preset-vite";
import { defineProject } from "vitest/config";

export default defineProject({
  plugins: [preact()],
  test: {
    name: "extension",
    // Adapters and components read a Document; happy-dom gives one without a browser.
    environment: "happy-dom",
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", ".output/**", ".wxt/**"],
    // Browser tests build the extension and start Chromium plus the real service: 2 cores here.
    pool: "forks",
    poolOptions: { forks: { singleFork: true } },
    testTimeout: 240_000,
    hookTimeout: 300_000,
  },
});
