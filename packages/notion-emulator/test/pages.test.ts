import { collectPaginatedAPI } from "@notionhq/client";
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
beforeEach(async () => {
  clock = manualClock();
  h = await startHarness({ now: clock.now });
});
afterEach(async () => {
  expect(h.emulator.internalErrors()).toEqual([]);
  await h.emulator.stop();
});

describe("pages in a data source", () => {
  it("writes and reads back every property type in Notion's read shapes", async () => {
    const ids = await createKitchenSink(h);
    const site = await h.notion.pages.create({
      parent: { data_source_id: ids.siteDataSourceId },
      properties: {},
    });
    clock.advance(90_000);
    const created = (await h.notion.pages.create({
      parent: { type: "data_source_id", data_source_id: ids.dataSourceId },
      icon: { type: "emoji", emoji: "🛰️" },
      properties: {
        "Device Name": {
          title: [
            {
              text: { content: "Core switch", link: { url: "https://unifi.ui.com" } },
              annotations: { bold: true },
            },
          ],
        },
        "Device Key": { rich_text: [{ text: { content: "unifi:" } }, { text: { content: "abc" } }] },
        Score: { number: 97.5 },
        Vendor: { select: { name: "UniFi" } },
        Tags: { multi_select: [{ name: "core" }, { name: "lab" }] },
        Stage: { status: { name: "In progress" } },
        "Last Seen": { date: { start: "2026-03-01T08:30:00Z" } },
        Online: { checkbox: true },
        Dashboard: { url: "https://example.com/d" },
        Owner: { email: "ops@example.com" },
        Phone: { phone_number: "+1 415 555 0100" },
        Site: { relation: [{ id: site.id }] },
      },
    })) as AnyRecord;
    expect(created).toMatchObject({
      object: "page",
      parent: { type: "data_source_id", data_source_id: ids.dataSourceId, database_id: ids.databaseId },
      in_trash: false,
      archived: false,
      icon: { type: "emoji", emoji: "🛰️" },
      created_time: "2026-03-02T10:01:00.000Z",
      url: `https://www.notion.so/${created.id.replaceAll("-", "")}`,
    });
    const read = (await h.notion.pages.retrieve({ page_id: created.id })) as AnyRecord;
    const p = read.properties;
    expect(p["Device Name"]).toEqual({
      id: "title",
      type: "title",
      title: [
        {
          type: "text",
          text: { content: "Core switch", link: { url: "https://unifi.ui.com" } },
          annotations: {
            bold: true,
            italic: false,
            strikethrough: false,
            underline: false,
            code: false,
            color: "default",
          },
          plain_text: "Core switch",
          href: "https://unifi.ui.com",
        },
      ],
    });
    expect(p["Device Key"].rich_text.map((t: AnyRecord) => t.plain_text).join("")).toBe("unifi:abc");
    expect(p.Score).toMatchObject({ type: "number", number: 97.5 });
    expect(p.Vendor.select).toEqual({ id: expect.any(String), name: "UniFi", color: "blue" });
    expect(p.Tags.multi_select.map((o: AnyRecord) => o.name)).toEqual(["core", "lab"]);
    expect(p.Stage.status).toMatchObject({ name: "In progress", color: "blue" });
    expect(p["Last Seen"].date).toEqual({
      start: "2026-03-01T08:30:00.000+00:00",
      end: null,
      time_zone: null,
    });
    expect(p.Online.checkbox).toBe(true);
    expect(p.Dashboard.url).toBe("https://example.com/d");
    expect(p.Owner.email).toBe("ops@example.com");
    expect(p.Phone.phone_number).toBe("+1 415 555 0100");
    expect(p.Site).toEqual({
      id: expect.any(String),
      type: "relation",
      relation: [{ id: site.id }],
      has_more: false,
    });
    expect(p.Created.created_time).toBe("2026-03-02T10:01:00.000Z");
    expect(p.Ref.unique_id).toEqual({ prefix: "DEV", number: 1 });
    expect(p.Formula.formula).toEqual({ type: "string", string: null });
    for (const [name, value] of Object.entries(p) as [string, AnyRecord][]) {
      expect(typeof value.id, name).toBe("string");
      expect(typeof value.type, name).toBe("string");
    }
  });

  it("auto-adds new select and multi_select options to the schema, but not status options", async () => {
    const ids = await createKitchenSink(h);
    await h.notion.pages.create({
      parent: { data_source_id: ids.dataSourceId },
      properties: { Vendor: { select: { name: "Cisco" } }, Tags: { multi_select: [{ name: "wifi" }] } },
    });
    const ds = (await h.notion.dataSources.retrieve({ data_source_id: ids.dataSourceId })) as AnyRecord;
    expect(ds.properties.Vendor.select.options.map((o: AnyRecord) => o.name)).toEqual([
      "UniFi",
      "MikroTik",
      "Cisco",
    ]);
    expect(ds.properties.Tags.multi_select.options.map((o: AnyRecord) => o.name)).toContain("wifi");
    await expectNotionError(
      h.notion.pages.create({
        parent: { data_source_id: ids.dataSourceId },
        properties: { Stage: { status: { name: "Waiting" } } },
      }),
      {
        status: 400,
        code: "validation_error",
        message: /Waiting.*is not an option of status property Stage/,
      },
    );
  });

  it("updates properties, clears with null, and trashes pages", async () => {
    const ids = await createKitchenSink(h);
    const page = await h.notion.pages.create({
      parent: { data_source_id: ids.dataSourceId },
      properties: {
        Dashboard: { url: "https://a.example" },
        Vendor: { select: { name: "UniFi" } },
        Score: { number: 1 },
      },
    });
    clock.advance(120_000);
    const updated = (await h.notion.pages.update({
      page_id: page.id,
      properties: { Dashboard: { url: null }, Vendor: { select: null }, Score: { number: 2 } },
    })) as AnyRecord;
    expect(updated.properties.Dashboard.url).toBeNull();
    expect(updated.properties.Vendor.select).toBeNull();
    expect(updated.properties.Score.number).toBe(2);
    expect(updated.last_edited_time).toBe("2026-03-02T10:02:00.000Z");

    const trashed = (await h.notion.pages.update({ page_id: page.id, in_trash: true })) as AnyRecord;
    expect(trashed.in_trash).toBe(true);
    await expectNotionError(
      h.notion.pages.update({ page_id: page.id, properties: { Score: { number: 3 } } }),
      {
        status: 400,
        code: "validation_error",
        message: /archived/,
      },
    );
    expect((await h.notion.dataSources.query({ data_source_id: ids.dataSourceId })).results).toHaveLength(0);
    expect(h.emulator.pages(ids.dataSourceId)).toHaveLength(0);
    expect(h.emulator.pages(ids.dataSourceId, { includeTrashed: true })).toHaveLength(1);
    const restored = (await h.notion.pages.update({ page_id: page.id, archived: false })) as AnyRecord;
    expect(restored.in_trash).toBe(false);
  });

  it("normalizes dates: plain dates stay, offsets are kept, time zones are embedded", async () => {
    const ids = await createKitchenSink(h);
    const write = async (date: Record<string, unknown>) => {
      const page = (await h.notion.pages.create({
        parent: { data_source_id: ids.dataSourceId },
        properties: { "Last Seen": { date: date as never } },
      })) as AnyRecord;
      return page.properties["Last Seen"].date;
    };
    expect(await write({ start: "2026-03-01" })).toEqual({ start: "2026-03-01", end: null, time_zone: null });
    expect(await write({ start: "2026-03-01T08:30:00.123-05:00", end: "2026-03-01T09:00:00-05:00" })).toEqual(
      {
        start: "2026-03-01T08:30:00.123-05:00",
        end: "2026-03-01T09:00:00.000-05:00",
        time_zone: null,
      },
    );
    expect(await write({ start: "2026-07-01T08:00:00", time_zone: "Europe/Berlin" })).toEqual({
      start: "2026-07-01T08:00:00.000+02:00",
      end: null,
      time_zone: null,
    });
    await expectNotionError(
      h.notion.pages.create({
        parent: { data_source_id: ids.dataSourceId },
        properties: { "Last Seen": { date: { start: "2026-02-30" } } },
      }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.properties\.Last Seen\.date\.start should be a valid ISO 8601 date/,
      },
    );
  });

  it("numbers unique_id properties in creation order", async () => {
    const ids = await createKitchenSink(h);
    const numbers: number[] = [];
    for (let i = 0; i < 3; i++) {
      const page = (await h.notion.pages.create({
        parent: { data_source_id: ids.dataSourceId },
        properties: {},
      })) as AnyRecord;
      numbers.push(page.properties.Ref.unique_id.number);
    }
    expect(numbers).toEqual([1, 2, 3]);
  });

  it("limits relation references in page objects to 25 and pages the rest through the property endpoint", async () => {
    const ids = await createKitchenSink(h);
    const sites: string[] = [];
    for (let i = 0; i < 30; i++) {
      sites.push(
        (await h.notion.pages.create({ parent: { data_source_id: ids.siteDataSourceId }, properties: {} }))
          .id,
      );
    }
    const page = (await h.notion.pages.create({
      parent: { data_source_id: ids.dataSourceId },
      properties: { Site: { relation: sites.map((id) => ({ id })) } },
    })) as AnyRecord;
    expect(page.properties.Site.relation).toHaveLength(25);
    expect(page.properties.Site.has_more).toBe(true);
    const items = await collectPaginatedAPI(
      (args: { start_cursor?: string }) =>
        h.notion.pages.properties.retrieve({
          page_id: page.id,
          property_id: page.properties.Site.id,
          page_size: 10,
          ...args,
        }) as never,
      {},
    );
    expect((items as AnyRecord[]).map((i) => i.relation.id)).toEqual(sites);
  });

  it("filter_properties trims the returned properties", async () => {
    const ids = await createKitchenSink(h);
    const page = await h.notion.pages.create({
      parent: { data_source_id: ids.dataSourceId },
      properties: { Score: { number: 4 } },
    });
    const ds = (await h.notion.dataSources.retrieve({ data_source_id: ids.dataSourceId })) as AnyRecord;
    const trimmed = (await h.notion.pages.retrieve({
      page_id: page.id,
      filter_properties: [ds.properties.Score.id],
    })) as AnyRecord;
    expect(Object.keys(trimmed.properties)).toEqual(["Score"]);
  });
});

describe("pages under a page", () => {
  it("creates a child page with a title and body blocks, shown as a child_page block", async () => {
    const page = (await h.notion.pages.create({
      parent: { page_id: h.parentPageId },
      properties: { title: { title: text("Runbook") } },
      children: [{ paragraph: { rich_text: text("Hello") } }, { divider: {} }],
    })) as AnyRecord;
    expect(page.parent).toEqual({ type: "page_id", page_id: h.parentPageId });
    expect(page.properties).toEqual({
      title: { id: "title", type: "title", title: [expect.objectContaining({ plain_text: "Runbook" })] },
    });
    const body = await h.notion.blocks.children.list({ block_id: page.id });
    expect(body.results.map((b: AnyRecord) => b.type)).toEqual(["paragraph", "divider"]);
    const parentBody = await h.notion.blocks.children.list({ block_id: h.parentPageId });
    expect(parentBody.results).toEqual([
      expect.objectContaining({ id: page.id, type: "child_page", child_page: { title: "Runbook" } }),
    ]);
    await expectNotionError(
      h.notion.pages.create({
        parent: { page_id: h.parentPageId },
        properties: { Status: { select: { name: "x" } } } as never,
      }),
      { status: 400, code: "validation_error", message: "Status is not a property that exists." },
    );
  });

  it("erase_content clears a page body", async () => {
    const page = await h.notion.pages.create({
      parent: { page_id: h.parentPageId },
      children: [{ paragraph: { rich_text: text("old") } }],
    });
    await h.notion.pages.update({ page_id: page.id, erase_content: true });
    expect((await h.notion.blocks.children.list({ block_id: page.id })).results).toEqual([]);
  });
});
