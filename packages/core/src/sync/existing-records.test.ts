import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseRef } from "../config/schema.js";
import type { DatabaseKey } from "../schema/database-keys.js";
import { DATABASES } from "../schema/databases.js";
import { runSetup } from "../schema/setup.js";
import { startTestWorkspace, type TestWorkspace } from "../schema/test-support/workspace.js";
import type { ExistingRecord } from "./desired-record.js";
import { readExistingRecords, readPageRefs, streamExistingRecords } from "./existing-records.js";
import { createPlanBuilder, type DatabasePlan, planDatabase } from "./planner.js";

let ws: TestWorkspace;
let devices: DatabaseRef;

beforeEach(async () => {
  ws = await startTestWorkspace();
  const refs: Partial<Record<DatabaseKey, DatabaseRef>> = (
    await runSetup({ client: ws.client, parentPageId: ws.parentPageId, configured: {} })
  ).refs;
  devices = refs.networkDevices!;
});
afterEach(async () => {
  expect(ws.emulator.internalErrors()).toEqual([]);
  await ws.emulator.stop();
});

const text = (content: string) => [{ type: "text" as const, text: { content } }];
const definition = DATABASES.networkDevices;

async function device(key: string, status: string): Promise<string> {
  const page = await ws.client.pages.create({
    parent: { type: "data_source_id", data_source_id: devices.dataSourceId },
    properties: {
      "Device Name": { title: text(key) },
      "Device Key": { rich_text: text(key) },
      Status: { select: { name: status } },
    },
  });
  return page.id;
}

/** Several keys on two pages created in the same minute: which one a read meets first varies by key. */
async function duplicatedWorkspace(): Promise<Map<string, string[]>> {
  const pages = new Map<string, string[]>();
  for (let i = 0; i < 8; i++) {
    const key = `unifi:${i}`;
    pages.set(key, [await device(key, "online"), await device(key, "offline")]);
  }
  await device("unifi:gone", "online");
  return pages;
}

describe("streamExistingRecords", () => {
  // Seeded ids: with 8 keys, the read meets the kept page second for some of them.
  it("keeps the oldest page of every key, whichever arrives first, and plans against it alone", async () => {
    const pages = await duplicatedWorkspace();
    const full = await readExistingRecords(ws.client, { dataSourceId: devices.dataSourceId, definition });
    const desired = [...pages.keys(), "unifi:new"].map((key) => ({
      key,
      values: { "Device Name": key, Status: "online" },
    }));
    const compared: ExistingRecord[] = [];
    const builder = createPlanBuilder({ definition, desired, mode: "upsert" });
    const index = await streamExistingRecords(ws.client, {
      dataSourceId: devices.dataSourceId,
      definition,
      compare: (record) => {
        compared.push(record);
        builder.compare(record);
      },
    });
    const streamed = builder.finish(index.duplicates);

    // Same pages kept as a read of everything, and the same plan.
    /** Kept: lowest created_time (Notion keeps minutes), then lowest page id. */
    const kept = (key: string) =>
      pages
        .get(key)!
        .map((id) => ({ id, created: String(ws.emulator.page(id)!.created_time) }))
        .sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id))[0]!.id;
    expect(new Map([...index.byKey].map(([key, ref]) => [key, ref.pageId]))).toEqual(
      new Map([...full.byKey].map(([key, record]) => [key, record.pageId])),
    );
    for (const key of pages.keys()) expect(index.byKey.get(key)?.pageId).toBe(kept(key));
    expect(index.duplicates).toEqual(full.duplicates);
    expect(index.duplicates).toHaveLength(8);
    const comparable = (plan: DatabasePlan) => ({
      ...plan,
      creates: plan.creates.map((c) => [c.key, c.record()]),
    });
    expect(comparable(streamed)).toEqual(
      comparable(planDatabase({ definition, desired, existing: full, mode: "upsert" })),
    );
    expect(streamed.creates.map((c) => c.key)).toEqual(["unifi:new"]);
    // Every update targets the page kept for its key, never the other.
    for (const update of streamed.updates) expect(update.pageId).toBe(kept(update.key));

    // The read met some keys' older page second: it compared that key again, and the older won.
    const comparedTwice = [...pages.keys()].filter((key) => compared.filter((r) => r.key === key).length > 1);
    expect(comparedTwice.length).toBeGreaterThan(0);
    // Nothing but where each page is stays in the index, and by id only the duplicated keys' pages.
    for (const ref of index.byPageId.values()) expect(ref).not.toHaveProperty("values");
    expect(full.byPageId.size).toBe(17);
    expect([...index.byPageId.keys()].sort()).toEqual(index.duplicates.flatMap((d) => d.pageIds).sort());
    expect(index.byPageId.size).toBe(16);
  });
});

describe("readPageRefs", () => {
  it("reads only keys and page facts, and finds the same duplicates", async () => {
    await duplicatedWorkspace();
    const refs = await readPageRefs(ws.client, { dataSourceId: devices.dataSourceId, definition });
    const full = await readExistingRecords(ws.client, { dataSourceId: devices.dataSourceId, definition });
    expect(refs.duplicates).toEqual(full.duplicates);
    expect([...refs.byKey.keys()].sort()).toEqual([...full.byKey.keys()].sort());
    expect([...refs.byPageId.keys()].sort()).toEqual(full.duplicates.flatMap((d) => d.pageIds).sort());
    const bot = (await ws.client.users.me()).id;
    for (const ref of refs.byPageId.values()) {
      expect(Object.keys(ref).sort()).toEqual(["createdBy", "createdTime", "key", "lastEditedBy", "pageId"]);
      expect(ref.createdBy).toBe(bot);
    }
  });
});
