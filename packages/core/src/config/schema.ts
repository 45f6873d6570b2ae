import { z } from "zod";
import { healthConfigSchema } from "../health/health-config.js";
import { DATABASE_KEYS, type DatabaseKey } from "../schema/database-keys.js";
import { scriptsConfigSchema } from "../scripts/scripts-config.js";
import { checkChangeLogGlob } from "./change-log-glob.js";

const notionId = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/, {
    error: "must be a Notion id (32 hex digits, with or without dashes)",
  });

export const databaseRefSchema = z.strictObject({ databaseId: notionId, dataSourceId: notionId });
export type DatabaseRef = z.infer<typeof databaseRefSchema>;

const databasesSchema = z.strictObject(
  Object.fromEntries(DATABASE_KEYS.map((key) => [key, databaseRefSchema.optional()])) as Record<
    DatabaseKey,
    z.ZodOptional<typeof databaseRefSchema>
  >,
);

const isoDate = z.iso.date({ error: "must be a date written YYYY-MM-DD" });

export const siteKeySchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
  error: "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
});

export const configuredSiteSchema = z.strictObject({
  key: siteKeySchema,
  name: z.string().trim().min(1, { error: "must not be empty" }),
  state: z.string().trim().min(1).optional(),
  unifi: z
    .strictObject({ siteId: z.string().min(1).optional(), hostId: z.string().min(1).optional() })
    .optional(),
  ninjaone: z.strictObject({ organizationId: z.number().int().positive().optional() }).optional(),
  azure: z
    .strictObject({
      subscriptionId: z.string().min(1).optional(),
      resourceGroup: z.string().min(1).optional(),
    })
    .optional(),
  contractRenewal: isoDate.optional(),
  primaryContact: z.string().trim().min(1).optional(),
});
export type ConfiguredSite = z.infer<typeof configuredSiteSchema>;

const changeLogPathSchema = z.strictObject({
  glob: z
    .string()
    .min(1)
    .superRefine((glob, ctx) => {
      const problem = checkChangeLogGlob(glob);
      if (problem) ctx.addIssue({ code: "custom", message: `glob ${problem}` });
    }),
  tool: z.string().trim().min(1),
});

/**
 * notion-ops.yml (SPEC §3). `sources` is validated with the schemas of the registered plugins,
 * so the set of sources and their keys come from the plugins themselves.
 */
export function createConfigSchema(sourceSchemas: Record<string, z.ZodType>) {
  const sources = z.strictObject(
    Object.fromEntries(Object.entries(sourceSchemas).map(([name, schema]) => [name, schema.optional()])),
  );
  return z.strictObject({
    notion: z
      .strictObject({
        parentPage: notionId.optional(),
        databases: databasesSchema.prefault({}),
      })
      .prefault({}),
    health: healthConfigSchema,
    sources: sources.prefault({}),
    sites: z
      .array(configuredSiteSchema)
      .default([])
      .superRefine((sites, ctx) => {
        const seen = new Map<string, number>();
        sites.forEach((site, index) => {
          const key = site.key.toLowerCase();
          const first = seen.get(key);
          if (first === undefined) seen.set(key, index);
          else {
            ctx.addIssue({
              code: "custom",
              path: [index, "key"],
              message: `duplicate site key "${site.key}" (already used by sites[${first}])`,
            });
          }
        });
      }),
    changeLog: z.strictObject({ paths: z.array(changeLogPathSchema).default([]) }).prefault({}),
    runbooks: z.strictObject({ dir: z.string().min(1).default("runbooks") }).prefault({}),
    scripts: scriptsConfigSchema.prefault({}),
  });
}

export type NotionOpsConfig = z.output<ReturnType<typeof createConfigSchema>>;
