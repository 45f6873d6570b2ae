#!/usr/bin/env node
import packageJson from "../package.json" with { type: "json" };

// `--version` answers before anything else loads; every other invocation loads the CLI lazily
// (esbuild keeps the dynamically imported modules unevaluated until they are needed).
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
  process.stdout.write(`${packageJson.version}\n`);
} else {
  const { runEntryInSyncWorker, runsInSyncWorker } = await import("./sync-worker.js");
  if (runsInSyncWorker(argv)) {
    process.exitCode = await runEntryInSyncWorker(new URL(import.meta.url), argv);
  } else {
    const { run } = await import("./run.js");
    process.exitCode = await run(argv, {
      env: process.env,
      cwd: process.cwd(),
      stdout: process.stdout,
      stderr: process.stderr,
    });
  }
}
