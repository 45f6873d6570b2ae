import type { AzureResource, AzureSubscription, Problem } from "./estate.js";
import { uuid } from "./estate-unifi.js";
import type { Prng } from "./prng.js";

const LOCATIONS: readonly string[] = ["eastus", "eastus2", "centralus", "westus2", "southcentralus"];
/** The one tenant every demo subscription belongs to (a CSP's customers each have their own in reality). */
const TENANT = "7d3f1c2a-5b6e-4f80-9a1b-2c3d4e5f6a7b";

/** One customer's Azure subscription with a handful of resource types. */
export function buildAzureSubscription(
  prng: Prng,
  input: { name: string; key: string; displayName: string; problems: ReadonlySet<Problem> },
): AzureSubscription {
  const slug = input.key.split("-")[0]!.toLowerCase();
  const location = prng.pick(LOCATIONS);
  const prod = `rg-${slug}-prod`;
  const network = `rg-${slug}-network`;
  const backup = `rg-${slug}-backup`;
  const resources: AzureResource[] = [];
  const add = (
    resourceGroup: string,
    providerType: string,
    path: string,
    health?: AzureResource["health"],
  ) => {
    resources.push({
      providerType,
      path,
      name: path.split("/").at(-1)!,
      resourceGroup,
      location,
      ...(health ? { health } : {}),
    });
  };

  add(network, "Microsoft.Network/virtualNetworks", `vnet-${slug}-prod`);
  add(network, "Microsoft.Network/networkSecurityGroups", `nsg-${slug}-servers`);
  const vms = prng.int(1, 3);
  for (let i = 1; i <= vms; i++) {
    const vm = `vm-${slug}-${i === 1 ? "dc" : "app"}0${i}`;
    add(prod, "Microsoft.Compute/virtualMachines", vm, "Available");
    add(prod, "Microsoft.Compute/disks", `${vm}_OsDisk_1_${prng.hex(32)}`);
    add(prod, "Microsoft.Network/networkInterfaces", `${vm}-nic`);
  }
  add(prod, "Microsoft.Storage/storageAccounts", `st${slug}${prng.hex(6)}`, "Available");
  add(backup, "Microsoft.RecoveryServices/vaults", `rsv-${slug}-prod`);
  if (prng.chance(0.6)) add(prod, "Microsoft.KeyVault/vaults", `kv-${slug}-${prng.hex(4)}`, "Available");
  if (prng.chance(0.5)) add(network, "Microsoft.Network/publicIPAddresses", `pip-${slug}-vpn`);
  if (prng.chance(0.35)) {
    add(prod, "Microsoft.Web/serverFarms", `asp-${slug}-prod`);
    add(prod, "Microsoft.Web/sites", `app-${slug}-portal`, "Available");
  }
  if (prng.chance(0.3)) {
    const server = `sql-${slug}-prod`;
    add(prod, "Microsoft.Sql/servers", server);
    add(prod, "Microsoft.Sql/servers", `${server}/databases/sqldb-${slug}-app`, "Available");
  }
  if (prng.chance(0.3)) add(prod, "Microsoft.OperationalInsights/workspaces", `log-${slug}-prod`);

  if (input.problems.has("azure-degraded")) {
    const vm = resources.find((r) => r.providerType === "Microsoft.Compute/virtualMachines")!;
    vm.health = "Degraded";
  }
  if (input.problems.has("azure-unavailable")) {
    const target = resources.filter((r) => r.health !== undefined).at(-1)!;
    target.health = "Unavailable";
  }
  return {
    id: uuid(prng),
    displayName: input.displayName,
    tenantId: TENANT,
    resourceGroups: [network, prod, backup],
    resources,
  };
}

/** The resource type as Resource Graph's `type` column has it (lower case, child types included). */
export function resourceType(resource: AzureResource): string {
  const segments = resource.path.split("/");
  const childTypes = segments.filter((_, i) => i % 2 === 1);
  return [resource.providerType, ...childTypes].join("/").toLowerCase();
}

/** The resource id as Azure writes it. */
export function resourceId(subscriptionId: string, resource: AzureResource): string {
  const [namespace, type] = resource.providerType.split("/");
  const segments = resource.path.split("/");
  return `/subscriptions/${subscriptionId}/resourceGroups/${resource.resourceGroup}/providers/${namespace}/${type}/${segments.join("/")}`;
}
