import { isHTTPResponseError } from "@notionhq/client";
import {
  NotionAccessError,
  type NotionOpsError,
  NotionRequestError,
  NotionRetriesExhaustedError,
  NotionValidationError,
} from "../errors.js";
import { formatDuration } from "./duration.js";
import { describeHttpFailure } from "./retry-policy.js";

/** What a request was about, so an error can name the object and the fix. */
export interface RequestContext {
  /** The call, e.g. `pages.create` or `dataSources.query`. */
  kind: string;
  target?: NotionTarget;
  /** Property names in the request body: used to find which one a validation message is about. */
  propertyNames?: string[];
}

export interface NotionTarget {
  type: "database" | "data source" | "page" | "block" | "view" | "workspace";
  id?: string;
  /** A human name, e.g. "Customer Sites". */
  label?: string;
}

const INTEGRATIONS_URL = "https://www.notion.so/profile/integrations";

/**
 * A create (or another write that is not safe to repeat) failed in a way that leaves it unknown
 * whether Notion applied it: a timeout, a 5xx or a dropped connection. It is not retried blindly;
 * keyed writes look the record up and retry only if it is absent.
 */
export class NotionAmbiguousWriteError extends NotionRequestError {
  constructor(message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, { ...options, details: { ...options?.details, ambiguous: true } });
  }
  static override is(error: unknown): error is NotionAmbiguousWriteError {
    return error instanceof NotionAmbiguousWriteError;
  }
}

export function describeTarget(target: NotionTarget | undefined): string {
  if (!target) return "";
  if (target.type === "workspace") return "the workspace";
  const name = target.label ? `the "${target.label}" ${target.type}` : `${target.type}`;
  return target.id ? `${name} ${target.id}` : name;
}

/** The integration capability a call needs (names as shown in Notion's integration settings). */
export function requiredCapability(kind: string): string {
  if (kind === "users.me") return "Read user information";
  if (/\.(create|append)$/.test(kind)) return "Insert content";
  if (/\.(update|delete)$/.test(kind)) return "Update content";
  return "Read content";
}

/**
 * Turns a non-retryable Notion failure into the typed error a user sees. The message names the
 * call and the object, quotes Notion, and says what to do; `mask` removes secrets.
 */
export function mapNotionError(
  error: unknown,
  context: RequestContext,
  mask: (s: string) => string,
): NotionOpsError {
  const on = describeTarget(context.target);
  const call = on ? `${context.kind} on ${on}` : context.kind;
  if (!isHTTPResponseError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new NotionRequestError(mask(`${call} failed: ${message}`), { cause: error });
  }
  const details = {
    kind: context.kind,
    status: error.status,
    notionCode: error.code,
    requestId: error.request_id,
  };
  const quoted = error.code === "notionhq_client_response_error" ? "" : `: "${error.message}"`;
  switch (error.code) {
    case "unauthorized":
      return new NotionAccessError(
        "notion_unauthorized",
        mask(
          `Notion rejected the token (401 unauthorized) in ${context.kind}. Check NOTION_TOKEN (Action input ` +
            `notion-token): it must be the full "Internal Integration Secret" of an integration listed at ` +
            `${INTEGRATIONS_URL}, and not revoked.`,
        ),
        { cause: error, details },
      );
    case "object_not_found": {
      const what = on || "the requested object";
      return new NotionAccessError(
        "notion_not_shared",
        mask(
          `Notion cannot find ${what} (404 object_not_found) in ${context.kind}: it does not exist, or it is ` +
            `not shared with the integration. Fix: open it (or the page that contains it) in Notion → ••• → ` +
            `Connections → add your integration, then re-run.`,
        ),
        { cause: error, details },
      );
    }
    case "restricted_resource": {
      const capability = requiredCapability(context.kind);
      return new NotionAccessError(
        "notion_restricted",
        mask(
          `The integration is not allowed to do ${call} (403 restricted_resource${quoted}). It needs the ` +
            `"${capability}" capability: enable it at ${INTEGRATIONS_URL} → your integration → Capabilities.`,
        ),
        { cause: error, details: { ...details, capability } },
      );
    }
    case "validation_error": {
      const property = extractPropertyName(error.message, context.propertyNames ?? []);
      const about = property ? ` for property "${property}"` : "";
      return new NotionValidationError(
        mask(`Notion rejected ${call} (400 validation_error)${about}${quoted}`),
        property === undefined ? { cause: error, details } : { cause: error, details, property },
      );
    }
    default:
      return new NotionRequestError(
        mask(
          `Notion rejected ${call} (${describeHttpFailure(error.status, error.code, error.body)}${quoted})`,
        ),
        {
          cause: error,
          details,
        },
      );
  }
}

const TYPE_KEYS =
  "title|rich_text|number|select|multi_select|date|checkbox|url|relation|email|phone_number|status|people|files|name|type|formula|rollup|unique_id";

const PROPERTY_PATTERNS: RegExp[] = [
  new RegExp(`properties\\.(.+?)\\.(?:${TYPE_KEYS})\\b`),
  /properties\.(.+?) should be/,
  /^(.+?) is not a property that exists/,
  /^(.+?) is expected to be /,
  /Could not find property with name or id: (.+?)\.?$/,
  /[Pp]roperty "([^"]+)"/,
  /[Pp]roperty `([^`]+)`/,
];

/** Finds the property a Notion validation message is about, when it can be told. */
export function extractPropertyName(message: string, candidates: readonly string[] = []): string | undefined {
  for (const pattern of PROPERTY_PATTERNS) {
    const match = pattern.exec(message);
    const name = match?.[1]?.trim();
    if (name) return name;
  }
  const mentioned = candidates.filter((c) => c.length > 0 && message.includes(c));
  return mentioned.sort((a, b) => b.length - a.length)[0];
}

export interface ExhaustedFacts {
  attempts: number;
  elapsedMs: number;
  /** One label per failed attempt, in order. */
  failures: string[];
  rateLimited: boolean;
  lastError: unknown;
  /** Why retrying stopped. */
  reason: string;
}

export function retriesExhaustedError(
  context: RequestContext,
  facts: ExhaustedFacts,
  mask: (s: string) => string,
): NotionRetriesExhaustedError {
  const on = describeTarget(context.target);
  const call = on ? `${context.kind} on ${on}` : context.kind;
  const tried = summarise(facts.failures);
  const last = facts.failures[facts.failures.length - 1] ?? "unknown error";
  const lastMessage =
    facts.lastError instanceof Error && !last.includes(facts.lastError.message)
      ? `: ${facts.lastError.message}`
      : "";
  const advice = facts.rateLimited
    ? "Notion kept rate-limiting this integration; other integrations in the workspace share its budget. " +
      "Lower NOTION_OPS_RATE_LIMIT or run less often, then re-run."
    : "Notion may be having an outage (https://status.notion.so); re-run later. Keyed writes make re-runs safe.";
  return new NotionRetriesExhaustedError(
    facts.rateLimited ? "notion_rate_limit_exhausted" : "notion_retries_exhausted",
    mask(
      `Gave up on ${call} after ${facts.attempts} attempt${facts.attempts === 1 ? "" : "s"} over ` +
        `${formatDuration(facts.elapsedMs)} (${facts.reason}). Failures: ${tried}. Last error: ${last}${lastMessage}. ` +
        advice,
    ),
    {
      cause: facts.lastError,
      details: {
        kind: context.kind,
        attempts: facts.attempts,
        elapsedMs: facts.elapsedMs,
        failures: facts.failures,
      },
    },
  );
}

function summarise(failures: string[]): string {
  const counts = new Map<string, number>();
  for (const f of failures) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts].map(([label, n]) => (n === 1 ? label : `${n} × ${label}`)).join(", ");
}
