import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.js";

/**
 * `pnpm test:faults`: Notion and vendor faults, crash and resume of the bundled CLI, overlapping
 * runs (test/reliability), kept out of `pnpm test` because they wait out real Retry-After pauses
 * and spawn the CLI. Needs a fresh bundle (`pnpm bundle`); CI checks that first.
 */
export default defineConfig({
  ...sharedTestConfig,
  test: {
    ...sharedTestConfig.test,
    include: ["test/reliability/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // The fault suites mostly wait (Retry-After, backoff): two files at once even on 2 cores.
    maxWorkers: 2,
  },
});
