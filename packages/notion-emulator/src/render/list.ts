/** Notion's paginated list envelope. */
export interface ListResponse<T> {
  object: "list";
  results: T[];
  next_cursor: string | null;
  has_more: boolean;
  type: string;
  [key: string]: unknown;
}

export function listResponse<T>(
  results: T[],
  nextCursor: string | null,
  type: string,
  extra: Record<string, unknown> = {},
): ListResponse<T> {
  return {
    object: "list",
    results,
    next_cursor: nextCursor,
    has_more: nextCursor !== null,
    type,
    [type]: {},
    ...extra,
  };
}
