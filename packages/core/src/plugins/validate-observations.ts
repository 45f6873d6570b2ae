import type { z } from "zod";
import {
  deviceObservationSchema,
  type Observations,
  type RecordError,
  serviceObservationSchema,
  siteObservationSchema,
} from "./observations.js";

/**
 * Re-validates what a plugin returned: a record that does not fit the shared schema becomes a
 * per-record error instead of flowing on, so one bad plugin record can never break a sync.
 */
export function validateObservations(observations: Observations): Observations {
  const errors: RecordError[] = [...observations.errors];
  const keep = <T>(
    schema: z.ZodType<T>,
    records: unknown[],
    entity: RecordError["entity"],
    idOf: (r: Record<string, unknown>) => unknown,
  ): T[] => {
    const valid: T[] = [];
    for (const record of records) {
      const parsed = schema.safeParse(record);
      if (parsed.success) {
        valid.push(parsed.data);
        continue;
      }
      const id = record && typeof record === "object" ? idOf(record as Record<string, unknown>) : undefined;
      const issue = parsed.error.issues[0];
      errors.push({
        source: observations.source,
        entity,
        ...(id === undefined ? {} : { id: String(id) }),
        message: `invalid ${entity} observation: ${issue ? `${issue.path.join(".") || "(record)"}: ${issue.message}` : "unknown problem"}`,
      });
    }
    return valid;
  };
  return {
    source: observations.source,
    sites: keep(siteObservationSchema, observations.sites, "site", (r) => r.sourceId),
    devices: keep(deviceObservationSchema, observations.devices, "device", (r) => r.key),
    services: keep(serviceObservationSchema, observations.services, "service", (r) => r.name),
    errors,
    notes: [...observations.notes],
  };
}
