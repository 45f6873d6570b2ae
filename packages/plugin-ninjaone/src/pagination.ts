import { DataSourceError, type HttpClient } from "@notion-ops/core";
import type { z } from "zod";
import { bareArraySchema, cursorReportSchema } from "./schemas/cursor-report.js";
import { boardRunSchema } from "./schemas/ticket.js";

export interface PageOptions {
  pageSize: number;
  signal?: AbortSignal;
}

/**
 * Entity lists (`/v2/organizations`, `/v2/devices-detailed`): bare arrays paged with `pageSize`
 * and `after` = the id of the last item of the previous page (the highest id, should a page come
 * unsorted). A page shorter than `pageSize` is the last one.
 */
export async function* pagesAfterId(
  http: HttpClient,
  path: string,
  options: PageOptions,
): AsyncGenerator<unknown[]> {
  let after: number | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    const { data } = await http.request({ path, query: { pageSize: options.pageSize, after } });
    const page = parsePage(bareArraySchema, data, http, path, "a JSON array");
    yield page;
    if (page.length < options.pageSize) return;
    const ids = page.map((item) => (item as { id?: unknown } | null)?.id).filter(isId);
    const last = ids.length > 0 ? Math.max(...ids) : undefined;
    if (last === undefined || (after !== undefined && last <= after)) {
      throw new DataSourceError(
        "ninjaone",
        `ninjaone: GET ${path} returned a full page whose ids do not advance past ${after ?? "the start"}; cannot page further`,
      );
    }
    after = last;
  }
}

/**
 * Reports (`/v2/queries/*`) and `/v2/backup/jobs`: `{cursor:{name,…}, results}` paged by passing
 * `cursor=<cursor.name>`. Ends on a page shorter than `pageSize` or without a cursor name.
 */
export async function* pagesByCursor(
  http: HttpClient,
  path: string,
  options: PageOptions,
): AsyncGenerator<unknown[]> {
  let cursor: string | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    const { data } = await http.request({ path, query: { pageSize: options.pageSize, cursor } });
    const report = parsePage(cursorReportSchema, data, http, path, "a {cursor, results} report");
    yield report.results;
    const next = report.cursor?.name ?? undefined;
    if (report.results.length < options.pageSize || !next) return;
    cursor = next;
  }
}

/**
 * A ticket board run: `POST …/run` with `{pageSize, lastCursorId}`, answered by
 * `{data, metadata:{lastCursorId}}`. Ends on a short page or when the cursor stops moving.
 */
export async function* boardRunPages(
  http: HttpClient,
  path: string,
  options: PageOptions,
): AsyncGenerator<unknown[]> {
  let lastCursorId: number | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    const { data } = await http.request({
      method: "POST",
      path,
      json: { pageSize: options.pageSize, ...(lastCursorId === undefined ? {} : { lastCursorId }) },
    });
    const run = parsePage(boardRunSchema, data, http, path, "a {data, metadata} board run");
    yield run.data;
    const next = run.metadata?.lastCursorId ?? undefined;
    if (run.data.length < options.pageSize || next === undefined || next === lastCursorId) return;
    lastCursorId = next;
  }
}

function parsePage<T>(
  schema: z.ZodType<T>,
  data: unknown,
  http: HttpClient,
  path: string,
  expected: string,
): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const got = data === undefined ? "an empty body" : Array.isArray(data) ? "an array" : typeof data;
  throw new DataSourceError(
    "ninjaone",
    `ninjaone: ${http.url(path).pathname} returned ${got}, expected ${expected}; is NINJAONE_BASE_URL a NinjaOne instance?`,
  );
}

function isId(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}
