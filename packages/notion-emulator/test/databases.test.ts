import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type AnyRecord,
  createKitchenSink,
  expectNotionError,
  type Harness,
  startHarness,
  text,
} from "./support/harness.js";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  expect(h.emulator.internalErrors()).toEqual([]);
  await h.emulator.stop();
});

describe("databases", () => {
  it("creates a database holding one data source, a default table view and a child_database block", async () => {
    const db = (await h.notion.databases.create({
      parent: { type: "page_id", page_id: h.parentPageId },
      title: text("Customer Sites"),
      description: text("Synced by notion-ops"),
      initial_data_source: { properties: { "Site Name": { title: {} }, "Health Score": { number: {} } } },
    })) as AnyRecord;
    expect(db).toMatchObject({
      object: "database",
      parent: { type: "page_id", page_id: h.parentPageId },
      is_inline: false,
      in_trash: false,
      data_sources: [{ id: expect.any(String), name: "Customer Sites" }],
    });
    expect(db).not.toHaveProperty("properties");
    expect(db.created_time).toMatch(/:00\.000Z$/);
    const retrieved = (await h.notion.databases.retrieve({ database_id: db.id })) as AnyRecord;
    expect(retrieved.data_sources).toEqual(db.data_sources);
    expect(retrieved.description[0].plain_text).toBe("Synced by notion-ops");

    const views = h.emulator.views(db.id);
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ name: "Default view", type: "table", configuration: null });
    const blocks = await h.notion.blocks.children.list({ block_id: h.parentPageId });
    expect(blocks.results).toEqual([
      expect.objectContaining({
        id: db.id,
        type: "child_database",
        child_database: { title: "Customer Sites" },
      }),
    ]);
  });

  it("returns the schema on the data source with ids, names, types and configs", async () => {
    const ids = await createKitchenSink(h);
    const ds = (await h.notion.dataSources.retrieve({ data_source_id: ids.dataSourceId })) as AnyRecord;
    expect(ds).toMatchObject({
      object: "data_source",
      parent: { type: "database_id", database_id: ids.databaseId },
      database_parent: { type: "page_id", page_id: h.parentPageId },
    });
    expect(ds.properties["Device Name"]).toEqual({
      id: "title",
      name: "Device Name",
      description: null,
      type: "title",
      title: {},
    });
    expect(ds.properties.Score).toMatchObject({ type: "number", number: { format: "number" } });
    expect(ds.properties.Vendor.select.options).toEqual([
      { id: expect.any(String), name: "UniFi", color: "blue", description: null },
      { id: expect.any(String), name: "MikroTik", color: "default", description: null },
    ]);
    expect(ds.properties.Stage.status.options.map((o: AnyRecord) => o.name)).toEqual([
      "Not started",
      "In progress",
      "Done",
    ]);
    expect(ds.properties.Stage.status.groups.map((g: AnyRecord) => g.name)).toEqual([
      "To-do",
      "In progress",
      "Complete",
    ]);
    expect(ds.properties.Site.relation).toEqual({
      database_id: ids.siteDatabaseId,
      data_source_id: ids.siteDataSourceId,
      type: "single_property",
      single_property: {},
    });
    expect(ds.properties.Ref).toMatchObject({ type: "unique_id", unique_id: { prefix: "DEV" } });
    for (const p of Object.values(ds.properties) as AnyRecord[]) expect(typeof p.id).toBe("string");
  });

  it("requires exactly one title property", async () => {
    await expectNotionError(
      h.notion.databases.create({
        parent: { type: "page_id", page_id: h.parentPageId },
        initial_data_source: { properties: { Notes: { rich_text: {} } } },
      }),
      { status: 400, code: "validation_error", message: /exactly one title property, instead had 0/ },
    );
    expect(h.emulator.databases()).toHaveLength(0);
  });

  it("refuses database_id in a relation configuration (2025-09-03 takes data_source_id only)", async () => {
    const ids = await createKitchenSink(h);
    await expectNotionError(
      h.notion.dataSources.update({
        data_source_id: ids.dataSourceId,
        properties: {
          Other: { relation: { database_id: ids.siteDatabaseId, single_property: {} } } as never,
        },
      }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.properties\.Other\.relation\.database_id is not supported/,
      },
    );
  });

  it("adds, renames and deletes properties, and keeps values across a rename", async () => {
    const ids = await createKitchenSink(h);
    const page = await h.notion.pages.create({
      parent: { data_source_id: ids.dataSourceId },
      properties: { "Device Key": { rich_text: text("unifi:1") }, Score: { number: 7 } },
    });
    const updated = (await h.notion.dataSources.update({
      data_source_id: ids.dataSourceId,
      properties: {
        Firmware: { rich_text: {} },
        Score: { name: "Health Score" },
        Phone: null,
      },
    })) as AnyRecord;
    expect(Object.keys(updated.properties)).toEqual(expect.arrayContaining(["Firmware", "Health Score"]));
    expect(updated.properties).not.toHaveProperty("Score");
    expect(updated.properties).not.toHaveProperty("Phone");
    const read = (await h.notion.pages.retrieve({ page_id: page.id })) as AnyRecord;
    expect(read.properties["Health Score"].number).toBe(7);
    expect(read.properties.Firmware).toEqual({
      id: updated.properties.Firmware.id,
      type: "rich_text",
      rich_text: [],
    });

    await expectNotionError(
      h.notion.dataSources.update({ data_source_id: ids.dataSourceId, properties: { "Device Name": null } }),
      {
        status: 400,
        code: "validation_error",
        message: /title property/,
      },
    );
    await expectNotionError(
      h.notion.dataSources.update({ data_source_id: ids.dataSourceId, properties: { Nope: null } }),
      {
        status: 400,
        code: "validation_error",
        message: /Could not find property with name or id: Nope/,
      },
    );
  });

  it("replaces select options (keeping ids of the ones kept) and adds status options to To-do", async () => {
    const ids = await createKitchenSink(h);
    const before = (await h.notion.dataSources.retrieve({ data_source_id: ids.dataSourceId })) as AnyRecord;
    const unifi = before.properties.Vendor.select.options[0];
    const after = (await h.notion.dataSources.update({
      data_source_id: ids.dataSourceId,
      properties: {
        Vendor: { select: { options: [{ name: "UniFi" }, { name: "Cisco", color: "red" }] } },
        Stage: { status: { options: [{ name: "Blocked", color: "red" }] } },
      },
    })) as AnyRecord;
    expect(after.properties.Vendor.select.options).toEqual([
      unifi,
      { id: expect.any(String), name: "Cisco", color: "red", description: null },
    ]);
    const stage = after.properties.Stage.status;
    expect(stage.options.map((o: AnyRecord) => o.name)).toEqual([
      "Not started",
      "In progress",
      "Done",
      "Blocked",
    ]);
    const blocked = stage.options[3].id;
    expect(stage.groups[0].option_ids).toContain(blocked);
    await expectNotionError(
      h.notion.dataSources.update({
        data_source_id: ids.dataSourceId,
        properties: { Vendor: { select: { options: [{ name: "A,B" }] } } },
      }),
      {
        status: 400,
        code: "validation_error",
        message: /body\.properties\.Vendor\.select\.options\[0\]\.name should not contain commas/,
      },
    );
  });

  it("keeps both sides of a two-way relation in step", async () => {
    const ids = await createKitchenSink(h);
    const ds = (await h.notion.dataSources.update({
      data_source_id: ids.dataSourceId,
      properties: {
        Uplink: {
          relation: {
            data_source_id: ids.siteDataSourceId,
            dual_property: { synced_property_name: "Devices" },
          },
        },
      },
    })) as AnyRecord;
    expect(ds.properties.Uplink.relation).toMatchObject({
      type: "dual_property",
      dual_property: { synced_property_name: "Devices" },
    });
    const site = await h.notion.pages.create({
      parent: { data_source_id: ids.siteDataSourceId },
      properties: { "Site Name": { title: text("Acme") } },
    });
    const device = await h.notion.pages.create({
      parent: { data_source_id: ids.dataSourceId },
      properties: { Uplink: { relation: [{ id: site.id }] } },
    });
    const siteRead = (await h.notion.pages.retrieve({ page_id: site.id })) as AnyRecord;
    expect(siteRead.properties.Devices).toMatchObject({
      type: "relation",
      relation: [{ id: device.id }],
      has_more: false,
    });
    await h.notion.pages.update({ page_id: device.id, properties: { Uplink: { relation: [] } } });
    const siteAgain = (await h.notion.pages.retrieve({ page_id: site.id })) as AnyRecord;
    expect(siteAgain.properties.Devices.relation).toEqual([]);
  });

  it("updates title, description and in_trash; a trashed database takes no new rows", async () => {
    const ids = await createKitchenSink(h);
    const updated = (await h.notion.databases.update({
      database_id: ids.databaseId,
      title: text("Devices"),
      description: text("Last run: 3 created"),
    })) as AnyRecord;
    expect(updated.title[0].plain_text).toBe("Devices");
    expect(updated.description[0].plain_text).toBe("Last run: 3 created");
    await h.notion.databases.update({ database_id: ids.databaseId, in_trash: true });
    await expectNotionError(
      h.notion.pages.create({ parent: { data_source_id: ids.dataSourceId }, properties: {} }),
      {
        status: 400,
        code: "validation_error",
        message: /archived/,
      },
    );
    const restored = (await h.notion.databases.update({
      database_id: ids.databaseId,
      in_trash: false,
    })) as AnyRecord;
    expect(restored.in_trash).toBe(false);
  });

  it("a database with two data sources refuses a database_id page parent", async () => {
    const ids = await createKitchenSink(h);
    await h.notion.dataSources.create({
      parent: { database_id: ids.databaseId },
      title: text("Second"),
      properties: { Name: { title: {} } },
    });
    const db = (await h.notion.databases.retrieve({ database_id: ids.databaseId })) as AnyRecord;
    expect(db.data_sources).toHaveLength(2);
    await expectNotionError(
      h.notion.pages.create({ parent: { database_id: ids.databaseId }, properties: {} }),
      {
        status: 400,
        code: "validation_error",
        message: /2 data sources/,
      },
    );
  });

  it("test helpers mutate the schema directly (delete, retype, drop an option, delete a database)", async () => {
    const ids = await createKitchenSink(h);
    h.emulator.removeProperty(ids.dataSourceId, "Owner");
    h.emulator.retypeProperty(ids.dataSourceId, "Score", "rich_text");
    h.emulator.removeSelectOption(ids.dataSourceId, "Vendor", "MikroTik");
    const ds = (await h.notion.dataSources.retrieve({ data_source_id: ids.dataSourceId })) as AnyRecord;
    expect(ds.properties).not.toHaveProperty("Owner");
    expect(ds.properties.Score.type).toBe("rich_text");
    expect(ds.properties.Vendor.select.options.map((o: AnyRecord) => o.name)).toEqual(["UniFi"]);
    h.emulator.deleteDatabase(ids.databaseId);
    await expectNotionError(h.notion.databases.retrieve({ database_id: ids.databaseId }), {
      status: 404,
      code: "object_not_found",
    });
    await expectNotionError(h.notion.dataSources.query({ data_source_id: ids.dataSourceId }), {
      status: 404,
      code: "object_not_found",
    });
  });
});
