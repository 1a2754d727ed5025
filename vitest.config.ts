import { defineConfig } from "vitest/config";

// One test command for the whole repo; each workspace keeps its own config (environment, timeouts).
export default defineConfig({
  test: {
    projects: ["db", "worker", "extension"],
  },
});
