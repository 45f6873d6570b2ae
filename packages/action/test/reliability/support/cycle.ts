import { join } from "node:path";
import type { Clock } from "@notion-ops/core";
import type { NotionEmulator } from "@notion-ops/notion-emulator";
import type { PluginRegistry } from "../../../src/plugin-registry.js";
import { run } from "../../../src/run.js";

// biome-ignore lint/suspicious/noExplicitAny: the --json output is read field by field.
export type Json = Record<string, any>;

export interface CommandRun {
  argv: string[];
  code: number;
  json: Json;
  stdout: string;
  stderr: string;
}

export interface CycleEnvironment {
  emulator: NotionEmulator;
  /** The repository (cwd): notion-ops.yml, runbooks, scripts, the push event. */
  dir: string;
  registry: PluginRegistry;
  /** Vendor credentials and base URLs, plus anything a case adds. */
  env: Record<string, string>;
  clock?: Clock;
}

/** The GitHub run the commands believe they are in: fixes Script Runs' Run Key and Trigger. */
export const GITHUB_ENV = {
  GITHUB_RUN_ID: "9100200300",
  GITHUB_RUN_ATTEMPT: "1",
  GITHUB_EVENT_NAME: "schedule",
  GITHUB_SERVER_URL: "https://github.com",
  GITHUB_REPOSITORY: "acme-msp/network-configs",
};

/** The snapshot date Daily Health is written for (the same in every run of a case). */
export const SYNC_DATE = "2026-03-01";

/**
 * The client's test-speed knobs: no rate limit of our own (the emulator enforces none unless a
 * case asks), short backoff steps. Retry-After is always honoured as the server sends it.
 */
export const FAST_CLIENT = {
  NOTION_OPS_RATE_LIMIT: "1000",
  NOTION_OPS_RETRY_BASE_MS: "20",
};

/** One `notion-ops` invocation through the same run() the CLI and the Action use, with `--json`. */
export async function runCommand(argv: string[], environment: CycleEnvironment): Promise<CommandRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run([...argv, "--json"], {
    env: {
      NOTION_TOKEN: environment.emulator.token,
      NOTION_BASE_URL: environment.emulator.url,
      ...FAST_CLIENT,
      ...GITHUB_ENV,
      ...environment.env,
    },
    cwd: environment.dir,
    stdout: { write: (chunk: string) => stdout.push(chunk) },
    stderr: { write: (chunk: string) => stderr.push(chunk) },
    registry: environment.registry,
    ...(environment.clock ? { clock: environment.clock } : {}),
  });
  const out = stdout.join("");
  return { argv, code, stdout: out, stderr: stderr.join(""), json: out ? (JSON.parse(out) as Json) : {} };
}

export interface CycleResult {
  setup: CommandRun;
  sync: CommandRun;
  logChanges: CommandRun;
  runScripts: CommandRun;
}

/** What a team's workflows do on day one: setup, sync, log-changes, run-scripts. */
export async function runCycle(environment: CycleEnvironment, parentPageId: string): Promise<CycleResult> {
  const setup = await runCommand(["setup", "--parent-page", parentPageId], environment);
  const sync = await runCommand(["sync", "--date", SYNC_DATE], environment);
  // --event is read relative to the process, not run()'s cwd: pass both files absolute.
  const event = join(environment.dir, "push-event.json");
  const logChanges = await runCommand(["log-changes", "--event", event], environment);
  const manifest = join(environment.dir, "scripts.yml");
  const runScripts = await runCommand(["run-scripts", "--manifest", manifest], environment);
  return { setup, sync, logChanges, runScripts };
}
