import { configDefaults, defineConfig, mergeConfig } from "vitest/config";
import { sharedTestConfig } from "../../vitest.shared.js";

// Slow suites run on their own (root scripts), not in `pnpm test`.
export default mergeConfig(
  sharedTestConfig,
  defineConfig({ test: { exclude: [...configDefaults.exclude, "test/hostile/**", "test/reliability/**"] } }),
);
