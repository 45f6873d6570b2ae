import { z } from "zod";

const detailSchema = z.looseObject({ code: z.string().optional(), message: z.string().optional() });
const errorBodySchema = z.looseObject({
  error: z.looseObject({
    code: z.string().optional(),
    message: z.string().optional(),
    details: z.array(detailSchema).optional(),
  }),
});

/**
 * The message of an Azure error body `{ error: { code, message, details: [{ code, message }] } }`,
 * e.g. "AuthorizationFailed: The client … does not have authorization … (InvalidQuery: …)".
 */
export function azureErrorMessage(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { code, message, details } = parsed.data.error;
  const head = [code, message].filter(Boolean).join(": ");
  const extra = (details ?? [])
    .map((detail) => [detail.code, detail.message].filter(Boolean).join(": "))
    .filter((text) => text && !head.includes(text));
  const text = extra.length > 0 ? `${head} (${extra.join("; ")})` : head;
  return text || undefined;
}

/** The error code of an Azure error body, e.g. "AuthorizationFailed". */
export function azureErrorCode(body: unknown): string | undefined {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success ? parsed.data.error.code : undefined;
}

/** Azure's request ids, which support asks for. */
export function azureTraceId(headers: Headers): string | undefined {
  return headers.get("x-ms-correlation-request-id") ?? headers.get("x-ms-request-id") ?? undefined;
}
