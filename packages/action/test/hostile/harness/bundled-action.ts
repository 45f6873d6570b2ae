import { spawn } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ENTRY = new URL("../../../dist/index.js", import.meta.url).pathname;

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The GITHUB_OUTPUT file as the runner would read it. */
  outputs: string;
  /** The GITHUB_STEP_SUMMARY file. */
  summary: string;
}

/**
 * Runs the committed bundle (dist/index.js) the way the runner does: inputs as `INPUT_<NAME>`
 * variables, outputs and the job summary written to the files named by GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY, the workspace as the working directory. Nothing else is inherited.
 */
export async function runBundledAction(options: {
  workspace: string;
  inputs: Record<string, string>;
  env?: Record<string, string | undefined>;
}): Promise<ActionRun> {
  const files = await mkdtemp(join(tmpdir(), "notion-ops-runner-"));
  const outputFile = join(files, "output.txt");
  const summaryFile = join(files, "summary.md");
  await writeFile(outputFile, "");
  await writeFile(summaryFile, "");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: files,
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: files,
  };
  for (const [name, value] of Object.entries(options.inputs)) {
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  }
  for (const [name, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[name] = value;

  const child = spawn(process.execPath, [ENTRY], { cwd: options.workspace, env, stdio: "pipe" });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  return {
    code,
    stdout: Buffer.concat(stdout).toString("utf8"),
    stderr: Buffer.concat(stderr).toString("utf8"),
    outputs: await readFile(outputFile, "utf8"),
    summary: await readFile(summaryFile, "utf8"),
  };
}

export interface WorkflowCommand {
  name: string;
  line: string;
}

/**
 * The workflow commands the runner would act on in `stdout`: lines starting with `::name` (after
 * leading whitespace) or holding a legacy `##[name`, skipping what `::stop-commands::<token>` …
 * `::<token>::` fences off.
 */
export function workflowCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  let stopToken: string | undefined;
  for (const raw of stdout.split(/\r?\n/)) {
    const line = raw.trim();
    if (stopToken !== undefined) {
      if (line === `::${stopToken}::`) stopToken = undefined;
      continue;
    }
    const v2 = /^::([A-Za-z-]+)[ :]/.exec(line);
    if (v2) {
      if (v2[1] === "stop-commands") stopToken = line.slice("::stop-commands::".length);
      commands.push({ name: v2[1]!, line });
      continue;
    }
    const v1 = /##\[([A-Za-z-]+)/.exec(line);
    if (v1) commands.push({ name: v1[1]!, line });
  }
  return commands;
}
