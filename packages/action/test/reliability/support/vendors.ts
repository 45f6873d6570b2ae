import { createAzurePlugin } from "@notion-ops/plugin-azure";
import { ninjaonePlugin } from "@notion-ops/plugin-ninjaone";
import { unifiPlugin } from "@notion-ops/plugin-unifi";
import nock from "nock";
import { createPluginRegistry, type PluginRegistry } from "../../../src/plugin-registry.js";
import {
  type FakeVendor,
  fakeVendor,
  serveOnLoopback,
  serveThroughNock,
  type VendorFault,
} from "./fake-vendor.js";
import {
  azureResourceGraph,
  fakeAzureCredential,
  NINJAONE_CLIENT_ID,
  NINJAONE_CLIENT_SECRET,
  ninjaOne,
  UNIFI_API_KEY,
  unifiSiteManager,
} from "./vendor-fixtures.js";

export const NINJAONE_ORIGIN = "https://eu.ninjarmm.com";
export const AZURE_ORIGIN = "https://management.azure.com";

export interface VendorFaults {
  unifi?: VendorFault[];
  ninjaone?: VendorFault[];
  azure?: VendorFault[];
}

export interface Vendors {
  unifi: FakeVendor;
  ninjaone: FakeVendor;
  azure: FakeVendor;
  /** Credentials and base URLs for the plugins. */
  env: Record<string, string>;
  /** The real plugins; Azure signs in with a fake TokenCredential. */
  registry: PluginRegistry;
  close(): Promise<void>;
}

/**
 * UniFi on a loopback socket (real resets), NinjaOne and Azure through nock at their real hosts.
 * Everything else but 127.0.0.1 (the emulator, the UniFi stand-in) is refused.
 */
export async function startVendors(faults: VendorFaults = {}): Promise<Vendors> {
  const unifi = fakeVendor(unifiSiteManager(), faults.unifi);
  const ninjaone = fakeVendor(ninjaOne(), faults.ninjaone);
  const azure = fakeVendor(azureResourceGraph(), faults.azure);
  const unifiServer = await serveOnLoopback(unifi);
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  serveThroughNock(NINJAONE_ORIGIN, ninjaone);
  serveThroughNock(AZURE_ORIGIN, azure);
  return {
    unifi,
    ninjaone,
    azure,
    env: {
      UNIFI_API_KEY,
      UNIFI_BASE_URL: unifiServer.url,
      NINJAONE_CLIENT_ID,
      NINJAONE_CLIENT_SECRET,
    },
    registry: createPluginRegistry([
      unifiPlugin,
      ninjaonePlugin,
      createAzurePlugin({ credential: fakeAzureCredential() }),
    ] as Parameters<typeof createPluginRegistry>[0]),
    async close() {
      nock.cleanAll();
      nock.enableNetConnect();
      await unifiServer.close();
    },
  };
}
