import { z } from "zod";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `<provider namespace>/<type>[/<child type>…]`, e.g. microsoft.sql/servers/databases. */
const RESOURCE_TYPE = /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/[a-z0-9-]+)+$/i;

const subscriptionId = z
  .string()
  .trim()
  .regex(GUID, { error: "must be a subscription id (a GUID such as 00000000-0000-0000-0000-000000000000)" })
  .transform((id) => id.toLowerCase());

const serviceDefinition = z.strictObject({
  name: z.string().trim().min(1, { error: "must not be empty" }),
  category: z.string().trim().min(1, { error: "must not be empty" }),
});

const serviceOverride = z.union([z.literal(false), serviceDefinition], {
  error: (issue) => {
    const problem =
      issue.input && typeof issue.input === "object"
        ? serviceDefinition.safeParse(issue.input).error?.issues[0]
        : undefined;
    return problem
      ? `${problem.path.join(".") || "service"}: ${problem.message}`
      : "must be { name: <service name>, category: <category> } or false";
  },
});

function rejectDuplicates(ids: string[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  ids.forEach((id, index) => {
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else
      ctx.addIssue({
        code: "custom",
        path: [index],
        message: `duplicate subscription ${id} (already at [${first}])`,
      });
  });
}

/**
 * `sources.azure` in notion-ops.yml. Subscription ids are compared lower-cased (Azure treats
 * them case-insensitively), and so are resource types.
 */
export const azureConfigSchema = z
  .strictObject({
    /** The subscriptions to inventory; queried together in batches of up to 300. */
    subscriptions: z
      .array(subscriptionId)
      .min(1, { error: "list at least one subscription id" })
      .superRefine(rejectDuplicates),
    /**
     * Subscriptions shared by several customers: each of their resource groups is reported as its
     * own site (matched by `sites[].azure: { subscriptionId, resourceGroup }`) instead of the whole
     * subscription being one site.
     */
    resourceGroupSites: z.array(subscriptionId).superRefine(rejectDuplicates).default([]),
    /**
     * Overrides of the built-in resource type → service map, keyed by resource type
     * (case-insensitive). `false` leaves a type out of the services (it still counts for Has Azure).
     */
    services: z
      .record(z.string().regex(RESOURCE_TYPE), serviceOverride, {
        error: (issue) =>
          issue.code === "invalid_key"
            ? "must be a resource type such as microsoft.compute/virtualmachines"
            : undefined,
      })
      .superRefine((services, ctx) => {
        const seen = new Map<string, string>();
        for (const type of Object.keys(services)) {
          const first = seen.get(type.toLowerCase());
          if (first === undefined) seen.set(type.toLowerCase(), type);
          else ctx.addIssue({ code: "custom", path: [type], message: `same resource type as "${first}"` });
        }
      })
      .default({})
      .transform((services) =>
        Object.fromEntries(Object.entries(services).map(([type, service]) => [type.toLowerCase(), service])),
      ),
    /** What happens to resource types neither the built-in map nor `services` names. */
    unmappedTypes: z.enum(["provider", "skip"]).default("provider"),
  })
  .superRefine((config, ctx) => {
    const listed = new Set(config.subscriptions);
    config.resourceGroupSites.forEach((id, index) => {
      if (!listed.has(id)) {
        ctx.addIssue({
          code: "custom",
          path: ["resourceGroupSites", index],
          message: `subscription ${id} is not listed in subscriptions`,
        });
      }
    });
  });

export type AzureConfig = z.output<typeof azureConfigSchema>;
export type AzureConfigInput = z.input<typeof azureConfigSchema>;
export type ServiceOverride = z.output<typeof serviceOverride>;
