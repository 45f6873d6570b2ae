import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseRef } from "../config/schema.js";
import { createLogger, createMemorySink } from "../log/index.js";
import { decodeRecord } from "../notion/codec.js";
import type { DatabaseKey } from "../schema/database-keys.js";
import { DATABASES } from "../schema/databases.js";
import { runSetup } from "../schema/setup.js";
import { startTestWorkspace, type TestWorkspace } from "../schema/test-support/workspace.js";
import { resolveDuplicates } from "./duplicate-resolution.js";
import { readExistingRecords } from "./existing-records.js";

let ws: TestWorkspace;
let refs: Partial<Record<DatabaseKey, DatabaseRef>>;
const sink = createMemorySink();
const logger = createLogger(sink);

beforeEach(async () => {
  ws = await startTestWorkspace();
  refs = (await runSetup({ client: ws.client, parentPageId: ws.parentPageId, configured: {} })).refs;
  sink.lines.length = 0;
});
afterEach(async () => {
  expect(ws.emulator.internalErrors()).toEqual([]);
  await ws.emulator.stop();
});

const text = (content: string) => [{ type: "text" as const, text: { content } }];

async function site(key: string): Promise<string> {
  const page = await ws.client.pages.create({
    parent: { type: "data_source_id", data_source_id: refs.customerSites!.dataSourceId },
    properties: { "Site Name": { title: text(key) }, "Site Key": { rich_text: text(key) } },
  });
  return page.id;
}

async function device(key: string, sitePageId: string): Promise<string> {
  const page = await ws.client.pages.create({
    parent: { type: "data_source_id", data_source_id: refs.networkDevices!.dataSourceId },
    properties: {
      "Device Name": { title: text(key) },
      "Device Key": { rich_text: text(key) },
      Site: { relation: [{ id: sitePageId }] },
    },
  });
  return page.id;
}

const read = (database: DatabaseKey) =>
  readExistingRecords(ws.client, {
    dataSourceId: refs[database]!.dataSourceId,
    definition: DATABASES[database],
  });
const related = () =>
  (["dailyHealth", "networkDevices", "configChanges"] as const).map((database) => ({
    database,
    dataSourceId: refs[database]!.dataSourceId,
  }));
const siteOf = (pageId: string) =>
  decodeRecord(ws.emulator.page(pageId)!.properties as Record<string, unknown>).Site;
/** Kept first: lowest created_time (Notion keeps minutes), then lowest page id. */
const byAge = (...ids: string[]) =>
  ids
    .map((id) => ({ id, created: String(ws.emulator.page(id)!.created_time) }))
    .sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id))
    .map((p) => p.id);
const live = (database: DatabaseKey) => ws.emulator.pages(refs[database]!.dataSourceId).map((p) => p.id);

describe("resolveDuplicates", () => {
  it("keeps the oldest page of a key, trashes the others, and moves relations to the kept page", async () => {
    const [kept, duplicate] = byAge(await site("ACME-001"), await site("ACME-001")) as [string, string];
    const other = await site("BETA-002");
    const onDuplicate = await device("unifi:1", duplicate);
    const [onKept, repeated] = byAge(await device("unifi:2", kept), await device("unifi:2", duplicate)) as [
      string,
      string,
    ];

    const found = {
      customerSites: await read("customerSites"),
      networkDevices: await read("networkDevices"),
    };
    const resolved = await resolveDuplicates({
      client: ws.client,
      found,
      relatedDataSources: related(),
      logger,
    });

    expect(resolved).toEqual([
      { database: "customerSites", key: "ACME-001", kept, trashed: [duplicate], leftAlone: [] },
      { database: "networkDevices", key: "unifi:2", kept: onKept, trashed: [repeated], leftAlone: [] },
    ]);
    expect(live("customerSites").sort()).toEqual([kept, other].sort());
    expect(live("networkDevices").sort()).toEqual([onDuplicate, onKept].sort());
    expect(siteOf(onDuplicate)).toEqual([kept]);
    expect(siteOf(onKept)).toEqual([kept]);
    expect(ws.emulator.page(duplicate)?.in_trash).toBe(true);
    expect(sink.lines.map((l) => l.message).join("\n")).toContain(
      "2 record key(s) were on more than one page (another run was writing the same workspace at the same time)",
    );
  });

  it("leaves a duplicate a person has edited alone, and says so", async () => {
    const [kept, edited] = byAge(await site("ACME-001"), await site("ACME-001")) as [string, string];
    const customerSites = await read("customerSites");
    // The emulator has no people: mark the newer page as last edited by one.
    const record = customerSites.byPageId.get(edited)!;
    customerSites.byPageId.set(edited, { ...record, lastEditedBy: "8a1c7e52-0000-4000-8000-00000000abcd" });

    const resolved = await resolveDuplicates({
      client: ws.client,
      found: { customerSites },
      relatedDataSources: related(),
      logger,
    });
    expect(resolved).toEqual([
      { database: "customerSites", key: "ACME-001", kept, trashed: [], leftAlone: [edited] },
    ]);
    expect(live("customerSites").sort()).toEqual([kept, edited].sort());
    expect(sink.lines.map((l) => l.message).join("\n")).toContain(
      `ACME-001 is on more than one page; ${edited} was created or edited by someone else, so it is left alone`,
    );
  });

  it("moves relations from a page this run created that another run trashed", async () => {
    const [kept, ours] = byAge(await site("ACME-001"), await site("ACME-001")) as [string, string];
    const onOurs = await device("unifi:1", ours);
    await ws.client.pages.update({ page_id: ours, in_trash: true });

    const resolved = await resolveDuplicates({
      client: ws.client,
      found: { customerSites: await read("customerSites") },
      createdHere: { customerSites: new Map([["ACME-001", ours]]) },
      relatedDataSources: related(),
      logger,
    });
    expect(resolved).toEqual([]);
    expect(siteOf(onOurs)).toEqual([kept]);
  });

  it("costs nothing when there is nothing to resolve", async () => {
    await site("ACME-001");
    const found = { customerSites: await read("customerSites") };
    const mark = ws.mark();
    expect(
      await resolveDuplicates({ client: ws.client, found, relatedDataSources: related(), logger }),
    ).toEqual([]);
    expect(ws.requestsSince(mark)).toEqual([]);
  });
});
