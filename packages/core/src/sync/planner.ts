import type { BlockObjectRequest } from "@notionhq/client";
import type { PlainValue, WritablePropertyType } from "../notion/codec.js";
import { sameValue } from "../notion/compare.js";
import type { DatabaseKey } from "../schema/database-keys.js";
import type { DatabaseDefinition } from "../schema/definition.js";
import type { DesiredRecord, ExistingRecord } from "./desired-record.js";
import type { ExistingIndex } from "./existing-records.js";
import { chunkBlocks } from "./runbooks/block-chunks.js";

export type WriteMode = "upsert" | "insert-only";

/** Records that vanished from their source are marked, never deleted (Network Devices → missing). */
export interface MissingRule {
  property: string;
  value: PlainValue;
  /** True when the record belongs to what this run observed (its source ran, its site was synced). */
  inScope(record: ExistingRecord): boolean;
}

export interface PlanInput {
  definition: DatabaseDefinition;
  desired: readonly DesiredRecord[] | LazyDesired<never>;
  existing: ExistingIndex;
  mode: WriteMode;
  missing?: MissingRule;
  /** Relations are compared by key: maps a related page id back to its record's key. */
  relationKeyOf?: (target: DatabaseKey, pageId: string) => string | undefined;
}

export interface PropertyChange {
  property: string;
  from: PlainValue | undefined;
  to: PlainValue;
}

/**
 * Desired records built only when needed, from items the run holds anyway (a source's device
 * observations): a large database's records are then never all in memory at once.
 */
export interface LazyDesired<T> {
  items: Iterable<T>;
  key(item: T): string;
  record(item: T): DesiredRecord;
}

export function lazyDesired<T>(
  items: Iterable<T>,
  key: (item: T) => string,
  record: (item: T) => DesiredRecord,
): LazyDesired<never> {
  return { items, key, record } as unknown as LazyDesired<never>;
}

/**
 * A record to create; it is built (`record()`) and its values assembled (`createValues`) when
 * written. A plan may hold one per device, so it is an instance sharing its method, not a closure:
 * a closure per record costs several times the memory (and bundlers that keep function names give
 * each one a dictionary of its own).
 */
export class PlannedCreate {
  readonly key: string;
  readonly #item: unknown;
  readonly #source: LazyDesired<unknown>;

  constructor(key: string, item: unknown, source: LazyDesired<unknown>) {
    this.key = key;
    this.#item = item;
    this.#source = source;
  }

  record(): DesiredRecord {
    return this.#source.record(this.#item);
  }
}

export interface PlannedUpdate {
  key: string;
  pageId: string;
  reason: "changed" | "missing";
  changes: PropertyChange[];
  /** The record's page body, for databases whose bodies are rewritten when they change (runbooks). */
  children?: readonly BlockObjectRequest[];
}

export interface DatabasePlan {
  database: DatabaseKey;
  title: string;
  creates: PlannedCreate[];
  updates: PlannedUpdate[];
  unchanged: number;
  /** Desired records that shared a key with an earlier one (a bug upstream; reported, not written). */
  conflicts: string[];
  /** Keys that exist on more than one Notion page (left alone, reported). */
  duplicates: ExistingIndex["duplicates"];
}

/** Compares desired records with what Notion holds, value by value, and lists the writes needed. */
export function planDatabase(input: PlanInput): DatabasePlan {
  const builder = createPlanBuilder(input);
  for (const record of input.existing.byKey.values()) builder.compare(record);
  return builder.finish(input.existing.duplicates);
}

export interface PlanBuilder {
  /**
   * Compares the page kept for a key with what the record should be; a later call for the same
   * key (an older page found later in the read) replaces the earlier one.
   */
  compare(record: ExistingRecord): void;
  /** The plan: records never compared are created. */
  finish(duplicates: DatabasePlan["duplicates"]): DatabasePlan;
}

/**
 * Plans one database record by record, as its pages are read, so that a large database is never
 * held in memory: only the desired records and, per existing key, the update it needs (if any).
 */
export function createPlanBuilder(input: Omit<PlanInput, "existing">): PlanBuilder {
  const { definition } = input;
  const types = new Map(definition.properties.map((p) => [p.name, p]));
  const source: LazyDesired<unknown> = Array.isArray(input.desired)
    ? { items: input.desired, key: (r) => (r as DesiredRecord).key, record: (r) => r as DesiredRecord }
    : (input.desired as LazyDesired<unknown>);
  const desired = new Map<string, unknown>();
  const conflicts: string[] = [];
  for (const item of source.items) {
    const key = source.key(item);
    if (desired.has(key)) conflicts.push(key);
    else desired.set(key, item);
  }
  /** Per existing key: the update it needs, or null when it needs none. */
  const outcomes = new Map<string, PlannedUpdate | null>();
  const missingType = input.missing
    ? (types.get(input.missing.property)?.type as WritablePropertyType | undefined)
    : undefined;
  if (input.missing && !missingType)
    throw new Error(`${definition.title} has no property "${input.missing.property}"`);

  const changesOf = (record: DesiredRecord, current: ExistingRecord): PropertyChange[] => {
    const changes: PropertyChange[] = [];
    for (const [property, to] of Object.entries(record.values)) {
      if (to === undefined) continue;
      const definitionOf = types.get(property);
      if (!definitionOf) throw new Error(`${definition.title} has no property "${property}"`);
      const from = comparableCurrent(
        definitionOf.type,
        definitionOf.relation,
        current.values[property],
        input.relationKeyOf,
      );
      if (!sameValue(definitionOf.type as WritablePropertyType, to, from)) {
        changes.push({ property, from: current.values[property], to });
      }
    }
    return changes;
  };

  return {
    compare(current) {
      const item = desired.get(current.key);
      if (item === undefined) {
        outcomes.set(current.key, missingUpdate(current));
        return;
      }
      if (input.mode === "insert-only") {
        outcomes.set(current.key, null);
        return;
      }
      const record = source.record(item);
      const changes = changesOf(record, current);
      outcomes.set(
        current.key,
        changes.length === 0
          ? null
          : {
              key: record.key,
              pageId: current.pageId,
              reason: "changed",
              changes,
              ...(record.children ? { children: record.children } : {}),
            },
      );
    },

    finish(duplicates) {
      const plan: DatabasePlan = {
        database: definition.key,
        title: definition.title,
        creates: [],
        updates: [],
        unchanged: 0,
        conflicts,
        duplicates,
      };
      for (const [key, item] of desired) {
        const outcome = outcomes.get(key);
        if (outcome === undefined) {
          plan.creates.push(new PlannedCreate(key, item, source));
        } else if (outcome === null) plan.unchanged++;
        else plan.updates.push(outcome);
      }
      for (const [key, outcome] of outcomes) {
        if (outcome && !desired.has(key)) plan.updates.push(outcome);
      }
      return plan;
    },
  };

  /** Records that vanished from their source are marked, never deleted. */
  function missingUpdate(current: ExistingRecord): PlannedUpdate | null {
    if (!input.missing || !missingType || !input.missing.inScope(current)) return null;
    const { property, value } = input.missing;
    if (sameValue(missingType, value, current.values[property])) return null;
    return {
      key: current.key,
      pageId: current.pageId,
      reason: "missing",
      changes: [{ property, from: current.values[property], to: value }],
    };
  }
}

/** The values a new page is created with: the record's, its create-only ones, and its key. */
export function createValues(
  definition: DatabaseDefinition,
  record: DesiredRecord,
): Record<string, PlainValue> {
  return withoutUndefined({
    ...record.values,
    ...record.createOnly,
    [definition.keyProperty]: record.key,
  });
}

/**
 * Writes the plan needs. A create carries the first chunk of its body; a longer body costs one
 * append per further chunk and a last write of the body-complete property. A body rewrite costs
 * an erase, one append per chunk and that last write (see executor).
 */
export function planWriteRequests(plan: DatabasePlan, bodyCompleteProperty?: string): number {
  let requests = 0;
  for (const create of plan.creates) {
    const chunks = chunkBlocks(create.record().children ?? []).length;
    requests += chunks <= 1 ? 1 : chunks + (bodyCompleteProperty ? 1 : 0);
  }
  for (const update of plan.updates) {
    requests += rewritesBody(update, bodyCompleteProperty)
      ? chunkBlocks(update.children ?? []).length + 2
      : 1;
  }
  return requests;
}

/** True when an update changes the body-complete property of a record with a body: its body is rewritten. */
export function rewritesBody(update: PlannedUpdate, bodyCompleteProperty: string | undefined): boolean {
  return (
    bodyCompleteProperty !== undefined &&
    update.children !== undefined &&
    update.changes.some((change) => change.property === bodyCompleteProperty)
  );
}

function comparableCurrent(
  type: string,
  relationTarget: DatabaseKey | undefined,
  value: PlainValue | undefined,
  relationKeyOf: PlanInput["relationKeyOf"],
): PlainValue | undefined {
  if (type !== "relation" || !Array.isArray(value) || !relationTarget) return value;
  // Compare relations by the keys of the pages they point at; unknown pages stay distinct.
  return value.map((pageId) => relationKeyOf?.(relationTarget, pageId) ?? `page:${pageId}`);
}

function withoutUndefined(values: Record<string, PlainValue | undefined>): Record<string, PlainValue> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Record<
    string,
    PlainValue
  >;
}
