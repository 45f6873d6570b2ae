/**
 * Reads a human message from a NinjaOne error body. OAuth errors put the code first
 * (`invalid_client: …`) so token failures can be told apart; API errors use `errorMessage`,
 * `message` or `error`.
 */
export function vendorErrorMessage(body: unknown): string | undefined {
  if (!body || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  const text = (key: string) =>
    typeof record[key] === "string" && record[key] ? (record[key] as string) : undefined;
  const code = text("error");
  const description = text("error_description") ?? text("errorMessage") ?? text("message");
  if (code && description) return `${code}: ${description}`;
  return code ?? description ?? text("resultCode");
}

/** NinjaOne error bodies may carry an `incidentId`; proxies may add a request id header. */
export function vendorTraceId({ headers, body }: { headers: Headers; body: unknown }): string | undefined {
  const incident =
    body && typeof body === "object" ? (body as Record<string, unknown>).incidentId : undefined;
  if (typeof incident === "string" && incident) return incident;
  return headers.get("x-request-id") ?? headers.get("x-correlation-id") ?? undefined;
}
