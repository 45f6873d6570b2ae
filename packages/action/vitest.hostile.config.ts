import { defineConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.js";

/** `pnpm test:hostile`: bad input and secret hygiene (test/hostile), kept out of `pnpm test`. */
export default defineConfig({
  ...sharedTestConfig,
  test: { ...sharedTestConfig.test, include: ["test/hostile/**/*.test.ts"], testTimeout: 120_000 },
});
