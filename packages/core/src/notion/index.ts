export {
  type CallOptions,
  createNotionClient,
  DEFAULT_NOTION_BASE_URL,
  DEFAULT_RATE_LIMIT,
  DEFAULT_TIMEOUT_MS,
  type KeyedCreate,
  type KeyedPageCreate,
  NOTION_VERSION,
  type NotionClient,
  type NotionClientOptions,
  type NotionClientSettings,
  type RawRequestOptions,
} from "./client.js";
export { type Clock, systemClock } from "./clock.js";
export {
  ARRAY_MAX_ITEMS,
  type CodecWarning,
  type CodecWarningCode,
  type DateRange,
  decodeProperty,
  decodeRecord,
  EMAIL_MAX_CHARS,
  type EncodedRecord,
  type EncodeOptions,
  encodeProperty,
  encodeRecord,
  PHONE_MAX_CHARS,
  type PlainValue,
  type PropertyWrite,
  type RecordSchema,
  URL_MAX_CHARS,
  WRITABLE_PROPERTY_TYPES,
  type WritablePropertyType,
} from "./codec.js";
export { type Comparable, changedProperties, normalizeForCompare, sameValue } from "./compare.js";
export { comparableDate, formatNotionDate, type ParsedDate, parseDate } from "./date-value.js";
export { notionOptionsFromEnv } from "./env-options.js";
export {
  describeTarget,
  extractPropertyName,
  mapNotionError,
  NotionAmbiguousWriteError,
  type NotionTarget,
  type RequestContext,
  requiredCapability,
} from "./errors-map.js";
export { createKeyed, type KeyedCreateResult, type KeyedCreateSpec } from "./keyed-create.js";
export { formatNotionMetrics, type NotionMetrics } from "./metrics.js";
export { normalizeNotionId } from "./notion-id.js";
export { cleanOptionName, OPTION_NAME_MAX_CHARS } from "./option-name.js";
export { type PaginatedList, paginate } from "./paginate.js";
export { type QueryAllArgs, type QueryFilter, type QuerySorts, queryAll } from "./query-all.js";
export {
  backoffDelay,
  classifyFailure,
  DEFAULT_RETRY_POLICY,
  type FailureClass,
  type RetryPolicy,
} from "./retry-policy.js";
export {
  chunkText,
  joinRichText,
  RICH_TEXT_MAX_CHARS,
  RICH_TEXT_MAX_ITEMS,
  RICH_TEXT_MAX_TOTAL,
  splitRichText,
  storableText,
  type TextObjectRequest,
} from "./rich-text.js";
export { createThrottle, type Throttle, type ThrottleOptions, type ThrottleStats } from "./throttle.js";
export { NotionTransportError } from "./transport.js";
