// Bundles the Action entry and the CLI into ESM under dist/ (committed): the two entries and the
// chunks they share, so `notion-ops --version` loads a few kilobytes instead of the whole CLI.
// `node esbuild.config.mjs --check` rebuilds in memory and fails if the committed bundle is stale.
import { readdir, readFile, rm } from "node:fs/promises";
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
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
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

/** Files in dist/ the build did not produce (chunks of an earlier build). */
async function leftovers(produced) {
  const dist = join(here, "dist");
  const files = await readdir(dist, { recursive: true, withFileTypes: true }).catch(() => []);
  return files
    .filter((f) => f.isFile() && f.name.endsWith(".js"))
    .map((f) => join(f.parentPath, f.name))
    .filter((path) => !produced.has(path));
}

if (check) {
  const stale = [];
  for (const file of result.outputFiles) {
    const committed = await readFile(file.path, "utf8").catch(() => undefined);
    if (committed !== file.text) stale.push(relative(here, file.path));
  }
  const produced = new Set(result.outputFiles.map((f) => f.path));
  for (const path of await leftovers(produced)) stale.push(`${relative(here, path)} (not built any more)`);
  if (stale.length > 0) {
    console.error(
      `The committed bundle is stale: ${stale.join(", ")}.\nRun \`pnpm bundle\` and commit packages/action/dist/.`,
    );
    process.exit(1);
  }
  console.error("dist/ is up to date.");
} else {
  const produced = new Set(Object.keys(result.metafile.outputs).map((file) => join(here, file)));
  for (const path of await leftovers(produced)) await rm(path);
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith(".js"))
      console.error(`${join("packages/action", file)}: ${(info.bytes / 1024).toFixed(0)} KiB`);
  }
}
