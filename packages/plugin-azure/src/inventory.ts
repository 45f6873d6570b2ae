import type { Availability, RecordError } from "@notion-ops/core";
import { z } from "zod";
import { toAvailability } from "./availability.js";

/** One resource from the `Resources` table, ids and type lower-cased for joining. */
export interface AzureResource {
  id: string;
  name: string;
  type: string;
  subscriptionId: string;
  /** Lower-cased; "" for the few resources that live outside any resource group. */
  resourceGroup: string;
}

/** A subscription or resource group from `ResourceContainers`. */
export interface AzureContainer {
  kind: "subscription" | "resourceGroup";
  subscriptionId: string;
  /** Subscription display name, or the resource group name as written in Azure. */
  name: string;
}

export interface HealthRecord {
  /** Lower-cased id of the resource the status is about. */
  resourceId: string;
  availability: Availability;
}

const text = z.string().nullish();

const resourceRowSchema = z.looseObject({
  id: z.string().min(1),
  name: text,
  type: z.string().min(1),
  subscriptionId: z.string().min(1),
  resourceGroup: text,
});

const containerRowSchema = z.looseObject({
  id: z.string().min(1),
  name: text,
  type: z.string().min(1),
  subscriptionId: z.string().min(1),
  resourceGroup: text,
});

const healthRowSchema = z.looseObject({
  id: z.string().min(1),
  targetResourceId: text,
  availabilityState: text,
  subscriptionId: text,
});

const AVAILABILITY_STATUS_SUFFIX = /\/providers\/microsoft\.resourcehealth\/availabilitystatuses\/[^/]+$/i;
const RESOURCE_GROUP_IN_ID = /^\/subscriptions\/[^/]+\/resourcegroups\/([^/]+)/i;

export interface Parsed<T> {
  records: T[];
  errors: RecordError[];
}

function parseRows<T>(
  rows: readonly unknown[],
  schema: z.ZodType<T>,
  what: string,
): { valid: T[]; errors: RecordError[] } {
  const valid: T[] = [];
  const errors: RecordError[] = [];
  for (const row of rows) {
    const parsed = schema.safeParse(row);
    if (parsed.success) {
      valid.push(parsed.data);
      continue;
    }
    const id = row && typeof row === "object" ? (row as { id?: unknown }).id : undefined;
    const issue = parsed.error.issues[0];
    errors.push({
      source: "azure",
      entity: "other",
      ...(typeof id === "string" && id ? { id } : {}),
      message: `unreadable ${what} row from Resource Graph: ${issue ? `${issue.path.join(".") || "(row)"}: ${issue.message}` : "unknown problem"}`,
    });
  }
  return { valid, errors };
}

/** Resource rows → resources, each once (Resource Graph may repeat a row across pages). */
export function parseResources(rows: readonly unknown[]): Parsed<AzureResource> {
  const { valid, errors } = parseRows(rows, resourceRowSchema, "resource");
  const byId = new Map<string, AzureResource>();
  for (const row of valid) {
    const id = row.id.toLowerCase();
    if (byId.has(id)) continue;
    byId.set(id, {
      id,
      name: row.name ?? id.split("/").pop() ?? id,
      type: row.type.toLowerCase(),
      subscriptionId: row.subscriptionId.toLowerCase(),
      resourceGroup: (row.resourceGroup || RESOURCE_GROUP_IN_ID.exec(row.id)?.[1] || "").toLowerCase(),
    });
  }
  return { records: [...byId.values()], errors };
}

export function parseContainers(rows: readonly unknown[]): Parsed<AzureContainer> {
  const { valid, errors } = parseRows(rows, containerRowSchema, "resource container");
  const records: AzureContainer[] = [];
  for (const row of valid) {
    const type = row.type.toLowerCase();
    const subscriptionId = row.subscriptionId.toLowerCase();
    if (type === "microsoft.resources/subscriptions") {
      records.push({ kind: "subscription", subscriptionId, name: row.name || subscriptionId });
    } else if (type === "microsoft.resources/subscriptions/resourcegroups") {
      const name = row.name || row.resourceGroup || RESOURCE_GROUP_IN_ID.exec(row.id)?.[1];
      if (name) records.push({ kind: "resourceGroup", subscriptionId, name });
    }
  }
  return { records, errors };
}

/**
 * Availability-status rows → one record per resource. The resource comes from
 * `targetResourceId`, or failing that from the status id (`<resource id>/providers/
 * Microsoft.ResourceHealth/availabilityStatuses/current`).
 */
export function parseHealth(rows: readonly unknown[]): Parsed<HealthRecord> {
  const { valid, errors } = parseRows(rows, healthRowSchema, "health");
  const records: HealthRecord[] = [];
  for (const row of valid) {
    const target = row.targetResourceId || row.id.replace(AVAILABILITY_STATUS_SUFFIX, "");
    if (!target || target === row.id) {
      errors.push({
        source: "azure",
        entity: "other",
        id: row.id,
        message: "health row from Resource Graph names no resource (no targetResourceId)",
      });
      continue;
    }
    records.push({
      resourceId: target.toLowerCase(),
      availability: toAvailability(row.availabilityState ?? undefined),
    });
  }
  return { records, errors };
}
