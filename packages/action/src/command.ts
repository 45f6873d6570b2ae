import type { ParseArgsOptionsConfig } from "node:util";
import type { Clock, Logger, NotionOpsConfig } from "@notion-ops/core";
import type { PluginRegistry } from "./plugin-registry.js";
import type { Table } from "./report/text-table.js";

/** What every command gets: parsed options, the environment, a logger and the plugin registry. */
export interface CommandContext {
  /** Options specific to the command, as parsed. */
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  /** The --config path (default notion-ops.yml, relative to cwd). */
  configPath: string;
  json: boolean;
  verbose: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  logger: Logger;
  registry: PluginRegistry;
  /** The Notion client's clock, when not the system clock (tests). */
  clock?: Clock;
  /** Loads and validates the config (throws ConfigError, exit 2). */
  loadConfig(): Promise<{ config: NotionOpsConfig; file: string; text: string }>;
}

/** A command's outcome: its exit code, the machine-readable result (--json, the Action's
 * `result` output) and the tables shown to people (terminal, or the job summary in Actions). */
export interface CommandResult {
  exitCode: 0 | 1 | 2;
  result: Record<string, unknown>;
  tables?: Table[];
}

export interface Command {
  /** Words that select it, e.g. ["config", "check"]. */
  name: readonly string[];
  usage: string;
  summary: string;
  options: ParseArgsOptionsConfig;
  run(context: CommandContext): Promise<CommandResult>;
}
