import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/.tmp/**", "node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Kill/resume and notebook tests start child processes; two cores, so keep files few at once.
    maxWorkers: 2,
    reporters: ["default", "./tests/support/closing-line-reporter.ts"],
  },
});
