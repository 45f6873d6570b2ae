import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** A request to a fake vendor API, read in full. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body ("" when there is none). */
  body: string;
}

export interface FakeResponse {
  status: number;
  /** Sent as JSON. */
  body: unknown;
  headers?: Record<string, string>;
}

export interface FakeServer {
  /** e.g. `http://127.0.0.1:43121` */
  readonly url: string;
  /** Requests answered so far. */
  requests(): number;
  stop(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 (a free port) answering JSON, for the demo's fake vendor APIs.
 * A handler that throws is answered with a 500 naming the fake, so a bug never hangs a run.
 */
export async function startLoopbackServer(
  name: string,
  handle: (request: FakeRequest) => FakeResponse,
): Promise<FakeServer> {
  let answered = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      let response: FakeResponse;
      try {
        response = handle({
          method: req.method ?? "GET",
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        });
      } catch (error) {
        response = { status: 500, body: { message: `${name}: ${(error as Error).message}` } };
      }
      answered++;
      res.writeHead(response.status, { "content-type": "application/json", ...response.headers });
      res.end(JSON.stringify(response.body));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => answered,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
