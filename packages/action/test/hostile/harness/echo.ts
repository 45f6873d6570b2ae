import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * What a careless proxy or vendor does with a failed request: repeats it back. The text holds the
 * request's headers and body as they were sent, URL-encoded and base64-encoded, so every secret
 * the request carried (API key header, bearer token, form-encoded client secret) comes back in
 * every form a log could show it in.
 */
export function echoOf(request: {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}): string {
  const sent = `${request.method} ${request.url} headers=${JSON.stringify(request.headers)} body=${request.body}`;
  return [
    `rejected: ${sent}`,
    `encoded=${encodeURIComponent(sent)}`,
    `base64=${Buffer.from(sent).toString("base64")}`,
    `basic=${Buffer.from(`user:${request.body || JSON.stringify(request.headers)}`).toString("base64")}`,
  ].join(" | ");
}

/** A nock reply that echoes the (fetch) Request it got, with `status` and a vendor-like error body. */
export function echoReply(status: number, shape: (message: string) => unknown = (message) => ({ message })) {
  return async (request: Request): Promise<[number, unknown, Record<string, string>]> => {
    const headers = Object.fromEntries(request.headers.entries());
    const body = await request.text().catch(() => "");
    const message = echoOf({ method: request.method, url: request.url, headers, body });
    return [status, shape(message), { "content-type": "application/json", "retry-after": "0" }];
  };
}

export interface EchoServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/**
 * A loopback vendor that fails every request with `status(path)` and echoes it back (for the
 * bundled Action, which runs in a child process nock cannot reach).
 */
export async function startEchoServer(
  answer: (path: string) => { status: number; body?: (message: string) => unknown },
): Promise<EchoServer> {
  const requests: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : String(v)]),
      );
      requests.push(`${req.method} ${req.url}`);
      const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
      const { status, body: shape = (message: string) => ({ message }) } = answer(path);
      const message = echoOf({ method: req.method ?? "GET", url: req.url ?? "/", headers, body });
      res.writeHead(status, { "content-type": "application/json", "retry-after": "0" });
      res.end(JSON.stringify(shape(message)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
