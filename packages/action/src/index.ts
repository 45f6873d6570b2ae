import * as core from "@actions/core";
import { NotionOpsError } from "@notion-ops/core";
import { actionArguments } from "./action-inputs.js";
import { run } from "./run.js";
import { runEntryInSyncWorker, runsInSyncWorker } from "./sync-worker.js";

// The Action entry: masks secret inputs, turns the inputs into the argv and environment the CLI
// takes, and runs the same run(); `sync` runs this entry again in a sync worker, which reports
// its own failure.
let exitCode: number;
let reported = false;
try {
  const { argv, env } = actionArguments(process.env);
  if (runsInSyncWorker(argv)) {
    exitCode = await runEntryInSyncWorker(new URL(import.meta.url), []);
    reported = true;
  } else {
    exitCode = await run(argv, {
      env,
      cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
      stdout: process.stdout,
      stderr: process.stderr,
      mode: "actions",
    });
  }
} catch (error) {
  core.error(NotionOpsError.is(error) ? error.message : String((error as Error)?.stack ?? error));
  exitCode = NotionOpsError.is(error) ? error.exitCode : 1;
}
if (exitCode !== 0 && !reported) core.setFailed(`notion-ops exited with code ${exitCode}`);
process.exitCode = exitCode;
