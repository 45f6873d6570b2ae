import * as core from "@actions/core";
import { NotionOpsError } from "@notion-ops/core";
import { actionArguments } from "./action-inputs.js";
import { run } from "./run.js";

/**
 * The Action run: masks secret inputs, turns the inputs into the argv and environment the CLI
 * takes, runs the same run(), and reports a failure; resolves with the exit code.
 */
export async function runAction(): Promise<number> {
  let exitCode: number;
  try {
    const { argv, env } = actionArguments(process.env);
    exitCode = await run(argv, {
      env,
      cwd: process.env.GITHUB_WORKSPACE ?? process.cwd(),
      stdout: process.stdout,
      stderr: process.stderr,
      mode: "actions",
    });
  } catch (error) {
    core.error(NotionOpsError.is(error) ? error.message : String((error as Error)?.stack ?? error));
    exitCode = NotionOpsError.is(error) ? error.exitCode : 1;
  }
  if (exitCode !== 0) core.setFailed(`notion-ops exited with code ${exitCode}`);
  return exitCode;
}
