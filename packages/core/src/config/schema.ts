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

/** Text bounded by where it ends up in Notion (a title or rich-text object, a select option). */
const bounded = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, { error: "must not be empty" })
    .max(max, { error: `must be at most ${max} characters (${what})` });
const NAME_MAX = 2000;
const OPTION_MAX = 100;
const MAPPING_ID_MAX = 512;
const mappingId = z
  .string()
  .min(1)
  .max(MAPPING_ID_MAX, { error: `must be at most ${MAPPING_ID_MAX} characters` });

export const configuredSiteSchema = z.strictObject({
  key: siteKeySchema,
  name: bounded(NAME_MAX, "one Notion text object"),
  state: bounded(OPTION_MAX, "a Notion select option").optional(),
  unifi: z.strictObject({ siteId: mappingId.optional(), hostId: mappingId.optional() }).optional(),
  ninjaone: z.strictObject({ organizationId: z.number().int().positive().optional() }).optional(),
  azure: z
    .strictObject({
      subscriptionId: mappingId.optional(),
      resourceGroup: mappingId.optional(),
    })
    .optional(),
  contractRenewal: isoDate.optional(),
  primaryContact: bounded(NAME_MAX, "one Notion text object").optional(),
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
  tool: bounded(OPTION_MAX, "a Notion select option"),
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
