/**
 * The typed error hierarchy. Every error a user can see is a NotionOpsError: it carries a
 * machine-readable `code`, a user-facing `message` that says what is wrong and where, and the
 * process exit code it implies (2: bad usage or configuration, nothing written; 1: the run
 * finished with failures).
 */
export type ErrorCode =
  | "usage"
  | "config_invalid"
  | "config_missing"
  | "notion_unauthorized"
  | "notion_not_shared"
  | "notion_restricted"
  | "notion_validation"
  | "notion_rate_limit_exhausted"
  | "notion_retries_exhausted"
  | "notion_request"
  | "data_source"
  | "script_policy"
  | "internal";

export type ExitCode = 0 | 1 | 2;

export interface NotionOpsErrorOptions {
  cause?: unknown;
  /** Extra machine-readable facts (never secrets). */
  details?: Record<string, unknown>;
}

export class NotionOpsError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: NotionOpsErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details ?? {};
  }

  get exitCode(): ExitCode {
    return this.code === "usage" || this.code === "config_invalid" || this.code === "config_missing" ? 2 : 1;
  }

  static is(error: unknown): error is NotionOpsError {
    return error instanceof NotionOpsError;
  }

  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export class UsageError extends NotionOpsError {
  constructor(message: string, options?: NotionOpsErrorOptions) {
    super("usage", message, options);
  }
  static override is(error: unknown): error is UsageError {
    return error instanceof UsageError;
  }
}

/** One problem in a configuration (or manifest) file, located by key path and position. */
export interface ConfigIssue {
  file: string;
  /** Key path such as `sites[2].unifi.siteId` (empty for the document root). */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export function formatConfigIssue(issue: ConfigIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}:${issue.column ?? 1}`;
  return issue.path ? `${where} ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`;
}

export class ConfigError extends NotionOpsError {
  readonly issues: ConfigIssue[];

  constructor(
    rawIssues: ConfigIssue[],
    options?: NotionOpsErrorOptions & { code?: "config_invalid" | "config_missing" },
  ) {
    const issues = rawIssues.map(printableIssue);
    const first = issues[0];
    const header =
      issues.length === 1 && first
        ? formatConfigIssue(first)
        : `${issues.length} problems in ${first?.file ?? "the configuration"}:\n${issues.map((i) => `  ${formatConfigIssue(i)}`).join("\n")}`;
    super(options?.code ?? "config_invalid", header, options);
    this.issues = issues;
  }

  static override is(error: unknown): error is ConfigError {
    return error instanceof ConfigError;
  }
}

const ISSUE_PATH_MAX = 300;
const ISSUE_MESSAGE_MAX = 500;

/**
 * Issues quote what the file holds (unknown keys, bad values), and a file can hold anything: a
 * megabyte-long value, terminal escapes in a key. Shown text is one line, printable and short.
 */
function printableIssue(issue: ConfigIssue): ConfigIssue {
  return {
    ...issue,
    path: printable(issue.path, ISSUE_PATH_MAX),
    message: printable(issue.message, ISSUE_MESSAGE_MAX),
  };
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

function printable(text: string, max: number): string {
  const shown = text
    .replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .toWellFormed();
  if (shown.length <= max) return shown;
  const note = `… (${shown.length} characters)`;
  return `${shown.slice(0, max - note.length).toWellFormed()}${note}`;
}

/** The token is rejected, the integration lacks a capability, or an object is not shared with it. */
export class NotionAccessError extends NotionOpsError {
  constructor(
    code: "notion_unauthorized" | "notion_not_shared" | "notion_restricted",
    message: string,
    options?: NotionOpsErrorOptions,
  ) {
    super(code, message, options);
  }
  static override is(error: unknown): error is NotionAccessError {
    return error instanceof NotionAccessError;
  }
}

/** Notion refused a payload (400 validation_error); `property` names the offending property when known. */
export class NotionValidationError extends NotionOpsError {
  readonly property: string | undefined;
  constructor(message: string, options?: NotionOpsErrorOptions & { property?: string }) {
    super("notion_validation", message, options);
    this.property = options?.property;
  }
  static override is(error: unknown): error is NotionValidationError {
    return error instanceof NotionValidationError;
  }
}

/** Retries ran out (after 429/529, 5xx, timeouts or dropped connections). */
export class NotionRetriesExhaustedError extends NotionOpsError {
  constructor(
    code: "notion_rate_limit_exhausted" | "notion_retries_exhausted",
    message: string,
    options?: NotionOpsErrorOptions,
  ) {
    super(code, message, options);
  }
  static override is(error: unknown): error is NotionRetriesExhaustedError {
    return error instanceof NotionRetriesExhaustedError;
  }
}

/** Any other Notion failure that is not retried (400s other than validation, unexpected shapes). */
export class NotionRequestError extends NotionOpsError {
  constructor(message: string, options?: NotionOpsErrorOptions) {
    super("notion_request", message, options);
  }
  static override is(error: unknown): error is NotionRequestError {
    return error instanceof NotionRequestError;
  }
}

/** A vendor API (UniFi, NinjaOne, Azure) failed; carries the vendor's trace/request id when given. */
export class DataSourceError extends NotionOpsError {
  readonly source: string;
  readonly status: number | undefined;
  readonly traceId: string | undefined;
  constructor(
    source: string,
    message: string,
    options?: NotionOpsErrorOptions & { status?: number; traceId?: string },
  ) {
    super("data_source", message, {
      ...options,
      details: { ...options?.details, source, status: options?.status, traceId: options?.traceId },
    });
    this.source = source;
    this.status = options?.status;
    this.traceId = options?.traceId;
  }
  static override is(error: unknown): error is DataSourceError {
    return error instanceof DataSourceError;
  }
}

/** A script manifest entry violates the script policy (SPEC §7). */
export class ScriptPolicyError extends NotionOpsError {
  readonly ruleId: string | undefined;
  constructor(message: string, options?: NotionOpsErrorOptions & { ruleId?: string }) {
    super("script_policy", message, options);
    this.ruleId = options?.ruleId;
  }
  static override is(error: unknown): error is ScriptPolicyError {
    return error instanceof ScriptPolicyError;
  }
}

/** Exit code for anything thrown out of a command. */
export function exitCodeOf(error: unknown): ExitCode {
  return NotionOpsError.is(error) ? error.exitCode : 1;
}
