import { access, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type Logger, UsageError } from "@notion-ops/core";
import { configStamp, demoConfigText, estateStamp } from "./demo-config.js";
import { DEMO_RUNBOOKS, writeDemoRunbooks } from "./demo-runbooks.js";
import type { DemoEstate } from "./estate.js";

export interface DemoFolder {
  /** The demo's notion-ops.yml (setup writes the database ids into it). */
  configFile: string;
  /** The emulated Notion workspace, loaded at start and saved at the end. */
  stateFile: string;
  /** True when there is no saved workspace yet. */
  firstRun: boolean;
}

/**
 * Makes `dir` a demo folder: writes notion-ops.yml for `estate` and the sample runbooks when they
 * are missing, and refuses a notion-ops.yml that was not written for this estate (another version
 * of the demo, or somebody's real configuration), which it never touches.
 */
export async function prepareDemoFolder(options: {
  dir: string;
  estate: DemoEstate;
  logger: Logger;
  /** How to show a path to the user. */
  display: (path: string) => string;
  /** The command that resets the folder, for the message. */
  reset: string;
}): Promise<DemoFolder> {
  const { dir, estate, logger, display } = options;
  await mkdir(dir, { recursive: true });
  const configFile = join(dir, "notion-ops.yml");
  const stateFile = join(dir, "notion-workspace.json");
  const runbooksDir = join(dir, "runbooks");
  const firstRun = !(await exists(stateFile));

  if (!(await exists(configFile))) {
    await writeFile(configFile, demoConfigText(estate), "utf8");
    logger.info(`Wrote the demo configuration to ${display(configFile)}.`);
  } else if (configStamp(await readFile(configFile, "utf8")) !== estateStamp(estate)) {
    throw new UsageError(
      `${display(configFile)} was not written for this version's sample estate (another notion-ops version made it, or it is not a demo folder); ` +
        `start the demo over with ${options.reset}, or pass --dir <another folder>`,
    );
  }
  if (!(await exists(runbooksDir))) {
    await writeDemoRunbooks(runbooksDir);
    logger.info(`Wrote ${Object.keys(DEMO_RUNBOOKS).length} sample runbooks to ${display(runbooksDir)}.`);
  }
  return { configFile, stateFile, firstRun };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
