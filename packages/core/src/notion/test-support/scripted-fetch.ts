/**
 * A `fetch` for unit tests: each request is answered by a handler that sees the method, path and
 * JSON body, and returns a real `Response`, throws (a network error), or returns "hang" (never
 * answers until the client aborts it). Every call is recorded with the time it was made.
 */
export interface RecordedCall {
  method: string;
  path: string;
  body: unknown;
  headers: Record<string, string>;
  at: number;
}

export type Handler = (call: RecordedCall, index: number) => Response | "hang" | Promise<Response | "hang">;

export function scriptedFetch(handler: Handler): typeof fetch & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const fn = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const call: RecordedCall = {
      method: (init?.method ?? "GET").toUpperCase(),
      path: url.pathname + url.search,
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
      headers: { ...(init?.headers as Record<string, string>) },
      at: Date.now(),
    };
    calls.push(call);
    const answer = await handler(call, calls.length - 1);
    if (answer !== "hang") return answer;
    return new Promise<Response>((_, reject) => {
      const signal = init?.signal;
      signal?.addEventListener("abort", () =>
        reject(new DOMException("This operation was aborted", "AbortError")),
      );
    });
  };
  return Object.assign(fn as typeof fetch, { calls });
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

/** Notion's error body: `{ object: "error", status, code, message, request_id }`. */
export function notionError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) {
  return json(status, { object: "error", status, code, message, request_id: "req-test" }, headers);
}

export function htmlBadGateway(): Response {
  return new Response("<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>", {
    status: 502,
    headers: { "content-type": "text/html", "cf-ray": "8a1b2c3d4e5f-AMS" },
  });
}

export function networkError(code: string): TypeError {
  return new TypeError("fetch failed", { cause: Object.assign(new Error(`read ${code}`), { code }) });
}

export const PAGE_ID = "1f3e4d5c-6b7a-4988-9a0b-1c2d3e4f5a6b";
export const DATA_SOURCE_ID = "2a3b4c5d-6e7f-4081-9243-5465768798a9";

export function pageObject(id: string, key: string, createdTime = "2026-01-01T00:00:00.000Z") {
  return {
    object: "page",
    id,
    created_time: createdTime,
    last_edited_time: createdTime,
    in_trash: false,
    archived: false,
    is_archived: false,
    is_locked: false,
    url: `https://www.notion.so/${id.replace(/-/g, "")}`,
    public_url: null,
    parent: { type: "data_source_id", data_source_id: DATA_SOURCE_ID, database_id: DATA_SOURCE_ID },
    icon: null,
    cover: null,
    created_by: { object: "user", id: "u1" },
    last_edited_by: { object: "user", id: "u1" },
    properties: {
      "Site Key": {
        id: "k",
        type: "rich_text",
        rich_text: [
          {
            type: "text",
            text: { content: key, link: null },
            plain_text: key,
            href: null,
            annotations: {
              bold: false,
              italic: false,
              strikethrough: false,
              underline: false,
              code: false,
              color: "default",
            },
          },
        ],
      },
    },
  };
}

export function list(
  results: unknown[],
  nextCursor: string | null = null,
  extra: Record<string, unknown> = {},
) {
  return {
    object: "list",
    results,
    next_cursor: nextCursor,
    has_more: nextCursor !== null,
    type: "page_or_data_source",
    page_or_data_source: {},
    ...extra,
  };
}
