import { spawn } from "node:child_process";
import { type CapturedOutput, createOutputCapture, DEFAULT_OUTPUT_LIMIT_BYTES } from "./output-capture.js";

export interface ProcessRunOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** How long a signalled process group gets before SIGKILL (and again before giving up). */
  killGraceMs?: number;
  outputLimitBytes?: number;
  mask?: (text: string) => string;
}

export interface ProcessRunResult {
  /** null when the process was killed by a signal or never started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  output: CapturedOutput;
  /** Set when the program could not be started at all (e.g. the interpreter is not installed). */
  spawnError?: { code: string | undefined; message: string };
}

export const DEFAULT_KILL_GRACE_MS = 5000;
const POLL_MS = 20;
const REAP_WAIT_MS = 5000;

/**
 * Runs one program without a shell, in its own process group. On timeout the whole group gets
 * SIGTERM, then SIGKILL after the grace period, so children and grandchildren die too. When the
 * program exits by itself, anything it left running in its group is stopped the same way.
 * Resolves only once the group is gone (or the grace periods ran out).
 * A process that moves itself into a new session (setsid, daemonising) escapes the group.
 */
export function runProcess(options: ProcessRunOptions): Promise<ProcessRunResult> {
  const graceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const mask = options.mask ?? ((text: string) => text);
  const capture = createOutputCapture(options.outputLimitBytes ?? DEFAULT_OUTPUT_LIMIT_BYTES);

  return new Promise((resolve) => {
    let settled = false;
    let timedOut = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let stopping: Promise<void> | undefined;
    let timer: NodeJS.Timeout | undefined;

    const settle = (spawnError?: ProcessRunResult["spawnError"]) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (spawnError)
        capture.write(Buffer.from(`notion-ops: could not start ${options.command}: ${spawnError.message}\n`));
      resolve({
        exitCode: exit?.code ?? null,
        signal: exit?.signal ?? null,
        timedOut,
        output: capture.finish(mask),
        ...(spawnError ? { spawnError } : {}),
      });
    };

    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(options.command, [...options.args], {
        cwd: options.cwd,
        env: options.env,
        detached: true,
        shell: false,
        stdio: ["ignore", "pipe", "pipe"],
        windowsHide: true,
      });
    } catch (error) {
      settle(describeSpawnError(error));
      return;
    }

    const stopGroup = () => {
      stopping ??= child.pid === undefined ? Promise.resolve() : terminateGroup(child.pid, graceMs);
      return stopping;
    };
    timer = setTimeout(() => {
      timedOut = true;
      void stopGroup();
    }, options.timeoutMs);

    const streamsClosed = new Promise<void>((done) => child.once("close", () => done()));
    child.stdout?.on("data", (chunk: Buffer) => capture.write(chunk));
    child.stderr?.on("data", (chunk: Buffer) => capture.write(chunk));
    child.once("error", (error) => {
      if (child.pid === undefined) settle(describeSpawnError(error));
    });
    child.once("exit", (code, signal) => {
      exit = { code, signal };
      clearTimeout(timer);
      void stopGroup()
        .then(() => Promise.race([streamsClosed, delay(graceMs, { unref: true })]))
        .then(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
          settle();
        });
    });
  });
}

function describeSpawnError(error: unknown): { code: string | undefined; message: string } {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return { code, message: error instanceof Error ? error.message : String(error) };
}

/**
 * SIGTERM to the group, SIGKILL if it is still there after `graceMs`; resolves when it is gone.
 * Killed grandchildren are reparented to init and stay visible (as zombies) until it reaps them,
 * which some minimal inits do only every second or so; hence the longer final wait.
 */
async function terminateGroup(groupId: number, graceMs: number): Promise<void> {
  if (!signalGroup(groupId, "SIGTERM")) return;
  if (await groupGoneWithin(groupId, graceMs)) return;
  if (!signalGroup(groupId, "SIGKILL")) return;
  await groupGoneWithin(groupId, Math.max(graceMs, REAP_WAIT_MS));
}

/** False when the group no longer exists. */
function signalGroup(groupId: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-groupId, signal);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function groupGoneWithin(groupId: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (signalGroup(groupId, 0)) {
    if (Date.now() >= deadline) return false;
    await delay(POLL_MS);
  }
  return true;
}

function delay(ms: number, options: { unref?: boolean } = {}): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(done, ms);
    if (options.unref) timer.unref();
  });
}
