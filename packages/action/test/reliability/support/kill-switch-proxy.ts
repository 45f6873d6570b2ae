import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface KillSwitchProxy {
  url: string;
  /** Requests forwarded so far (since the last `arm`). */
  readonly forwarded: number;
  /**
   * After the `n`th request from now has reached Notion and Notion has answered, calls `kill`
   * (which SIGKILLs the client) instead of passing the answer on: the write landed, and the
   * client dies without knowing. `n = 0` disarms.
   */
  arm(n: number, kill: () => void): void;
  close(): Promise<void>;
}

/**
 * A pass-through HTTP proxy in front of the emulator that counts requests, so a client can be
 * killed at an exact point of its run (the emulator's own request log can only be polled).
 */
export async function startKillSwitchProxy(target: string): Promise<KillSwitchProxy> {
  const upstream = new URL(target);
  let forwarded = 0;
  let killAt = 0;
  let kill: () => void = () => {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const seq = ++forwarded;
      const out = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          const body: Buffer[] = [];
          answer.on("data", (chunk: Buffer) => body.push(chunk));
          answer.on("end", () => {
            if (seq === killAt) {
              kill();
              res.socket?.destroy();
              return;
            }
            res.writeHead(answer.statusCode ?? 502, passHeaders(answer.headers));
            res.end(Buffer.concat(body));
          });
        },
      );
      out.on("error", () => res.socket?.destroy());
      out.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get forwarded() {
      return forwarded;
    },
    arm(n, onKill) {
      forwarded = 0;
      killAt = n;
      kill = onKill;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function passHeaders(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { connection: _c, "keep-alive": _k, "transfer-encoding": _t, ...rest } = headers;
  return rest;
}
