export { worstAvailability } from "./availability.js";
export { AZURE_CLOUDS, type AzureCloud, azureCloudFor } from "./cloud.js";
export {
  type AzureConfig,
  type AzureConfigInput,
  azureConfigSchema,
  type ServiceOverride,
} from "./config.js";
export {
  type AzureCredentialMethod,
  type AzureCredentialSelection,
  GITHUB_OIDC_AUDIENCE,
  ID_TOKEN_PERMISSION_SNIPPET,
  missingIdTokenPermission,
  type SelectCredentialOptions,
  selectAzureCredential,
} from "./credential.js";
export { type AzurePluginOptions, azurePlugin, createAzurePlugin } from "./plugin.js";
export { CONTAINERS_QUERY, HEALTH_QUERY, RESOURCES_QUERY } from "./queries.js";
export {
  RESOURCE_GRAPH_API_VERSION,
  RESOURCE_GRAPH_PAGE_SIZE,
  RESOURCE_GRAPH_PATH,
  type ResourceGraphPage,
  resourceGraphPageSchema,
} from "./resource-graph.js";
export {
  BUILT_IN_SERVICES,
  resolveService,
  type ServiceDefinition,
  type ServiceResolution,
  UNMAPPED_CATEGORY,
} from "./service-map.js";
export { type AzureSettings, DEFAULT_RESOURCE_MANAGER_URL, readAzureSettings } from "./settings.js";
export { MAX_SUBSCRIPTIONS_PER_QUERY } from "./subscription-batches.js";
