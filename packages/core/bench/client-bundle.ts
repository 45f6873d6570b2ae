/**
 * The sync's client side as the product ships it: an esbuild bundle run by plain Node, without
 * the TypeScript loader the benchmark scripts use (which alone adds ~50–90 MB of RSS and would
 * be counted as the client's). Built once per benchmark run into a temporary directory.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
let bundled: Promise<string> | undefined;

export function syncClientBundle(): Promise<string> {
  bundled ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "notion-ops-bench-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    // Two entries and the chunks they share, as packages/action/dist is built: the process's main
    // thread loads only what it needs, the sync worker loads the rest.
    await build({
      entryPoints: {
        "sync-client-process": join(here, "sync-client-process.ts"),
        "sync-client-worker": join(here, "sync-client-worker.ts"),
      },
      outdir: dir,
      outExtension: { ".js": ".mjs" },
      splitting: true,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node24",
      conditions: ["@notion-ops/source"],
      mainFields: ["module", "main"],
      minify: true,
      keepNames: true,
      logLevel: "error",
      // Some dependencies are CommonJS and call require() for Node built-ins (as in packages/action).
      banner: {
        js: 'import { createRequire as __benchCreateRequire } from "node:module"; const require = __benchCreateRequire(import.meta.url);',
      },
    });
    return join(dir, "sync-client-process.mjs");
  })();
  return bundled;
}
