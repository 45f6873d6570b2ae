import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The bundled CLI, as users and the Action run it (built by `pnpm --filter @notion-ops/action bundle`). */
export const BUNDLED_CLI = fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  child: ChildProcess;
  exited: Promise<CliExit>;
}

/** Spawns `node dist/cli.js <args>` with only the given environment (plus PATH). */
export function spawnCli(args: string[], options: { cwd: string; env: Record<string, string> }): CliProcess {
  const child = spawn(process.execPath, [BUNDLED_CLI, ...args], {
    cwd: options.cwd,
    env: { PATH: process.env.PATH ?? "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString("utf8")));
  const exited = new Promise<CliExit>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) =>
      resolve({ code, signal, stdout: stdout.join(""), stderr: stderr.join("") }),
    );
  });
  return { child, exited };
}

/**
 * Fails unless dist/ is what the sources build (the bundle is committed; CI checks it before the
 * tests, but a stale local bundle would make these tests test old code).
 */
export async function assertBundleFresh(): Promise<void> {
  const { execFile } = await import("node:child_process");
  const packageDir = fileURLToPath(new URL("../../../", import.meta.url));
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, ["esbuild.config.mjs", "--check"], { cwd: packageDir }, (error, _out, err) => {
      if (error)
        reject(new Error(`${err.trim() || error.message}\n(run: pnpm --filter @notion-ops/action bundle)`));
      else resolve();
    });
  });
}
