import http from "node:http";
import https from "node:https";

/**
 * The Notion client's default HTTP: a minimal `fetch` over `node:http`/`node:https` with
 * keep-alive agents. A sync is tens of thousands of small JSON requests; Node's built-in
 * `fetch` (undici, WHATWG streams) cost about three times the CPU per request and held about three
 * times the heap for the same traffic (30,000 small POSTs from a worker thread, measured when this was
 * written); at 10,000 sites the first sync fell from ~320 to ~280 MB. Proxies: with NODE_USE_ENV_PROXY
 * set, HTTP(S)_PROXY and NO_PROXY are honoured as Node's own agents honour them.
 * A `fetch` given to createNotionClient is used instead (tests inject faults that way).
 */

export interface HttpRequestInit {
  method?: string | undefined;
  headers?: Record<string, string> | undefined;
  body?: string | FormData | undefined;
  signal: AbortSignal;
}

/** What the transport reads of a response (a subset of the Fetch API's `Response`). */
export interface HttpResponse {
  ok: boolean;
  status: number;
  headers: Headers;
  text(): Promise<string>;
}

export type HttpFetch = (url: string, init: HttpRequestInit) => Promise<HttpResponse>;

/**
 * A fetch with its own keep-alive agents. `env` decides proxying as it does for Node's own
 * agents: NODE_USE_ENV_PROXY turns HTTP_PROXY, HTTPS_PROXY and NO_PROXY on.
 */
export function createNodeHttpFetch(env: NodeJS.ProcessEnv = process.env): HttpFetch {
  const options: http.AgentOptions = {
    keepAlive: true,
    ...(env.NODE_USE_ENV_PROXY ? { proxyEnv: env } : {}),
  };
  let agents: { http: http.Agent; https: https.Agent } | undefined;
  const agentFor = (protocol: string): http.Agent => {
    agents ??= { http: new http.Agent(options), https: new https.Agent(options) };
    return protocol === "https:" ? agents.https : agents.http;
  };

  return (url, init) => {
    // Multipart uploads are rare and not worth a second encoder: they go through `fetch`.
    if (typeof init.body === "object") return globalThis.fetch(url, init);
    const target = new URL(url);
    const send = target.protocol === "https:" ? https.request : http.request;
    const body = init.body;
    return new Promise<HttpResponse>((resolve, reject) => {
      const request = send(
        target,
        {
          method: init.method ?? "GET",
          headers: {
            ...init.headers,
            ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }),
          },
          agent: agentFor(target.protocol),
          signal: init.signal,
        },
        (response) => {
          const text = readText(response);
          // Read at once, so the socket is free for the next request; a failure surfaces in text().
          text.catch(() => {});
          const status = response.statusCode ?? 0;
          resolve({
            ok: status >= 200 && status < 300,
            status,
            headers: headersOf(response),
            text: () => text,
          });
        },
      );
      request.on("error", reject);
      request.end(body);
    });
  };
}

let shared: HttpFetch | undefined;

/** The process's one instance (one pool of connections), made on first use. */
export const nodeHttpFetch: HttpFetch = (url, init) => {
  shared ??= createNodeHttpFetch();
  return shared(url, init);
};

function readText(response: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on("data", (chunk: Buffer) => chunks.push(chunk));
    response.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    response.on("error", reject);
    response.on("close", () => {
      if (!response.complete) {
        reject(
          Object.assign(new Error("the connection closed before the response was complete"), {
            code: "ECONNRESET",
          }),
        );
      }
    });
  });
}

function headersOf(response: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}
