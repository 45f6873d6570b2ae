export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Notion's JSON error envelope. */
export function errorBody(
  status: number,
  code: string,
  message: string,
  requestId: string,
  additionalData?: Record<string, unknown>,
): string {
  return JSON.stringify({
    object: "error",
    status,
    code,
    message,
    request_id: requestId,
    ...(additionalData ? { additional_data: additionalData } : {}),
  });
}

function json(
  status: number,
  code: string,
  message: string,
  requestId: string,
  extra: Partial<RawResponse> = {},
  data?: Record<string, unknown>,
): RawResponse {
  return {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "x-notion-request-id": requestId,
      ...extra.headers,
    },
    body: errorBody(status, code, message, requestId, data),
  };
}

export function rateLimitedResponse(requestId: string, retryAfterSeconds: number): RawResponse {
  return json(
    429,
    "rate_limited",
    "You have been rate limited. Please try again in a few minutes.",
    requestId,
    {
      headers: { "retry-after": String(retryAfterSeconds) },
    },
  );
}

export function serviceOverloadResponse(requestId: string, retryAfterSeconds: number): RawResponse {
  return json(529, "service_overload", "Notion is currently overloaded. Please try again later.", requestId, {
    headers: { "retry-after": String(retryAfterSeconds) },
  });
}

export function internalServerErrorResponse(requestId: string): RawResponse {
  return json(500, "internal_server_error", "Unexpected error occurred.", requestId);
}

export function serviceUnavailableResponse(requestId: string, isQuery: boolean): RawResponse {
  return json(
    503,
    "service_unavailable",
    "Notion is unavailable, please try again later.",
    requestId,
    {},
    isQuery
      ? {
          endpoint_name: "public_queryDataSource",
          notion_error_name: "PgPoolWaitConnectionTimeout",
          retry_guidance: [
            "Use exponential backoff with jitter",
            "Reduce page_size",
            "Narrow query filters/sorts",
          ],
        }
      : undefined,
  );
}

export function gatewayTimeoutResponse(requestId: string): RawResponse {
  return json(
    504,
    "gateway_timeout",
    "Notion timed out while processing the request. Please try again later.",
    requestId,
  );
}

export function conflictResponse(requestId: string): RawResponse {
  return json(409, "conflict_error", "Conflict occurred while saving. Please try again.", requestId);
}

/** A 502 as Cloudflare serves it: HTML, no Notion request id, a Ray ID header. */
export function badGatewayHtmlResponse(rayId: string): RawResponse {
  const body = [
    "<!DOCTYPE html>",
    '<html lang="en-US">',
    "<head><title>api.notion.com | 502: Bad gateway</title></head>",
    "<body>",
    '<div id="cf-error-details"><h1>Bad gateway</h1><span>Error code 502</span>',
    "<p>The web server reported a bad gateway error.</p>",
    `<p>Cloudflare Ray ID: <strong>${rayId}</strong></p></div>`,
    "</body>",
    "</html>",
  ].join("\n");
  return {
    status: 502,
    headers: { "content-type": "text/html; charset=UTF-8", server: "cloudflare", "cf-ray": rayId },
    body,
  };
}
