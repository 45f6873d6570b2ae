import { NotionAccessError, NotionOpsError, NotionRequestError, NotionValidationError } from "../errors.js";
import { planGate, type ViewType } from "./view-definition.js";

/**
 * Whether Notion refused a view because of the workspace's plan, and why (for the report).
 * Notion does not document the error for this (notion-views.md §3.3/§3.4, UNCONFIRMED), so any
 * 400/403 on a plan-gated view type (chart, dashboard) whose message speaks of the plan, an upgrade
 * or a limit is taken as one; anything else is a real failure.
 */
export function planRefusalReason(error: unknown, type: ViewType): string | undefined {
  const gate = planGate(type);
  if (!gate || !NotionOpsError.is(error)) return undefined;
  const refusal =
    NotionValidationError.is(error) ||
    (NotionAccessError.is(error) && error.code === "notion_restricted") ||
    (NotionRequestError.is(error) && [400, 402, 403].includes(Number(error.details.status)));
  if (!refusal) return undefined;
  const notionSaid = notionMessage(error);
  if (!/\b(plans?|upgrade|business|enterprise|paid|free|limit(ed)?|not available)\b/i.test(notionSaid))
    return undefined;
  return `${gate} (Notion: "${notionSaid}")`;
}

/** Notion's own message, from the SDK error the typed error wraps. */
function notionMessage(error: NotionOpsError): string {
  const cause = error.cause as { message?: unknown } | undefined;
  return typeof cause?.message === "string" ? cause.message : error.message;
}
