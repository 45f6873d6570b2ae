/** An Azure cloud: where its Resource Manager lives, the token scope for it, and its Entra authority. */
export interface AzureCloud {
  name: string;
  resourceManagerHost: string;
  scope: string;
  authorityHost: string;
}

export const AZURE_CLOUDS: readonly AzureCloud[] = Object.freeze([
  {
    name: "AzureCloud",
    resourceManagerHost: "management.azure.com",
    scope: "https://management.azure.com/.default",
    authorityHost: "https://login.microsoftonline.com",
  },
  {
    name: "AzureUSGovernment",
    resourceManagerHost: "management.usgovcloudapi.net",
    scope: "https://management.usgovcloudapi.net/.default",
    authorityHost: "https://login.microsoftonline.us",
  },
  {
    name: "AzureChinaCloud",
    resourceManagerHost: "management.chinacloudapi.cn",
    scope: "https://management.chinacloudapi.cn/.default",
    authorityHost: "https://login.chinacloudapi.cn",
  },
]);

/**
 * The cloud a Resource Manager URL belongs to. A host that is none of the clouds' (a proxy, a
 * test server) is treated as the public cloud: its tokens are still issued for management.azure.com.
 */
export function azureCloudFor(resourceManagerUrl: URL): AzureCloud {
  const host = resourceManagerUrl.hostname.toLowerCase();
  return AZURE_CLOUDS.find((cloud) => cloud.resourceManagerHost === host) ?? AZURE_CLOUDS[0]!;
}
