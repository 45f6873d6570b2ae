import { readFile, rename, writeFile } from "node:fs/promises";
import type { WorkspaceState } from "./state.js";

export class StateFileError extends Error {
  readonly file: string;
  constructor(file: string, message: string, cause?: unknown) {
    super(`State file ${file}: ${message}`, cause === undefined ? undefined : { cause });
    this.name = "StateFileError";
    this.file = file;
  }

  static is(error: unknown): error is StateFileError {
    return error instanceof StateFileError;
  }
}

/** Loads a saved workspace, or undefined when the file does not exist. */
export async function loadState(file: string): Promise<WorkspaceState | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new StateFileError(file, "cannot be read", error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(file, "is not valid JSON", error);
  }
  const state = parsed as Partial<WorkspaceState>;
  if (state?.version !== 1 || typeof state.pages !== "object" || typeof state.databases !== "object") {
    throw new StateFileError(file, "is not a notion-emulator state file (version 1)");
  }
  return { viewQueries: {}, ...state } as WorkspaceState;
}

/** Writes the workspace atomically (temporary file, then rename). */
export async function saveState(file: string, state: WorkspaceState): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state)}\n`, "utf8");
  await rename(temporary, file);
}
