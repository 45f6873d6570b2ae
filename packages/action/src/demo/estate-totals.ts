import { BUILT_IN_SERVICES } from "@notion-ops/plugin-azure";
import { DEMO_RUNBOOKS } from "./demo-runbooks.js";
import type { DemoEstate, DemoSite } from "./estate.js";
import { resourceType } from "./estate-azure.js";

/** What a first sync of the estate writes, counted from the estate itself. */
export interface EstateTotals {
  /** Customer Sites records: every listed site plus every site discovered in the sources. */
  customerSites: number;
  listedSites: number;
  /** Source sites that join no listed site and so become discovered sites (`auto:…`). */
  discoveredSites: number;
  /** Listed sites that no source reports. */
  unreportedSites: number;
  /** Daily Health snapshots: one per site some source reports. */
  snapshots: number;
  /** Network Devices: every UniFi and NinjaOne device. */
  devices: number;
  unifiDevices: number;
  ninjaoneDevices: number;
  /** Azure Pipeline services: distinct service names over every subscription. */
  services: number;
  /** Runbook Library pages: the sample runbooks. */
  runbooks: number;
  unifiSites: number;
  ninjaoneOrganizations: number;
  azureSubscriptions: number;
  azureResources: number;
  /** Sites given a problem on purpose. */
  unhealthySites: number;
}

/** The names a site's sources give it, for the ones that exist. */
function sourceNames(site: DemoSite): string[] {
  return [site.unifi?.description, site.ninjaone?.name, site.azure?.displayName].filter(
    (name): name is string => name !== undefined,
  );
}

export function estateTotals(estate: DemoEstate): EstateTotals {
  const listed = estate.sites.filter((s) => s.listing !== "unlisted");
  let discovered = 0;
  let reported = 0;
  let unreported = 0;
  for (const site of estate.sites) {
    const names = sourceNames(site);
    if (site.listing === "unlisted") {
      discovered += new Set(names).size;
      continue;
    }
    // Listed by ids: every source joins by mapping. Listed by name: a source joins only when it
    // uses exactly the site's name; any other name becomes a discovered site of its own.
    const joining = site.listing === "ids" ? names : names.filter((name) => name === site.name);
    if (site.listing === "name") discovered += new Set(names.filter((name) => name !== site.name)).size;
    if (joining.length > 0) reported++;
    else unreported++;
  }
  const unifiDevices = estate.sites.reduce((n, s) => n + (s.unifi?.devices.length ?? 0), 0);
  const ninjaoneDevices = estate.sites.reduce((n, s) => n + (s.ninjaone?.devices.length ?? 0), 0);
  const resources = estate.sites.flatMap((s) => s.azure?.resources ?? []);
  const services = new Set(
    resources.map((r) => BUILT_IN_SERVICES[resourceType(r)]?.name ?? `unmapped ${resourceType(r)}`),
  );
  return {
    customerSites: listed.length + discovered,
    listedSites: listed.length,
    discoveredSites: discovered,
    unreportedSites: unreported,
    snapshots: reported + discovered,
    devices: unifiDevices + ninjaoneDevices,
    unifiDevices,
    ninjaoneDevices,
    services: services.size,
    runbooks: Object.keys(DEMO_RUNBOOKS).length,
    unifiSites: estate.sites.filter((s) => s.unifi).length,
    ninjaoneOrganizations: estate.sites.filter((s) => s.ninjaone).length,
    azureSubscriptions: estate.sites.filter((s) => s.azure).length,
    azureResources: resources.length,
    unhealthySites: estate.sites.filter((s) => s.problems.length > 0).length,
  };
}
