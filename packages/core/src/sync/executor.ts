import { NotionAccessError, NotionOpsError, NotionRetriesExhaustedError } from "../errors.js";
import type { Logger } from "../log/logger.js";
import type { NotionClient } from "../notion/client.js";
import {
  encodeRecord,
  type PlainValue,
  type RecordSchema,
  type WritablePropertyType,
} from "../notion/codec.js";
import type { DatabaseKey } from "../schema/database-keys.js";
import type { DatabaseDefinition } from "../schema/definition.js";
import { forEachLimited } from "../scripts/parallel-limit.js";
import { appendPageBody, rewritePageBody } from "./page-body.js";
import {
  createValues,
  type DatabasePlan,
  type PlannedCreate,
  type PlannedUpdate,
  rewritesBody,
} from "./planner.js";
import { chunkBlocks } from "./runbooks/block-chunks.js";

export interface RecordFailure {
  database: DatabaseKey;
  key: string;
  reason: string;
  code: string;
}

export interface DatabaseResult {
  database: DatabaseKey;
  title: string;
  created: number;
  updated: number;
  /** Of `updated`: records marked missing (gone from their source). */
  markedMissing: number;
  unchanged: number;
  failed: RecordFailure[];
}

export interface ExecuteOptions {
  client: Pick<NotionClient, "createPageKeyed" | "createKeyed" | "pages" | "blocks">;
  plan: DatabasePlan;
  definition: DatabaseDefinition;
  dataSourceId: string;
  /** Page id of the record `key` in database `target` (e.g. a customer site), or undefined. */
  resolveRelation(target: DatabaseKey, key: string): string | undefined;
  logger: Logger;
  /** Called after each create, so later databases can relate to the new page. */
  onCreated?(key: string, pageId: string): void;
  /**
   * For pages whose body takes more than one request: this property is written last, after the
   * whole body is in, so an interrupted write is redone next run (runbooks' Content Hash).
   */
  bodyCompleteProperty?: string;
  /** Writes in flight at once (the client's throttle still sets the pace). */
  concurrency?: number;
}

/** Consecutive "Notion is unavailable" failures after which the rest of a database is not attempted. */
const OUTAGE_THRESHOLD = 3;

/**
 * Runs one database's plan through the shared throttled client. A bad record is reported with
 * its key and Notion's reason and the rest go on; a rejected token stops everything.
 */
export async function executePlan(options: ExecuteOptions): Promise<DatabaseResult> {
  const { plan, definition, logger } = options;
  const schema: RecordSchema = Object.fromEntries(
    definition.properties.map((p) => [p.name, p.type as WritablePropertyType]),
  );
  const result: DatabaseResult = {
    database: plan.database,
    title: plan.title,
    created: 0,
    updated: 0,
    markedMissing: 0,
    unchanged: plan.unchanged,
    failed: [],
  };
  const total = plan.creates.length + plan.updates.length;
  let done = 0;
  let consecutiveOutages = 0;
  let outage: string | undefined;

  const attempt = async (key: string, write: () => Promise<void>) => {
    if (outage) {
      result.failed.push({ database: plan.database, key, code: "not_attempted", reason: outage });
      return;
    }
    try {
      await write();
      consecutiveOutages = 0;
    } catch (error) {
      if (NotionAccessError.is(error) && error.code !== "notion_not_shared") throw error;
      const failure = NotionOpsError.is(error) ? error : undefined;
      if (NotionRetriesExhaustedError.is(error)) {
        consecutiveOutages++;
        if (consecutiveOutages >= OUTAGE_THRESHOLD) {
          outage = `not attempted: Notion kept failing (${error.message.split("\n")[0]})`;
        }
      }
      result.failed.push({
        database: plan.database,
        key,
        code: failure?.code ?? "internal",
        reason: logger.mask(failure?.message ?? String((error as Error)?.message ?? error)),
      });
      logger.warn(`${plan.title}: ${key}: ${logger.mask(failure?.message ?? String(error))}`);
    } finally {
      done++;
      logger.progress(plan.title, done, total);
    }
  };

  const encode = (key: string, values: Record<string, PlainValue>) => {
    const resolved: Record<string, PlainValue> = {};
    for (const [property, value] of Object.entries(values)) {
      const target = definition.properties.find((p) => p.name === property)?.relation;
      if (!target || !Array.isArray(value)) {
        resolved[property] = value;
        continue;
      }
      resolved[property] = value.map((relatedKey) => {
        const pageId = options.resolveRelation(target, relatedKey);
        if (!pageId) {
          throw new NotionOpsError(
            "notion_request",
            `${property} points at "${relatedKey}", which has no page in its database (it failed or was not synced)`,
          );
        }
        return pageId;
      });
    }
    return encodeRecord(schema, resolved, {
      warn: (w) => logger.warn(`${plan.title}: ${key}: ${w.message}`),
    }).properties;
  };

  const create = async (planned: PlannedCreate) => {
    const record = planned.record();
    const [first = [], ...rest] = chunkBlocks(record.children ?? []);
    const deferred = rest.length > 0 ? options.bodyCompleteProperty : undefined;
    const values = createValues(definition, record);
    const { [deferred ?? ""]: deferredValue, ...initial } = values;
    const properties = encode(planned.key, deferred ? initial : values);
    const keyType = definition.properties.find((p) => p.name === definition.keyProperty)?.type;
    const { value: page } = await options.client.createPageKeyed({
      dataSourceId: options.dataSourceId,
      keyProperty: definition.keyProperty,
      keyValue: planned.key,
      keyType: keyType === "title" ? "title" : "rich_text",
      label: definition.title,
      body: { properties, ...(first.length > 0 ? { children: first } : {}) },
    });
    options.onCreated?.(planned.key, page.id);
    try {
      if (rest.length > 0) {
        await appendPageBody({
          client: options.client,
          pageId: page.id,
          blocks: rest.flat(),
          existing: first.length,
          label: plan.title,
          logger,
        });
      }
      if (deferred && deferredValue !== undefined) {
        await options.client.pages.update(
          { page_id: page.id, properties: encode(planned.key, { [deferred]: deferredValue }) },
          { label: definition.title },
        );
      }
    } catch (error) {
      // An overlapping run that found this key on two pages kept the other one and trashed this
      // one (see duplicate-resolution.ts): the record is written, by that run.
      if (!NotionOpsError.is(error) || !(await inTrash(page.id))) throw error;
      logger.info(
        `${plan.title}: ${planned.key}: another run writing this workspace kept its own page for this key; this run's copy is in the trash`,
      );
    }
    result.created++;
  };

  const inTrash = async (pageId: string): Promise<boolean> => {
    try {
      const page = await options.client.pages.retrieve({ page_id: pageId }, { label: definition.title });
      return "in_trash" in page && page.in_trash === true;
    } catch {
      return false;
    }
  };

  const update = async (planned: PlannedUpdate) => {
    const values = Object.fromEntries(planned.changes.map((c) => [c.property, c.to]));
    const complete = options.bodyCompleteProperty;
    if (complete && rewritesBody(planned, complete)) {
      const { [complete]: completeValue, ...others } = values;
      await rewritePageBody({
        client: options.client,
        pageId: planned.pageId,
        blocks: planned.children ?? [],
        label: plan.title,
        logger,
        properties: encode(planned.key, others),
        complete: {
          write: encode(planned.key, { [complete]: completeValue ?? null }),
          cleared: encode(planned.key, { [complete]: null }),
        },
      });
    } else {
      await options.client.pages.update(
        { page_id: planned.pageId, properties: encode(planned.key, values) },
        { label: definition.title },
      );
    }
    result.updated++;
    if (planned.reason === "missing") result.markedMissing++;
  };

  const concurrency = options.concurrency ?? 3;
  await forEachLimited(plan.creates, concurrency, (planned) => attempt(planned.key, () => create(planned)));
  await forEachLimited(plan.updates, concurrency, (planned) => attempt(planned.key, () => update(planned)));
  for (const key of plan.conflicts) {
    result.failed.push({
      database: plan.database,
      key,
      code: "conflict",
      reason: "another record in this run has the same key; only the first was written",
    });
  }
  return result;
}
