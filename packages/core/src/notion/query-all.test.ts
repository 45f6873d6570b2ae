import type { QueryDataSourceParameters, QueryDataSourceResponse } from "@notionhq/client";
import { describe, expect, it } from "vitest";
import { NotionRequestError } from "../errors.js";
import { paginate } from "./paginate.js";
import { queryAll } from "./query-all.js";
import { pageObject } from "./test-support/scripted-fetch.js";

interface Row {
  id: string;
  created_time: string;
  n: number;
}

/** A data source that behaves like Notion's query: sorted, filtered, paged, and capped at `cap` rows. */
function fakeDataSource(rows: Row[], cap: number) {
  const calls: QueryDataSourceParameters[] = [];
  const query = async (args: QueryDataSourceParameters): Promise<QueryDataSourceResponse> => {
    calls.push(args);
    const bound = lowerBound(args.filter);
    let matching = rows.filter((r) => bound === undefined || r.created_time >= bound);
    const sort = args.sorts?.[0];
    if (sort && "timestamp" in sort) {
      matching = [...matching].sort((a, b) => a.created_time.localeCompare(b.created_time));
    } else {
      matching = [...matching].sort((a, b) => b.n - a.n); // "Score descending"
    }
    const capped = matching.slice(0, cap);
    const start = args.start_cursor ? Number(args.start_cursor) : 0;
    const size = args.page_size ?? 100;
    const results = capped.slice(start, start + size);
    const end = start + results.length;
    const more = end < capped.length;
    const hitCap = !more && matching.length > cap;
    return {
      type: "page_or_data_source",
      page_or_data_source: {},
      object: "list",
      next_cursor: more ? String(end) : null,
      has_more: more,
      results: results.map((r) => ({ ...pageObject(r.id, `K${r.n}`, r.created_time) })) as never,
      ...(hitCap
        ? { request_status: { type: "incomplete", incomplete_reason: "query_result_limit_reached" } }
        : { request_status: { type: "complete" } }),
    };
  };
  return { query, calls };
}

function lowerBound(filter: unknown): string | undefined {
  if (!filter || typeof filter !== "object") return undefined;
  const f = filter as Record<string, unknown>;
  if (Array.isArray(f.and)) return f.and.map(lowerBound).find((x) => x !== undefined);
  const created = f.created_time as { on_or_after?: string } | undefined;
  return f.timestamp === "created_time" ? created?.on_or_after : undefined;
}

/** `n` rows, `perMinute` of them created in each minute (Notion's created_time is minute-precise). */
function makeRows(n: number, perMinute: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${String(i).padStart(8, "0")}-0000-4000-8000-000000000000`,
    created_time: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / perMinute) * 60_000).toISOString(),
    n: i,
  }));
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("queryAll", () => {
  it("reads every row past the per-query cap, each exactly once", async () => {
    const rows = makeRows(1_050, 7);
    const ds = fakeDataSource(rows, 200);
    const pages = await collect(queryAll(ds.query, "ds", { page_size: 50 }));
    expect(pages).toHaveLength(1_050);
    expect(new Set(pages.map((p) => p.id)).size).toBe(1_050);
    // Later windows start at the last created_time seen and are sorted by created_time.
    const windowed = ds.calls.filter((c) => c.filter !== undefined);
    expect(windowed.length).toBeGreaterThan(0);
    expect(windowed[0]!.sorts).toEqual([{ timestamp: "created_time", direction: "ascending" }]);
  });

  it("keeps the caller's filter inside the window (and-ed with the created_time bound)", async () => {
    const ds = fakeDataSource(makeRows(300, 3), 100);
    const filter = { property: "Status", select: { equals: "online" } } as const;
    await collect(queryAll(ds.query, "ds", { filter }));
    const last = ds.calls[ds.calls.length - 1]!;
    expect(last.filter).toEqual({
      and: [filter, { timestamp: "created_time", created_time: { on_or_after: expect.any(String) } }],
    });
  });

  it("with custom sorts, re-walks in created_time windows once the cap is hit, still yielding each row once", async () => {
    const rows = makeRows(450, 5);
    const ds = fakeDataSource(rows, 100);
    const pages = await collect(
      queryAll(ds.query, "ds", { sorts: [{ property: "Score", direction: "descending" }] }),
    );
    expect(new Set(pages.map((p) => p.id)).size).toBe(450);
    expect(pages).toHaveLength(450);
  });

  it("stops with a clear error when more rows share one created_time than a query can return", async () => {
    const ds = fakeDataSource(makeRows(300, 300), 100);
    await expect(collect(queryAll(ds.query, "ds-1"))).rejects.toThrow(NotionRequestError);
    await expect(collect(queryAll(ds.query, "ds-1"))).rejects.toThrow(
      /Data source ds-1: more rows share the created_time .* cannot be passed/,
    );
  });

  it("a query under the cap makes no extra window requests", async () => {
    const ds = fakeDataSource(makeRows(250, 1), 10_000);
    expect(await collect(queryAll(ds.query, "ds"))).toHaveLength(250);
    expect(ds.calls).toHaveLength(3);
  });
});

describe("paginate", () => {
  it("follows next_cursor lazily and stops at has_more: false", async () => {
    const seen: Array<string | null | undefined> = [];
    const listFn = async (args: { block_id: string; start_cursor?: string | null }) => {
      seen.push(args.start_cursor);
      const page = Number(args.start_cursor ?? 0);
      return {
        results: [page * 2, page * 2 + 1],
        next_cursor: page < 2 ? String(page + 1) : null,
        has_more: page < 2,
      };
    };
    const it = paginate(listFn, { block_id: "b" });
    expect((await it.next()).value).toBe(0);
    expect(seen).toEqual([undefined]);
    expect(await collect(it)).toEqual([1, 2, 3, 4, 5]);
    expect(seen).toEqual([undefined, "1", "2"]);
  });

  it("refuses to loop on a repeated cursor", async () => {
    const listFn = async () => ({ results: [1], next_cursor: "same", has_more: true });
    await expect(collect(paginate(listFn, {}))).rejects.toThrow(/cursor same twice/);
  });
});
