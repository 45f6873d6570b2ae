import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnyRecord, createKitchenSink, type Harness, startHarness, text } from "./support/harness.js";

let h: Harness;
let targets: { method: string; path: string }[];

beforeAll(async () => {
  h = await startHarness();
  const ids = await createKitchenSink(h);
  const page = await h.notion.pages.create({ parent: { data_source_id: ids.dataSourceId }, properties: {} });
  const block = (
    await h.notion.blocks.children.append({
      block_id: page.id,
      children: [{ toggle: { rich_text: text("t") } }],
    })
  ).results[0] as AnyRecord;
  const views = (await h.notion.views.list({ database_id: ids.databaseId })) as AnyRecord;
  const dashboard = (await h.notion.views.create({
    data_source_id: ids.dataSourceId,
    database_id: ids.databaseId,
    name: "D",
    type: "dashboard",
  } as never)) as AnyRecord;
  targets = [
    { method: "POST", path: "/v1/pages" },
    { method: "PATCH", path: `/v1/pages/${page.id}` },
    { method: "POST", path: "/v1/databases" },
    { method: "PATCH", path: `/v1/databases/${ids.databaseId}` },
    { method: "PATCH", path: `/v1/data_sources/${ids.dataSourceId}` },
    { method: "POST", path: `/v1/data_sources/${ids.dataSourceId}/query` },
    { method: "PATCH", path: `/v1/blocks/${block.id}/children` },
    { method: "PATCH", path: `/v1/blocks/${page.id}/children` },
    { method: "POST", path: "/v1/search" },
    { method: "POST", path: "/v1/views" },
    { method: "PATCH", path: `/v1/views/${views.results[0].id}` },
    { method: "PATCH", path: `/v1/views/${dashboard.id}` },
  ];
});
afterAll(async () => {
  await h.emulator.stop();
});

async function send(method: string, path: string, body: unknown): Promise<number> {
  const res = await fetch(`${h.emulator.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${h.emulator.token}`,
      "notion-version": "2025-09-03",
      "content-type": "application/json",
    },
    body: JSON.stringify(body),
  });
  await res.text();
  return res.status;
}

const KEYS = [
  "type",
  "name",
  "id",
  "title",
  "rich_text",
  "text",
  "content",
  "properties",
  "parent",
  "page_id",
  "data_source_id",
  "database_id",
  "select",
  "multi_select",
  "status",
  "options",
  "filter",
  "property",
  "and",
  "or",
  "equals",
  "sorts",
  "direction",
  "timestamp",
  "children",
  "paragraph",
  "toggle",
  "table",
  "configuration",
  "chart_type",
  "x_axis",
  "y_axis",
  "group_by",
  "sort",
  "property_id",
  "placement",
  "view_id",
  "page_size",
  "start_cursor",
  "in_trash",
  "Score",
  "Vendor",
  "Site",
  "Tags",
  "Last Seen",
  "date",
  "start",
  "relation",
  "number",
  "url",
];

/** Values shaped a little like Notion payloads, so generated bodies reach deep into the validators. */
const notionish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(
      null,
      true,
      false,
      0,
      -1,
      1.5,
      "",
      "x",
      "Name",
      "title",
      "2026-01-01",
      "a,b",
      "select",
      "rich_text",
      "page_id",
    ),
    fc.string(),
    fc.integer(),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 4 }),
  ),
})).value;

describe("malformed input", () => {
  it("is always answered with a Notion error, never a crash", async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 11 }),
        fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), notionish, {
          maxKeys: 5,
        }),
        async (index, body) => {
          const target = targets[index] as { method: string; path: string };
          const status = await send(target.method, target.path, body);
          expect([200, 400, 404]).toContain(status);
          seen.add(status);
        },
      ),
      { numRuns: 400 },
    );
    expect(h.emulator.internalErrors()).toEqual([]);
    // Generated bodies both pass and fail validation, so they reach the handlers' write paths too.
    expect([...seen].sort()).toEqual(expect.arrayContaining([200, 400]));
  });
});
