import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources through the `@notion-ops/source`
// export condition, so tests never need a prior build.
export const sharedTestConfig = defineConfig({
  resolve: { conditions: ["@notion-ops/source", "import", "node", "default"] },
  ssr: { resolve: { conditions: ["@notion-ops/source", "import", "node", "default"] } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    restoreMocks: true,
  },
});
