/**
 * Request/response over a forked child's IPC channel, so the emulator and the sync's client side
 * can each run in their own process (their CPU and memory are then measured apart).
 *
 * Child:  `serveRpc(api, ready)` answers `{ type: "call", id, method, args }` with
 *         `{ type: "result", id, value | error }`, after announcing `{ type: "ready", ...ready }`.
 * Parent: `forkRpc<Api>(file, argv)` waits for the ready message and returns a typed `call()`.
 */
import { type ChildProcess, fork } from "node:child_process";

// biome-ignore lint/suspicious/noExplicitAny: an API is any object of one-argument async methods.
export type RpcApi = Record<string, (args: any) => unknown>;

interface CallMessage {
  type: "call";
  id: number;
  method: string;
  args: unknown;
}

interface ResultMessage {
  type: "result";
  id: number;
  value?: unknown;
  error?: string;
}

export function serveRpc(api: RpcApi, ready: Record<string, unknown> = {}): void {
  process.on("message", async (message: CallMessage) => {
    if (message?.type !== "call") return;
    const reply = (result: Omit<ResultMessage, "type" | "id">) =>
      process.send?.({ type: "result", id: message.id, ...result });
    const method = api[message.method];
    if (!method) {
      reply({ error: `unknown method ${message.method}` });
      return;
    }
    try {
      reply({ value: await method(message.args) });
    } catch (error) {
      reply({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  });
  process.send?.({ type: "ready", ...ready });
}

export interface RpcChild<Api extends RpcApi, Ready> {
  child: ChildProcess;
  ready: Ready;
  call<K extends keyof Api & string>(
    method: K,
    ...args: Parameters<Api[K]> extends [] ? [] : [Parameters<Api[K]>[0]]
  ): Promise<Awaited<ReturnType<Api[K]>>>;
  /** Asks the child to stop (`{ type: "stop" }`) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Forks `file` and waits until it is ready. Node flags default to this process's (the TypeScript
 * loader and source conditions), for a `.ts` file; a bundled `.mjs` needs none.
 */
export async function forkRpc<Api extends RpcApi, Ready>(
  file: string,
  argv: string[] = [],
  execArgv: string[] = process.execArgv,
): Promise<RpcChild<Api, Ready>> {
  const child = fork(file, argv, {
    execArgv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let exited: Error | undefined;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = new Error(`${file} exited (${signal ?? `code ${code}`})`);
      for (const { reject } of pending.values()) reject(exited);
      pending.clear();
      resolve();
    });
  });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once("error", reject);
    void exitedPromise.then(() => reject(exited));
    const onReady = (message: { type?: string }) => {
      if (message?.type !== "ready") return;
      child.off("message", onReady);
      resolve(message as Ready);
    };
    child.on("message", onReady);
  });
  child.on("message", (message: ResultMessage) => {
    if (message?.type !== "result") return;
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error !== undefined) waiter.reject(new Error(message.error));
    else waiter.resolve(message.value);
  });
  let nextId = 0;
  return {
    child,
    ready,
    call: (method, ...args) => {
      if (exited) return Promise.reject(exited);
      const id = ++nextId;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        child.send({ type: "call", id, method, args: args[0] } satisfies CallMessage);
      });
    },
    async stop() {
      if (!exited) child.send({ type: "stop" });
      await exitedPromise;
    },
  };
}
