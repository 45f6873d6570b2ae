import type { DataSourcePlugin } from "@notion-ops/core";
import { type NotionEmulator, startNotionEmulator } from "@notion-ops/notion-emulator";
import { createAzurePlugin } from "@notion-ops/plugin-azure";
import { ninjaonePlugin } from "@notion-ops/plugin-ninjaone";
import { unifiPlugin } from "@notion-ops/plugin-unifi";
import { createPluginRegistry, type PluginRegistry } from "../plugin-registry.js";
import type { DemoEstate } from "./estate.js";
import { fakeAzureCredential, startFakeAzure } from "./fake-azure.js";
import { startFakeNinjaOne } from "./fake-ninjaone.js";
import { startFakeUnifi } from "./fake-unifi.js";
import type { FakeServer } from "./loopback-server.js";

/** Fake credentials: they are checked by the fakes and masked like real ones. */
export const DEMO_CREDENTIALS = {
  notionToken: "secret_demoNotionOpsEmulatorToken0000000000",
  unifiApiKey: "demo-unifi-site-manager-key-4f9c2e",
  ninjaoneClientId: "demo-ninjaone-client-id",
  ninjaoneClientSecret: "demo-ninjaone-client-secret-8b1d7a",
} as const;

export const DEMO_PARENT_PAGE_TITLE = "notion-ops demo";
/** Seeds the emulator's ids: the same requests give the same Notion ids on every machine. */
const EMULATOR_SEED = 20_240_917;

export interface DemoStack {
  emulator: NotionEmulator;
  unifi: FakeServer;
  ninjaone: FakeServer;
  azure: FakeServer;
  /** The page the databases live under (created on the first run). */
  parentPageId: string;
  /** Exactly the variables the commands read: loopback base URLs and the fake credentials. */
  env: Record<string, string>;
  /** The built-in plugins, with Azure signed in by a fake credential instead of Entra. */
  registry: PluginRegistry;
  /** Stops everything; the emulator saves its workspace to the state file. */
  stop(): Promise<void>;
}

/**
 * Starts the Notion emulator (loading the workspace from `stateFile` if it exists, throttled to
 * `rateLimit` requests/s) and the fake vendor APIs serving `estate`, all on 127.0.0.1.
 */
export async function startDemoStack(options: {
  estate: DemoEstate;
  stateFile: string;
  rateLimit: number;
}): Promise<DemoStack> {
  const started: { stop(): Promise<void> }[] = [];
  try {
    const emulator = await startNotionEmulator({
      port: 0,
      stateFile: options.stateFile,
      rateLimit: options.rateLimit,
      seed: EMULATOR_SEED,
      token: DEMO_CREDENTIALS.notionToken,
    });
    started.push(emulator);
    const unifi = await startFakeUnifi(options.estate, { apiKey: DEMO_CREDENTIALS.unifiApiKey });
    started.push(unifi);
    const ninjaone = await startFakeNinjaOne(options.estate, {
      clientId: DEMO_CREDENTIALS.ninjaoneClientId,
      clientSecret: DEMO_CREDENTIALS.ninjaoneClientSecret,
    });
    started.push(ninjaone);
    const azure = await startFakeAzure(options.estate);
    started.push(azure);

    const parentPageId =
      emulator.findParentPage(DEMO_PARENT_PAGE_TITLE) ?? emulator.createParentPage(DEMO_PARENT_PAGE_TITLE);
    return {
      emulator,
      unifi,
      ninjaone,
      azure,
      parentPageId,
      env: {
        NOTION_TOKEN: DEMO_CREDENTIALS.notionToken,
        NOTION_BASE_URL: emulator.url,
        NOTION_OPS_RATE_LIMIT: String(options.rateLimit),
        UNIFI_API_KEY: DEMO_CREDENTIALS.unifiApiKey,
        UNIFI_BASE_URL: unifi.url,
        NINJAONE_CLIENT_ID: DEMO_CREDENTIALS.ninjaoneClientId,
        NINJAONE_CLIENT_SECRET: DEMO_CREDENTIALS.ninjaoneClientSecret,
        NINJAONE_BASE_URL: ninjaone.url,
        AZURE_RESOURCE_MANAGER_URL: azure.url,
      },
      registry: createPluginRegistry([
        unifiPlugin as DataSourcePlugin,
        ninjaonePlugin as DataSourcePlugin,
        createAzurePlugin({ credential: fakeAzureCredential }) as DataSourcePlugin,
      ]),
      stop: () => stopAll(started),
    };
  } catch (error) {
    await stopAll(started);
    throw error;
  }
}

/** Stops every one, even if another fails to stop; then reports the first failure. */
async function stopAll(started: readonly { stop(): Promise<void> }[]): Promise<void> {
  const results = await Promise.allSettled(started.map((s) => s.stop()));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}
