// Bundles the Action entry and the CLI into one ESM file each under dist/ (committed).
// `node esbuild.config.mjs --check` rebuilds in memory and fails if the committed bundle is stale.
import { readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const check = process.argv.includes("--check");

const result = await build({
  absWorkingDir: here,
  entryPoints: { index: "src/index.ts", cli: "src/cli.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node24",
  conditions: ["@notion-ops/source"],
  mainFields: ["module", "main"],
  minify: true,
  keepNames: true,
  legalComments: "none",
  charset: "utf8",
  metafile: true,
  write: !check,
  // Some dependencies are CommonJS and call require() for Node built-ins.
  banner: {
    js: 'import { createRequire as __notionOpsCreateRequire } from "node:module"; const require = __notionOpsCreateRequire(import.meta.url);',
  },
  logLevel: check ? "error" : "info",
});

if (check) {
  const stale = [];
  for (const file of result.outputFiles) {
    const committed = await readFile(file.path, "utf8").catch(() => undefined);
    if (committed !== file.text) stale.push(relative(here, file.path));
  }
  if (stale.length > 0) {
    console.error(
      `The committed bundle is stale: ${stale.join(", ")}.\nRun \`pnpm bundle\` and commit packages/action/dist/.`,
    );
    process.exit(1);
  }
  console.error("dist/ is up to date.");
} else {
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith(".js"))
      console.error(`${join("packages/action", file)}: ${(info.bytes / 1024).toFixed(0)} KiB`);
  }
}
