/**
 * An error answered in Notion's error shape: `{object:"error", status, code, message, request_id}`.
 * Handlers throw these; the server turns them into responses.
 */
export type NotionErrorCode =
  | "unauthorized"
  | "restricted_resource"
  | "object_not_found"
  | "rate_limited"
  | "invalid_json"
  | "invalid_request_url"
  | "invalid_request"
  | "validation_error"
  | "missing_version"
  | "conflict_error"
  | "internal_server_error"
  | "service_unavailable"
  | "gateway_timeout"
  | "service_overload";

export class NotionApiError extends Error {
  readonly status: number;
  readonly code: NotionErrorCode;
  readonly additionalData: Record<string, unknown> | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    code: NotionErrorCode,
    message: string,
    extra: { additionalData?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = "NotionApiError";
    this.status = status;
    this.code = code;
    this.additionalData = extra.additionalData;
    this.headers = extra.headers ?? {};
  }

  static is(error: unknown): error is NotionApiError {
    return error instanceof NotionApiError;
  }
}

export function validationError(message: string): NotionApiError {
  return new NotionApiError(400, "validation_error", message);
}

export type NotionObjectKind = "page" | "database" | "data_source" | "block" | "view" | "view_query";

const KIND_LABEL: Record<NotionObjectKind, string> = {
  page: "page",
  database: "database",
  data_source: "data source",
  block: "block",
  view: "view",
  view_query: "view query",
};

export function objectNotFound(kind: NotionObjectKind, id: string): NotionApiError {
  return new NotionApiError(
    404,
    "object_not_found",
    `Could not find ${KIND_LABEL[kind]} with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
  );
}

export function unauthorized(): NotionApiError {
  return new NotionApiError(401, "unauthorized", "API token is invalid.");
}

export function missingVersion(): NotionApiError {
  return new NotionApiError(
    400,
    "missing_version",
    "Notion-Version header failed validation: Notion-Version header should be defined, instead was `undefined`.",
  );
}

export function invalidJson(): NotionApiError {
  return new NotionApiError(400, "invalid_json", "Error parsing JSON body.");
}

export function invalidRequestUrl(): NotionApiError {
  return new NotionApiError(400, "invalid_request_url", "Invalid request URL.");
}

/** A trashed (archived) object cannot be edited until it is restored. */
export function archivedObject(): NotionApiError {
  return validationError("Can't edit block that is archived. You must unarchive the block before editing.");
}
