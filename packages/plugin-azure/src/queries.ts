/** Every resource of the configured subscriptions (`id` projected for stable paging). */
export const RESOURCES_QUERY =
  "Resources | project id, name, type, location, resourceGroup, subscriptionId, tags";

/** The current Resource Health state of every resource that has one, in one query. */
export const HEALTH_QUERY =
  "HealthResources | where type =~ 'microsoft.resourcehealth/availabilitystatuses' | project id, targetResourceId = tolower(tostring(properties.targetResourceId)), availabilityState = tostring(properties.availabilityState), subscriptionId";

/** Subscription display names and resource groups (including empty ones). */
export const CONTAINERS_QUERY =
  "ResourceContainers | where type =~ 'microsoft.resources/subscriptions' or type =~ 'microsoft.resources/subscriptions/resourcegroups' | project id, name, type, subscriptionId, resourceGroup";
