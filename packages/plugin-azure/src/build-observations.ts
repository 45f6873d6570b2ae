import {
  type Availability,
  configFingerprint,
  type ServiceObservation,
  type SiteObservation,
} from "@notion-ops/core";
import { worstAvailability } from "./availability.js";
import type { AzureConfig } from "./config.js";
import type { AzureContainer, AzureResource, HealthRecord } from "./inventory.js";
import { resolveService } from "./service-map.js";

export interface AzureInventory {
  /** Subscriptions that could be read (configured ones that failed are left out). */
  subscriptions: readonly string[];
  containers: readonly AzureContainer[];
  resources: readonly AzureResource[];
  health: readonly HealthRecord[];
}

export interface AzureObservationSet {
  sites: SiteObservation[];
  services: ServiceObservation[];
  notes: string[];
}

interface SiteBucket {
  site: Omit<SiteObservation, "hasAzure" | "availability" | "configFingerprint">;
  resources: AzureResource[];
}

/**
 * Turns an inventory into observations. Each subscription is one site (sourceId = subscription
 * id), unless it is listed in `resourceGroupSites`: then each of its resource groups is one site
 * (sourceId `<subscription id>/<resource group>`). Either way a resource belongs to exactly one
 * site and is counted in exactly one service of that site.
 *
 * Availability: the worst Resource Health state among the resources that have one
 * (Unavailable > Degraded > Unknown > Available); resources Resource Health does not cover are
 * left out, and a service or site with no health record at all is Unknown.
 */
export function buildAzureObservations(
  config: Pick<AzureConfig, "resourceGroupSites" | "services" | "unmappedTypes">,
  inventory: AzureInventory,
): AzureObservationSet {
  const notes: string[] = [];
  const splitByGroup = new Set(config.resourceGroupSites);
  const readable = new Set(inventory.subscriptions);
  const subscriptionNames = new Map<string, string>();
  const groupNames = new Map<string, string>();
  for (const container of inventory.containers) {
    if (container.kind === "subscription") subscriptionNames.set(container.subscriptionId, container.name);
    else groupNames.set(groupKey(container.subscriptionId, container.name), container.name);
  }

  const buckets = new Map<string, SiteBucket>();
  const bucket = (subscriptionId: string, resourceGroup?: string): SiteBucket => {
    const sourceId = resourceGroup === undefined ? subscriptionId : groupKey(subscriptionId, resourceGroup);
    let found = buckets.get(sourceId);
    if (!found) {
      const groupName = resourceGroup === undefined ? undefined : (groupNames.get(sourceId) ?? resourceGroup);
      found = {
        site: {
          source: "azure",
          sourceId,
          name: groupName ?? subscriptionNames.get(subscriptionId) ?? subscriptionId,
          matchKeys:
            groupName === undefined ? { subscriptionId } : { subscriptionId, resourceGroup: groupName },
        },
        resources: [],
      };
      buckets.set(sourceId, found);
    }
    return found;
  };

  for (const subscriptionId of inventory.subscriptions) {
    if (!splitByGroup.has(subscriptionId)) bucket(subscriptionId);
  }
  for (const container of inventory.containers) {
    if (
      container.kind === "resourceGroup" &&
      splitByGroup.has(container.subscriptionId) &&
      readable.has(container.subscriptionId)
    ) {
      bucket(container.subscriptionId, container.name);
    }
  }
  const outsideGroups = new Map<string, number>();
  for (const resource of inventory.resources) {
    if (!readable.has(resource.subscriptionId)) continue;
    if (!splitByGroup.has(resource.subscriptionId)) {
      bucket(resource.subscriptionId).resources.push(resource);
    } else if (resource.resourceGroup) {
      bucket(resource.subscriptionId, resource.resourceGroup).resources.push(resource);
    } else {
      outsideGroups.set(resource.subscriptionId, (outsideGroups.get(resource.subscriptionId) ?? 0) + 1);
    }
  }
  for (const [subscriptionId, count] of outsideGroups) {
    notes.push(
      `azure: ${count} resource(s) of subscription ${subscriptionId} belong to no resource group, so no site (the subscription is listed in resourceGroupSites)`,
    );
  }

  const healthById = new Map<string, Availability[]>();
  for (const record of inventory.health) {
    const states = healthById.get(record.resourceId);
    if (states) states.push(record.availability);
    else healthById.set(record.resourceId, [record.availability]);
  }
  const healthOf = (resources: readonly AzureResource[]): Availability[] =>
    resources.flatMap((resource) => healthById.get(resource.id) ?? []);

  const sites: SiteObservation[] = [];
  const services: ServiceObservation[] = [];
  const unmapped = new Map<string, number>();
  for (const { site, resources } of [...buckets.values()].sort((a, b) =>
    compare(a.site.sourceId, b.site.sourceId),
  )) {
    const typeCounts = new Map<string, number>();
    const grouped = new Map<string, { category: string; resources: AzureResource[] }>();
    for (const resource of resources) {
      typeCounts.set(resource.type, (typeCounts.get(resource.type) ?? 0) + 1);
      const resolution = resolveService(resource.type, config);
      if (resolution.kind === "unmapped") unmapped.set(resource.type, (unmapped.get(resource.type) ?? 0) + 1);
      if (resolution.kind !== "service") continue;
      const service = grouped.get(resolution.service.name);
      if (service) service.resources.push(resource);
      else
        grouped.set(resolution.service.name, {
          category: resolution.service.category,
          resources: [resource],
        });
    }
    const subscriptionId = site.matchKeys.subscriptionId!;
    for (const [name, service] of [...grouped].sort(([a], [b]) => compare(a, b))) {
      services.push({
        source: "azure",
        name,
        category: service.category,
        subscriptionId,
        siteSourceId: site.sourceId,
        resourceCount: service.resources.length,
        availability: worstAvailability(healthOf(service.resources)),
      });
    }
    sites.push({
      ...site,
      hasAzure: resources.length > 0,
      ...(resources.length > 0 ? { availability: worstAvailability(healthOf(resources)) } : {}),
      configFingerprint: configFingerprint({
        resourceTypes: [...typeCounts].map(([type, count]) => ({ type, count })),
      }),
    });
  }

  if (unmapped.size > 0) {
    const total = [...unmapped.values()].reduce((sum, count) => sum + count, 0);
    const listed = [...unmapped]
      .sort(([a, x], [b, y]) => y - x || compare(a, b))
      .map(([type, count]) => `${type} (${count})`);
    notes.push(
      `azure: ${total} resource(s) of ${unmapped.size} type(s) no service is mapped to were left out of the Azure Pipeline (unmappedTypes: skip): ${listed.slice(0, 10).join(", ")}${listed.length > 10 ? `, and ${listed.length - 10} more` : ""}; map them under sources.azure.services`,
    );
  }
  return { sites, services, notes };
}

function groupKey(subscriptionId: string, resourceGroup: string): string {
  return `${subscriptionId}/${resourceGroup.toLowerCase()}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
