import { collectAllDataSourceRows, collectPaginatedAPI } from "@notionhq/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type AnyRecord,
  createKitchenSink,
  expectNotionError,
  type Harness,
  manualClock,
  startHarness,
  text,
} from "./support/harness.js";

let h: Harness;
let clock: ReturnType<typeof manualClock>;
let ids: Awaited<ReturnType<typeof createKitchenSink>>;
let sites: string[];

beforeEach(async () => {
  clock = manualClock();
  h = await startHarness({ now: clock.now });
  ids = await createKitchenSink(h);
  sites = [];
  for (const name of ["Acme", "Globex"]) {
    sites.push(
      (
        await h.notion.pages.create({
          parent: { data_source_id: ids.siteDataSourceId },
          properties: { "Site Name": { title: text(name) } },
        })
      ).id,
    );
  }
  const rows = [
    {
      name: "alpha-sw",
      key: "unifi:1",
      score: 95,
      vendor: "UniFi",
      tags: ["core"],
      stage: "Done",
      seen: "2026-03-01",
      online: true,
      url: "https://a.example",
      site: 0,
    },
    {
      name: "Beta-AP",
      key: "unifi:2",
      score: 55,
      vendor: "UniFi",
      tags: ["edge", "core"],
      stage: "In progress",
      seen: "2026-02-20",
      online: false,
      url: null,
      site: 1,
    },
    {
      name: "gamma-rtr",
      key: "mikrotik:3",
      score: 70,
      vendor: "MikroTik",
      tags: [],
      stage: "Not started",
      seen: null,
      online: true,
      url: "https://g.example",
      site: 0,
    },
    {
      name: "delta",
      key: "mikrotik:4",
      score: null,
      vendor: null,
      tags: ["edge"],
      stage: null,
      seen: "2026-03-02",
      online: false,
      url: null,
      site: null,
    },
  ];
  for (const r of rows) {
    clock.advance(60_000);
    await h.notion.pages.create({
      parent: { data_source_id: ids.dataSourceId },
      properties: {
        "Device Name": { title: text(r.name) },
        "Device Key": { rich_text: text(r.key) },
        Score: { number: r.score },
        Vendor: { select: r.vendor ? { name: r.vendor } : null },
        Tags: { multi_select: r.tags.map((name) => ({ name })) },
        Stage: { status: r.stage ? { name: r.stage } : null },
        "Last Seen": { date: r.seen ? { start: r.seen } : null },
        Online: { checkbox: r.online },
        Dashboard: { url: r.url },
        Site: { relation: r.site === null ? [] : [{ id: sites[r.site] as string }] },
      },
    });
  }
});
afterEach(async () => {
  expect(h.emulator.internalErrors()).toEqual([]);
  await h.emulator.stop();
});

async function names(filter?: unknown, sorts?: unknown): Promise<string[]> {
  const res = await h.notion.dataSources.query({
    data_source_id: ids.dataSourceId,
    filter: filter as never,
    sorts: sorts as never,
  });
  return res.results.map((p: AnyRecord) =>
    p.properties["Device Name"].title.map((t: AnyRecord) => t.plain_text).join(""),
  );
}

describe("data source query filters", () => {
  it("filters on title and rich_text", async () => {
    expect(await names({ property: "Device Key", rich_text: { equals: "unifi:2" } })).toEqual(["Beta-AP"]);
    expect(await names({ property: "Device Key", rich_text: { equals: "UNIFI:2" } })).toEqual([]);
    expect(await names({ property: "Device Name", title: { contains: "BETA" } })).toEqual(["Beta-AP"]);
    expect(await names({ property: "Device Key", rich_text: { starts_with: "mikrotik" } })).toEqual([
      "gamma-rtr",
      "delta",
    ]);
    expect(await names({ property: "Device Name", title: { does_not_equal: "delta" } })).toHaveLength(3);
    expect(await names({ property: "Dashboard", url: { is_empty: true } })).toEqual(["Beta-AP", "delta"]);
    expect(await names({ property: "Dashboard", url: { ends_with: "g.example" } })).toEqual(["gamma-rtr"]);
  });

  it("filters on number, checkbox, select, multi_select and status", async () => {
    expect(await names({ property: "Score", number: { greater_than_or_equal_to: 70 } })).toEqual([
      "alpha-sw",
      "gamma-rtr",
    ]);
    expect(await names({ property: "Score", number: { is_empty: true } })).toEqual(["delta"]);
    expect(await names({ property: "Online", checkbox: { equals: false } })).toEqual(["Beta-AP", "delta"]);
    expect(await names({ property: "Vendor", select: { equals: "MikroTik" } })).toEqual(["gamma-rtr"]);
    expect(await names({ property: "Vendor", select: { does_not_equal: "UniFi" } })).toEqual([
      "gamma-rtr",
      "delta",
    ]);
    expect(await names({ property: "Vendor", select: { equals: ["MikroTik", "UniFi"] } })).toHaveLength(3);
    expect(await names({ property: "Tags", multi_select: { contains: "edge" } })).toEqual([
      "Beta-AP",
      "delta",
    ]);
    expect(await names({ property: "Tags", multi_select: { is_empty: true } })).toEqual(["gamma-rtr"]);
    expect(await names({ property: "Stage", status: { equals: "Done" } })).toEqual(["alpha-sw"]);
  });

  it("filters on dates and relations", async () => {
    expect(await names({ property: "Last Seen", date: { on_or_after: "2026-03-01" } })).toEqual([
      "alpha-sw",
      "delta",
    ]);
    expect(await names({ property: "Last Seen", date: { before: "2026-03-01T00:00:00Z" } })).toEqual([
      "Beta-AP",
    ]);
    expect(await names({ property: "Last Seen", date: { equals: "2026-03-02" } })).toEqual(["delta"]);
    expect(await names({ property: "Last Seen", date: { is_empty: true } })).toEqual(["gamma-rtr"]);
    expect(await names({ property: "Last Seen", date: { past_week: {} } })).toEqual(["alpha-sw", "delta"]);
    expect(await names({ property: "Site", relation: { contains: sites[0] } })).toEqual([
      "alpha-sw",
      "gamma-rtr",
    ]);
    expect(await names({ property: "Site", relation: { is_empty: true } })).toEqual(["delta"]);
    expect(
      await names({ timestamp: "created_time", created_time: { on_or_after: "2026-03-02T10:03:00Z" } }),
    ).toEqual(["gamma-rtr", "delta"]);
  });

  it("combines filters with and / or, nested up to two levels", async () => {
    const filter = {
      and: [
        { property: "Online", checkbox: { equals: true } },
        {
          or: [
            { property: "Vendor", select: { equals: "MikroTik" } },
            { property: "Score", number: { greater_than: 90 } },
          ],
        },
      ],
    };
    expect(await names(filter)).toEqual(["alpha-sw", "gamma-rtr"]);
    await expectNotionError(
      h.notion.dataSources.query({
        data_source_id: ids.dataSourceId,
        filter: { and: [{ or: [{ and: [{ property: "Online", checkbox: { equals: true } }] }] }] } as never,
      }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.filter\.and\[0\]\.or\[0\]\.and nests compound filters more than 2 levels deep/,
      },
    );
  });

  it("rejects unknown properties and filters of the wrong type", async () => {
    await expectNotionError(
      h.notion.dataSources.query({
        data_source_id: ids.dataSourceId,
        filter: { property: "Colour", rich_text: { equals: "x" } },
      }),
      {
        status: 400,
        code: "validation_error",
        message: "Could not find property with name or id: Colour",
      },
    );
    await expectNotionError(
      h.notion.dataSources.query({
        data_source_id: ids.dataSourceId,
        filter: { property: "Stage", select: { equals: "Done" } },
      }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.filter\.select cannot filter property Stage: it is a `status` property/,
      },
    );
  });
});

describe("data source query sorts and pagination", () => {
  it("sorts by property (select by option order, empties last) and by timestamp", async () => {
    expect(await names(undefined, [{ property: "Score", direction: "descending" }])).toEqual([
      "alpha-sw",
      "gamma-rtr",
      "Beta-AP",
      "delta",
    ]);
    expect(await names(undefined, [{ property: "Device Name", direction: "ascending" }])).toEqual([
      "alpha-sw",
      "Beta-AP",
      "delta",
      "gamma-rtr",
    ]);
    expect(
      await names(undefined, [
        { property: "Vendor", direction: "descending" },
        { property: "Score", direction: "ascending" },
      ]),
    ).toEqual(["gamma-rtr", "Beta-AP", "alpha-sw", "delta"]);
    expect(await names(undefined, [{ timestamp: "created_time", direction: "descending" }])).toEqual([
      "delta",
      "gamma-rtr",
      "Beta-AP",
      "alpha-sw",
    ]);
    await expectNotionError(
      h.notion.dataSources.query({
        data_source_id: ids.dataSourceId,
        sorts: [{ property: "Nope", direction: "ascending" }],
      }),
      {
        status: 400,
        code: "validation_error",
        message: "Could not find sort property with name or id: Nope",
      },
    );
  });

  it("pages with start_cursor and refuses page_size over 100", async () => {
    const first = await h.notion.dataSources.query({ data_source_id: ids.dataSourceId, page_size: 3 });
    expect(first.results).toHaveLength(3);
    expect(first.has_more).toBe(true);
    const second = await h.notion.dataSources.query({
      data_source_id: ids.dataSourceId,
      page_size: 3,
      start_cursor: first.next_cursor as string,
    });
    expect(second.results).toHaveLength(1);
    expect(second.has_more).toBe(false);
    expect(second.next_cursor).toBeNull();
    const all = await collectPaginatedAPI(h.notion.dataSources.query, {
      data_source_id: ids.dataSourceId,
      page_size: 1,
    });
    expect(new Set(all.map((p) => p.id)).size).toBe(4);
    await expectNotionError(
      h.notion.dataSources.query({ data_source_id: ids.dataSourceId, page_size: 101 }),
      {
        status: 400,
        code: "validation_error",
        message: "body failed validation: body.page_size should be ≤ `100`, instead was `101`.",
      },
    );
    await expectNotionError(
      h.notion.dataSources.query({ data_source_id: ids.dataSourceId, start_cursor: "bogus" }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.start_cursor is not a valid cursor/,
      },
    );
  });
});

describe("the per-query result cap", () => {
  it("stops at the cap with has_more false and request_status incomplete", async () => {
    h.emulator.setQueryResultLimit(10);
    for (let i = 0; i < 8; i++) {
      clock.advance(60_000);
      await h.notion.pages.create({
        parent: { data_source_id: ids.dataSourceId },
        properties: { "Device Name": { title: text(`extra-${i}`) } },
      });
    }
    const first = (await h.notion.dataSources.query({
      data_source_id: ids.dataSourceId,
      page_size: 6,
    })) as AnyRecord;
    expect(first).toMatchObject({ has_more: true, request_status: { type: "complete" } });
    const last = (await h.notion.dataSources.query({
      data_source_id: ids.dataSourceId,
      page_size: 6,
      start_cursor: first.next_cursor,
    })) as AnyRecord;
    expect(last.results).toHaveLength(4);
    expect(last).toMatchObject({
      has_more: false,
      next_cursor: null,
      request_status: { type: "incomplete", incomplete_reason: "query_result_limit_reached" },
    });
    const everything = await collectAllDataSourceRows(h.notion, { data_source_id: ids.dataSourceId });
    expect(everything).toHaveLength(12);
  });
});

describe("repeated queries", () => {
  it("see every write made between them (HTTP writes and direct emulator calls)", async () => {
    const online = { property: "Online", checkbox: { equals: true } };
    expect(await names(online)).toEqual(["alpha-sw", "gamma-rtr"]);

    const created = await h.notion.pages.create({
      parent: { data_source_id: ids.dataSourceId },
      properties: { "Device Name": { title: text("epsilon") }, Online: { checkbox: true } },
    });
    expect(await names(online)).toEqual(["alpha-sw", "gamma-rtr", "epsilon"]);

    await h.notion.pages.update({ page_id: created.id, properties: { Online: { checkbox: false } } });
    expect(await names(online)).toEqual(["alpha-sw", "gamma-rtr"]);

    const [alpha] = (
      await h.notion.dataSources.query({
        data_source_id: ids.dataSourceId,
        filter: { property: "Device Name", title: { equals: "alpha-sw" } },
      })
    ).results;
    await h.notion.pages.update({ page_id: alpha!.id, in_trash: true });
    expect(await names(online)).toEqual(["gamma-rtr"]);

    h.emulator.setShared(h.parentPageId, false);
    await expectNotionError(names(online), { status: 404, code: "object_not_found" });
  });

  it("page through one result set while nothing is written", async () => {
    const pages = [];
    let cursor: string | undefined;
    do {
      const res = await h.notion.dataSources.query({
        data_source_id: ids.dataSourceId,
        page_size: 1,
        ...(cursor ? { start_cursor: cursor } : {}),
      });
      pages.push(...res.results.map((p) => p.id));
      cursor = res.next_cursor ?? undefined;
    } while (cursor);
    expect(new Set(pages).size).toBe(4);
  });
});
