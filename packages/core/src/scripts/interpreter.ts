import { extname } from "node:path";

export type ScriptInterpreterName = "bash" | "node" | "python3" | "pwsh";

export interface ScriptInterpreter {
  name: ScriptInterpreterName;
  /** The program to spawn (`process.execPath` for node, else a name looked up on PATH). */
  command: string;
  /** Arguments placed before the script path. */
  args: string[];
}

const BY_EXTENSION: Record<string, ScriptInterpreterName> = {
  ".sh": "bash",
  ".mjs": "node",
  ".js": "node",
  ".py": "python3",
  ".ps1": "pwsh",
};

export const SUPPORTED_EXTENSIONS = Object.keys(BY_EXTENSION);

/**
 * The interpreter for a script, chosen from its extension (case-insensitive); undefined for any
 * other extension. Node scripts run on the same Node as notion-ops itself.
 */
export function interpreterFor(
  scriptPath: string,
  execPath: string = process.execPath,
): ScriptInterpreter | undefined {
  const name = BY_EXTENSION[extname(scriptPath).toLowerCase()];
  switch (name) {
    case "bash":
      return { name, command: "bash", args: [] };
    case "node":
      return { name, command: execPath, args: [] };
    case "python3":
      return { name, command: "python3", args: [] };
    case "pwsh":
      return { name, command: "pwsh", args: ["-NoLogo", "-NoProfile", "-NonInteractive", "-File"] };
    default:
      return undefined;
  }
}
