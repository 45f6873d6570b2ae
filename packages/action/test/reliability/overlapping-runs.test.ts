import { type NotionEmulator, startNotionEmulator } from "@notion-ops/notion-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPluginRegistry } from "../../src/plugin-registry.js";
import { assertBundleFresh, spawnCli } from "./support/cli-process.js";
import { type CycleEnvironment, FAST_CLIENT, type Json, runCommand, SYNC_DATE } from "./support/cycle.js";
import { fakeVendor, serveOnLoopback } from "./support/fake-vendor.js";
import { type WorkspaceState, workspaceState } from "./support/notion-state.js";
import { createRepository, removeRepository } from "./support/repository.js";
import {
  NINJAONE_CLIENT_ID,
  NINJAONE_CLIENT_SECRET,
  ninjaOne,
  UNIFI_API_KEY,
  unifiSiteManager,
} from "./support/vendor-fixtures.js";
import { startVendors, type Vendors } from "./support/vendors.js";

/**
 * Two syncs started together on the same workspace (the examples' `concurrency: notion-ops-sync`
 * group prevents this in Actions; a manual CLI run next to a scheduled one does not). Notion has no
 * unique constraint, so both runs find every key missing and create it; each run then reads back
 * what was created since it started and keeps the oldest page per key (core/src/sync/
 * duplicate-resolution.ts). The workspace must end exactly as one sync leaves it.
 */

interface Workspace extends CycleEnvironment {
  close(): Promise<void>;
}

async function workspace(vendors: Vendors, seed: number): Promise<Workspace> {
  const emulator = await startNotionEmulator({ rateLimit: 0, seed });
  const dir = await createRepository();
  const environment = { emulator, dir, registry: vendors.registry, env: vendors.env };
  const setup = await runCommand(
    ["setup", "--parent-page", emulator.createParentPage("Operations")],
    environment,
  );
  expect(setup.code).toBe(0);
  return {
    ...environment,
    close: async () => {
      await emulator.stop();
      await removeRepository(dir);
    },
  };
}

let vendors: Vendors;
let reference: WorkspaceState;
const open: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  vendors = await startVendors();
  const one = await workspace(vendors, 40);
  open.push(one);
  expect((await runCommand(["sync", "--date", SYNC_DATE], one)).code).toBe(0);
  reference = workspaceState(one.emulator);
});
afterAll(async () => {
  for (const w of open) await w.close();
  await vendors?.close();
});

function expectOneSyncState(emulator: NotionEmulator) {
  const state = workspaceState(emulator);
  expect(state.duplicates).toEqual([]);
  expect(state.unkeyed).toEqual([]);
  // Relations read as the related key; one to a trashed page would read "TRASHED <key>".
  expect(state).toEqual(reference);
  expect(emulator.internalErrors()).toEqual([]);
}

const trashedBy = (json: Json) =>
  (json.duplicatesResolved as { trashed: string[] }[]).reduce((sum, r) => sum + r.trashed.length, 0);

describe("two syncs in one process, each with its own client", () => {
  // The second run starts 0 to 80 ms after the first: from fully overlapping writes to a second
  // run that reads while the first is part way through its creates (or done, on a fast machine).
  it.each([
    [1, 0],
    [2, 0],
    [3, 10],
    [4, 40],
    [5, 80],
  ])(
    "end with every record once and relations on the kept pages (seed %i, second run %i ms later)",
    async (seed, delayMs) => {
      const w = await workspace(vendors, 40 + seed);
      open.push(w);
      const [a, b] = await Promise.all([
        runCommand(["sync", "--date", SYNC_DATE], w),
        new Promise((resolve) => setTimeout(resolve, delayMs)).then(() =>
          runCommand(["sync", "--date", SYNC_DATE], w),
        ),
      ]);
      expect([a.code, b.code]).toEqual([0, 0]);
      // Started together, both create every key (neither can see the other's pages in time).
      // Every extra page is trashed; both runs may trash the same page, which counts for each.
      const extra =
        a.json.created + b.json.created - Object.values(reference.records).flatMap(Object.keys).length;
      if (delayMs === 0) expect(extra).toBeGreaterThan(0);
      expect(trashedBy(a.json) + trashedBy(b.json)).toBeGreaterThanOrEqual(extra);
      expectOneSyncState(w.emulator);

      // The next run finds nothing to resolve and nothing to write.
      const next = await runCommand(["sync", "--date", SYNC_DATE], w);
      expect(next.json).toMatchObject({ created: 0, updated: 0, failed: 0, duplicatesResolved: [] });
    },
  );
});

describe("two bundled CLI processes", () => {
  let servers: { close(): Promise<void> }[] = [];
  let cliEnv: Record<string, string>;
  beforeAll(async () => {
    await assertBundleFresh();
    const unifi = await serveOnLoopback(fakeVendor(unifiSiteManager()));
    const ninjaone = await serveOnLoopback(fakeVendor(ninjaOne()));
    servers = [unifi, ninjaone];
    cliEnv = {
      ...FAST_CLIENT,
      UNIFI_API_KEY,
      UNIFI_BASE_URL: unifi.url,
      NINJAONE_CLIENT_ID,
      NINJAONE_CLIENT_SECRET,
      NINJAONE_BASE_URL: ninjaone.url,
    };
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
  });

  async function cliWorkspace(seed: number) {
    const emulator = await startNotionEmulator({ rateLimit: 0, seed });
    const dir = await createRepository({ unifi: true, ninjaone: true });
    const close = async () => {
      await emulator.stop();
      await removeRepository(dir);
    };
    const w = { emulator, dir, registry: createPluginRegistry(), env: {}, close };
    open.push(w);
    expect(
      (await runCommand(["setup", "--parent-page", emulator.createParentPage("Operations")], w)).code,
    ).toBe(0);
    const env = { ...cliEnv, NOTION_TOKEN: emulator.token, NOTION_BASE_URL: emulator.url };
    const sync = () => spawnCli(["sync", "--date", SYNC_DATE, "--json"], { cwd: dir, env }).exited;
    return { emulator, sync };
  }

  it("started together end with every record once, as one CLI sync leaves the workspace", async () => {
    const single = await cliWorkspace(60);
    expect((await single.sync()).code).toBe(0);
    const expected = workspaceState(single.emulator);

    const both = await cliWorkspace(61);
    const [a, b] = await Promise.all([both.sync(), both.sync()]);
    expect([a.code, b.code], `${a.stderr}\n----\n${b.stderr}`).toEqual([0, 0]);
    const state = workspaceState(both.emulator);
    expect(state.duplicates).toEqual([]);
    expect(state.unkeyed).toEqual([]);
    expect(state).toEqual(expected);
  });
});
