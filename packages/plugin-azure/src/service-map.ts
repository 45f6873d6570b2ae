import type { AzureConfig } from "./config.js";

export interface ServiceDefinition {
  /** Service Name in the Azure Pipeline database. */
  name: string;
  category: string;
}

/**
 * The built-in resource type → service map (types lower-case, as Resource Graph returns them).
 * Several types may share one service (e.g. both kinds of backup vault are "Azure Backup").
 * The README lists this table; a test keeps the two in step.
 */
export const BUILT_IN_SERVICES: Readonly<Record<string, ServiceDefinition>> = Object.freeze({
  "microsoft.compute/virtualmachines": { name: "Virtual Machines", category: "Compute" },
  "microsoft.compute/virtualmachinescalesets": { name: "Virtual Machine Scale Sets", category: "Compute" },
  "microsoft.compute/disks": { name: "Managed Disks", category: "Compute" },
  "microsoft.desktopvirtualization/hostpools": { name: "Azure Virtual Desktop", category: "Compute" },
  "microsoft.hybridcompute/machines": { name: "Azure Arc Servers", category: "Hybrid" },
  "microsoft.containerservice/managedclusters": { name: "Kubernetes Service (AKS)", category: "Containers" },
  "microsoft.containerregistry/registries": { name: "Container Registry", category: "Containers" },
  "microsoft.app/containerapps": { name: "Container Apps", category: "Containers" },
  "microsoft.web/sites": { name: "App Service", category: "Web" },
  "microsoft.web/serverfarms": { name: "App Service Plans", category: "Web" },
  "microsoft.web/staticsites": { name: "Static Web Apps", category: "Web" },
  "microsoft.storage/storageaccounts": { name: "Storage Accounts", category: "Storage" },
  "microsoft.storagesync/storagesyncservices": { name: "Azure File Sync", category: "Storage" },
  "microsoft.sql/servers": { name: "SQL Servers", category: "Databases" },
  "microsoft.sql/servers/databases": { name: "SQL Database", category: "Databases" },
  "microsoft.sql/managedinstances": { name: "SQL Managed Instance", category: "Databases" },
  "microsoft.dbforpostgresql/flexibleservers": { name: "PostgreSQL Flexible Server", category: "Databases" },
  "microsoft.dbformysql/flexibleservers": { name: "MySQL Flexible Server", category: "Databases" },
  "microsoft.documentdb/databaseaccounts": { name: "Cosmos DB", category: "Databases" },
  "microsoft.cache/redis": { name: "Azure Cache for Redis", category: "Databases" },
  "microsoft.network/virtualnetworks": { name: "Virtual Networks", category: "Networking" },
  "microsoft.network/virtualnetworkgateways": { name: "VPN Gateway", category: "Networking" },
  "microsoft.network/applicationgateways": { name: "Application Gateway", category: "Networking" },
  "microsoft.network/loadbalancers": { name: "Load Balancers", category: "Networking" },
  "microsoft.network/publicipaddresses": { name: "Public IP Addresses", category: "Networking" },
  "microsoft.network/networkinterfaces": { name: "Network Interfaces", category: "Networking" },
  "microsoft.network/networksecuritygroups": { name: "Network Security Groups", category: "Networking" },
  "microsoft.network/bastionhosts": { name: "Azure Bastion", category: "Networking" },
  "microsoft.network/dnszones": { name: "Azure DNS", category: "Networking" },
  "microsoft.network/privatednszones": { name: "Private DNS", category: "Networking" },
  "microsoft.network/azurefirewalls": { name: "Azure Firewall", category: "Security" },
  "microsoft.keyvault/vaults": { name: "Key Vault", category: "Security" },
  "microsoft.recoveryservices/vaults": { name: "Azure Backup", category: "Backup" },
  "microsoft.dataprotection/backupvaults": { name: "Azure Backup", category: "Backup" },
  "microsoft.operationalinsights/workspaces": { name: "Log Analytics", category: "Monitoring" },
  "microsoft.insights/components": { name: "Application Insights", category: "Monitoring" },
  "microsoft.automation/automationaccounts": { name: "Automation", category: "Management" },
  "microsoft.logic/workflows": { name: "Logic Apps", category: "Integration" },
  "microsoft.servicebus/namespaces": { name: "Service Bus", category: "Integration" },
  "microsoft.eventhub/namespaces": { name: "Event Hubs", category: "Integration" },
});

/** Category of the services made for unmapped types with `unmappedTypes: provider`. */
export const UNMAPPED_CATEGORY = "Other";

export type ServiceResolution =
  | { kind: "service"; service: ServiceDefinition }
  /** `services: { <type>: false }` in config. */
  | { kind: "ignored" }
  /** Not in any map and `unmappedTypes: skip`. */
  | { kind: "unmapped" };

/**
 * Resolves a resource type to its service: config `services` first, then the built-in map, then
 * (with `unmappedTypes: provider`) a catch-all service per provider namespace, e.g.
 * `microsoft.insights/actiongroups` → "Microsoft.Insights (other)".
 */
export function resolveService(
  type: string,
  config: Pick<AzureConfig, "services" | "unmappedTypes">,
): ServiceResolution {
  const key = type.toLowerCase();
  const override = config.services[key];
  if (override === false) return { kind: "ignored" };
  if (override) return { kind: "service", service: override };
  const builtIn = BUILT_IN_SERVICES[key];
  if (builtIn) return { kind: "service", service: builtIn };
  if (config.unmappedTypes === "skip") return { kind: "unmapped" };
  return {
    kind: "service",
    service: { name: `${providerDisplayName(key)} (other)`, category: UNMAPPED_CATEGORY },
  };
}

/** `microsoft.operationalinsights/workspaces` → `Microsoft.Operationalinsights`. */
export function providerDisplayName(type: string): string {
  const namespace = type.split("/")[0] ?? type;
  return namespace
    .split(".")
    .map((part) => (part ? part[0]!.toUpperCase() + part.slice(1) : part))
    .join(".");
}
