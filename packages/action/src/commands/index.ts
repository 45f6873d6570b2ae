import type { Command } from "../command.js";
import { configCheckCommand } from "./config-check.js";
import { logChangeCommand } from "./log-change.js";
import { logChangesCommand } from "./log-changes.js";
import { runScriptsCommand } from "./run-scripts.js";
import { syncCommand } from "./sync.js";

/** Every command the CLI and the Action know, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  syncCommand,
  logChangesCommand,
  logChangeCommand,
  runScriptsCommand,
  configCheckCommand,
];
