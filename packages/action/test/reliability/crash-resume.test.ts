import { type NotionEmulator, startNotionEmulator } from "@notion-ops/notion-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPluginRegistry } from "../../src/plugin-registry.js";
import { assertBundleFresh, type CliExit, spawnCli } from "./support/cli-process.js";
import { FAST_CLIENT, runCommand, SYNC_DATE } from "./support/cycle.js";
import { fakeVendor, serveOnLoopback } from "./support/fake-vendor.js";
import { type KillSwitchProxy, startKillSwitchProxy } from "./support/kill-switch-proxy.js";
import { type WorkspaceState, workspaceState } from "./support/notion-state.js";
import { createRepository, removeRepository } from "./support/repository.js";
import { seededPoints } from "./support/seeded-points.js";
import {
  NINJAONE_CLIENT_ID,
  NINJAONE_CLIENT_SECRET,
  ninjaOne,
  UNIFI_API_KEY,
  unifiSiteManager,
} from "./support/vendor-fixtures.js";

/**
 * The bundled CLI killed with SIGKILL at seeded points of a first sync (right after Notion has
 * carried out the Nth request, before the CLI hears the answer), then run again: the second run
 * must complete the workspace to exactly what an uninterrupted sync writes, with no key twice.
 * The emulator lives in this process, so the workspace outlives the client.
 */

const SOURCES = { unifi: true, ninjaone: true };
let vendorEnv: Record<string, string>;
const closers: (() => Promise<void>)[] = [];

interface Workspace {
  emulator: NotionEmulator;
  proxy: KillSwitchProxy;
  dir: string;
}

async function freshWorkspace(seed: number): Promise<Workspace> {
  const emulator = await startNotionEmulator({ rateLimit: 0, seed });
  const proxy = await startKillSwitchProxy(emulator.url);
  const dir = await createRepository(SOURCES);
  const setup = await runCommand(["setup", "--parent-page", emulator.createParentPage("Operations")], {
    emulator,
    dir,
    registry: createPluginRegistry(),
    env: {},
  });
  expect(setup.code).toBe(0);
  closers.push(async () => {
    await proxy.close();
    await emulator.stop();
    await removeRepository(dir);
  });
  return { emulator, proxy, dir };
}

/** `notion-ops sync` in its own process, through the proxy; killed after request `killAt` (0: never). */
async function cliSync(workspace: Workspace, killAt = 0): Promise<CliExit> {
  const cli = spawnCli(["sync", "--date", SYNC_DATE, "--json"], {
    cwd: workspace.dir,
    env: {
      NOTION_TOKEN: workspace.emulator.token,
      NOTION_BASE_URL: workspace.proxy.url,
      ...FAST_CLIENT,
      ...vendorEnv,
    },
  });
  workspace.proxy.arm(killAt, () => cli.child.kill("SIGKILL"));
  return cli.exited;
}

let reference: WorkspaceState;
let requestsPerSync: number;

beforeAll(async () => {
  await assertBundleFresh();
  const unifi = await serveOnLoopback(fakeVendor(unifiSiteManager()));
  const ninjaone = await serveOnLoopback(fakeVendor(ninjaOne()));
  closers.push(unifi.close, ninjaone.close);
  vendorEnv = {
    UNIFI_API_KEY,
    UNIFI_BASE_URL: unifi.url,
    NINJAONE_CLIENT_ID,
    NINJAONE_CLIENT_SECRET,
    NINJAONE_BASE_URL: ninjaone.url,
  };
  const workspace = await freshWorkspace(500);
  const exit = await cliSync(workspace);
  expect(exit.code, exit.stderr).toBe(0);
  requestsPerSync = workspace.proxy.forwarded;
  reference = workspaceState(workspace.emulator);
}, 120_000);

afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

describe("the uninterrupted sync (the reference)", () => {
  it("writes every database once", () => {
    expect(requestsPerSync).toBeGreaterThan(30);
    expect(reference.duplicates).toEqual([]);
    expect(Object.keys(reference.records["Customer Sites"] ?? {})).toHaveLength(9);
    expect(Object.keys(reference.records["Network Devices"] ?? {})).toHaveLength(12);
    expect(Object.keys(reference.records["Runbook Library"] ?? {})).toHaveLength(2);
  });
});

const SEED = 20_251_121;

describe("SIGKILL during a first sync, then a second run", () => {
  // 16 points spread over the whole run: reads, every database's creates, runbook bodies, freshness.
  const points = () => seededPoints(SEED, 16, requestsPerSync);

  it.each(Array.from({ length: 16 }, (_, i) => i))("kill point #%i", async (i) => {
    const killAt = points()[i]!;
    const workspace = await freshWorkspace(1000 + i);
    const killed = await cliSync(workspace, killAt);
    expect(killed.signal, `killed after request ${killAt} of ${requestsPerSync}`).toBe("SIGKILL");

    const resumed = await cliSync(workspace);
    expect(resumed.code, resumed.stderr).toBe(0);
    const state = workspaceState(workspace.emulator);
    expect(state.duplicates).toEqual([]);
    expect(state.unkeyed).toEqual([]);
    expect(state).toEqual(reference);
    expect(workspace.emulator.internalErrors()).toEqual([]);
  });
});

describe("killed twice in a row, then a third run", () => {
  it.each([0, 1, 2, 3])("double kill #%i", async (i) => {
    const [first = 1] = seededPoints(SEED + 1 + i, 1, requestsPerSync);
    // The second run is shorter (part of the work is done): kill it among its first requests.
    const [second = 1] = seededPoints(SEED + 100 + i, 1, 8);
    const workspace = await freshWorkspace(2000 + i);
    expect((await cliSync(workspace, first)).signal).toBe("SIGKILL");
    expect((await cliSync(workspace, second)).signal).toBe("SIGKILL");
    const resumed = await cliSync(workspace);
    expect(resumed.code, resumed.stderr).toBe(0);
    const state = workspaceState(workspace.emulator);
    expect(state.duplicates).toEqual([]);
    expect(state).toEqual(reference);
  });
});
