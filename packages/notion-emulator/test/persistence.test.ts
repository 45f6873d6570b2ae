import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  EmulatorUsageError,
  type NotionEmulator,
  StateFileError,
  startNotionEmulator,
} from "../src/index.js";
import { type AnyRecord, sdkClient, text } from "./support/harness.js";

let dir: string;
const running: NotionEmulator[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "notion-emulator-"));
});
afterEach(async () => {
  for (const e of running.splice(0)) await e.stop();
  await rm(dir, { recursive: true, force: true });
});

async function start(stateFile?: string, seed = 5) {
  const emulator = await startNotionEmulator({ rateLimit: 0, seed, stateFile });
  running.push(emulator);
  return { emulator, notion: sdkClient(emulator) };
}

describe("persistence", () => {
  it("saves the workspace on stop and loads it on the next start", async () => {
    const stateFile = join(dir, "workspace.json");
    const first = await start(stateFile);
    const parent = first.emulator.createParentPage("Ops");
    const db = (await first.notion.databases.create({
      parent: { type: "page_id", page_id: parent },
      title: text("Customer Sites"),
      initial_data_source: {
        properties: { Name: { title: {} }, Tier: { select: { options: [{ name: "Gold" }] } } },
      },
    })) as AnyRecord;
    const dsId = db.data_sources[0].id as string;
    const page = await first.notion.pages.create({
      parent: { data_source_id: dsId },
      properties: { Name: { title: text("Acme") }, Tier: { select: { name: "Gold" } } },
    });
    await first.emulator.stop();
    running.splice(0);
    expect(JSON.parse(await readFile(stateFile, "utf8"))).toMatchObject({ version: 1 });

    const second = await start(stateFile);
    expect(second.emulator.findParentPage("Ops")).toBe(parent);
    const rows = await second.notion.dataSources.query({ data_source_id: dsId });
    expect(rows.results.map((r) => r.id)).toEqual([page.id]);
    expect(
      ((await second.notion.pages.retrieve({ page_id: page.id })) as AnyRecord).properties.Tier.select.name,
    ).toBe("Gold");
    expect(second.emulator.views(db.id)).toHaveLength(1);
    const another = await second.notion.pages.create({ parent: { data_source_id: dsId }, properties: {} });
    expect([page.id, db.id, dsId, parent]).not.toContain(another.id);
  });

  it("save() writes on demand, to the stateFile or a given path", async () => {
    const { emulator } = await start();
    await expect(emulator.save()).rejects.toBeInstanceOf(EmulatorUsageError);
    emulator.createParentPage("Snapshot");
    const file = join(dir, "snapshot.json");
    await emulator.save(file);
    const reloaded = await start(file);
    expect(reloaded.emulator.findParentPage("Snapshot")).toBeDefined();
  });

  it("refuses a state file that is not a workspace", async () => {
    const bad = join(dir, "bad.json");
    await writeFile(bad, "{ nope");
    await expect(startNotionEmulator({ stateFile: bad })).rejects.toBeInstanceOf(StateFileError);
    await writeFile(bad, JSON.stringify({ hello: "world" }));
    await expect(startNotionEmulator({ stateFile: bad })).rejects.toThrow(
      /is not a notion-emulator state file/,
    );
  });
});
