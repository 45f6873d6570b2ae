import { NotionAccessError } from "../errors.js";
import type { Logger } from "../log/logger.js";
import type { NotionClient } from "../notion/client.js";
import type { DatabaseKey } from "../schema/database-keys.js";
import { DATABASES } from "../schema/databases.js";
import type { PageIndex } from "./existing-records.js";

/**
 * Overlapping runs.
 *
 * Notion has no unique constraint and no conditional create, so two syncs writing the same
 * workspace at once (a scheduled run and a manual one, or workflows without the
 * `concurrency: notion-ops-sync` group) can both find a key missing and both create it. Rather
 * than a lock (which Notion cannot make atomic either, and which a killed run would leave behind),
 * duplicates are resolved after the fact, the same way by every run:
 *
 * - the page kept for a key is the oldest: lowest `created_time` (which Notion keeps to the
 *   minute), then lowest page id, so every run that looks picks the same page, whichever run
 *   created it;
 * - the others are moved to the trash (recoverable for 30 days), but only pages this integration
 *   created and nobody edited since: a duplicate a person has touched is left alone and reported;
 * - relations that point at a Customer Sites page that is not kept (one trashed here, or one this
 *   run created and another run trashed) are moved to the kept page.
 *
 * A run does this after its writes, for the keys it created (reading back the pages created since
 * it started), and at its start for any duplicate its first read finds. Whichever of two
 * overlapping runs finishes last reads back after both have written, so it sees and resolves every
 * duplicate; a duplicate that became visible too late for either is resolved by the next run.
 */
export interface DuplicateResolution {
  database: DatabaseKey;
  key: string;
  /** The page kept (the oldest). */
  kept: string;
  /** Pages moved to the trash by this run. */
  trashed: string[];
  /** Duplicates not trashed: created or edited by someone else, or the trash request failed. */
  leftAlone: string[];
}

export interface ResolveDuplicatesOptions {
  client: Pick<NotionClient, "pages" | "users" | "queryAll">;
  /** Fresh reads of the databases to check, by database. */
  found: Partial<Record<DatabaseKey, PageIndex>>;
  /** Pages this run created, by database and key: relations from those not kept are moved. */
  createdHere?: Partial<Record<DatabaseKey, ReadonlyMap<string, string>>>;
  /** Databases whose relation to Customer Sites is repaired, with their data source ids. */
  relatedDataSources: readonly { database: DatabaseKey; dataSourceId: string }[];
  logger: Logger;
}

export async function resolveDuplicates(options: ResolveDuplicatesOptions): Promise<DuplicateResolution[]> {
  const { client, logger } = options;
  const order = Object.keys(options.found).sort(customerSitesFirst) as DatabaseKey[];
  const redirects = new Map<string, string>();
  const sitesCreatedHere = options.createdHere?.customerSites;
  const sites = options.found.customerSites;
  if (sitesCreatedHere && sites) {
    for (const [key, pageId] of sitesCreatedHere) {
      const kept = sites.byKey.get(key)?.pageId;
      if (kept && kept !== pageId) redirects.set(pageId, kept);
    }
  }
  if (
    order.every((database) => (options.found[database]?.duplicates.length ?? 0) === 0) &&
    redirects.size === 0
  )
    return [];

  const botId = (await client.users.me()).id;
  const resolutions: DuplicateResolution[] = [];
  for (const database of order) {
    const index = options.found[database]!;
    const title = DATABASES[database].title;
    for (const { key, pageIds } of index.duplicates) {
      const [kept, ...others] = pageIds as [string, ...string[]];
      const resolution: DuplicateResolution = { database, key, kept, trashed: [], leftAlone: [] };
      for (const pageId of others) {
        const record = index.byPageId.get(pageId);
        const ours = record?.createdBy === botId && (record.lastEditedBy ?? botId) === botId;
        if (!ours) {
          resolution.leftAlone.push(pageId);
          logger.warn(
            `${title}: ${key} is on more than one page; ${pageId} was created or edited by someone else, so it is left alone (kept: ${kept})`,
          );
          continue;
        }
        try {
          await client.pages.update({ page_id: pageId, in_trash: true }, { label: title });
          resolution.trashed.push(pageId);
          if (database === "customerSites") redirects.set(pageId, kept);
        } catch (error) {
          rethrowAccessError(error);
          resolution.leftAlone.push(pageId);
          logger.warn(
            `${title}: could not move the duplicate ${pageId} of ${key} to the trash: ${logger.mask(String((error as Error)?.message ?? error))}`,
          );
        }
      }
      resolutions.push(resolution);
    }
  }
  if (redirects.size > 0) await moveSiteRelations(options, redirects);

  const trashed = resolutions.reduce((sum, r) => sum + r.trashed.length, 0);
  if (resolutions.length > 0) {
    logger.notice(
      `${resolutions.length} record key(s) were on more than one page (another run was writing the same workspace at the same time); ` +
        `kept the oldest page of each and moved ${trashed} duplicate(s) to the trash`,
    );
  }
  return resolutions;
}

/**
 * Points every relation to a Customer Sites page that is not kept at the page that is. Pages that
 * are duplicates themselves are skipped (they go to the trash); a page trashed meanwhile by the
 * other run cannot be written, and needs no fixing.
 */
async function moveSiteRelations(options: ResolveDuplicatesOptions, redirects: ReadonlyMap<string, string>) {
  const { client, logger } = options;
  for (const { database, dataSourceId } of options.relatedDataSources) {
    const definition = DATABASES[database];
    const index = options.found[database];
    const notKept = new Set(index?.duplicates.flatMap((d) => d.pageIds.slice(1)) ?? []);
    for (const property of definition.properties.filter((p) => p.relation === "customerSites")) {
      const repointed = new Set<string>();
      for (const [from] of redirects) {
        const filter = { property: property.name, relation: { contains: from } };
        for await (const page of client.queryAll(dataSourceId, { filter }, { label: definition.title })) {
          if (repointed.has(page.id) || notKept.has(page.id)) continue;
          const value = page.properties[property.name];
          const ids = value?.type === "relation" ? value.relation.map((r) => r.id) : [];
          const moved = [...new Set(ids.map((id) => redirects.get(id) ?? id))];
          try {
            await client.pages.update(
              {
                page_id: page.id,
                properties: { [property.name]: { relation: moved.map((id) => ({ id })) } },
              },
              { label: definition.title },
            );
            repointed.add(page.id);
          } catch (error) {
            rethrowAccessError(error);
            logger.debug(
              `${definition.title}: page ${page.id} not repointed (${logger.mask(String((error as Error)?.message ?? error))}); it was trashed meanwhile, or Notion kept failing`,
            );
          }
        }
      }
      if (repointed.size > 0)
        logger.info(
          `${definition.title}: moved ${repointed.size} ${property.name} relation(s) to the kept Customer Sites pages`,
        );
    }
  }
}

/** A rejected token or a missing capability stops the run, as everywhere else. */
function rethrowAccessError(error: unknown): void {
  if (NotionAccessError.is(error) && error.code !== "notion_not_shared") throw error;
}

function customerSitesFirst(a: string, b: string): number {
  return Number(b === "customerSites") - Number(a === "customerSites");
}
