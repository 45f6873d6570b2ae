import type { Command } from "../command.js";
import { demoCommand } from "../demo/demo-command.js";
import { configCheckCommand } from "./config-check.js";
import { doctorCommand } from "./doctor.js";
import { logChangeCommand } from "./log-change.js";
import { logChangesCommand } from "./log-changes.js";
import { runScriptsCommand } from "./run-scripts.js";
import { setupCommand } from "./setup.js";
import { syncCommand } from "./sync.js";

/** Every command the CLI and the Action know, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  setupCommand,
  doctorCommand,
  syncCommand,
  logChangesCommand,
  logChangeCommand,
  runScriptsCommand,
  configCheckCommand,
  demoCommand,
];
