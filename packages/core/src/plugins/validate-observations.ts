import type { z } from "zod";
import {
  deviceObservationSchema,
  type Observations,
  type RecordError,
  serviceObservationSchema,
  siteObservationSchema,
} from "./observations.js";
import { MAX_ERROR_ID_LENGTH, MAX_ERROR_MESSAGE_LENGTH, quoteVendorText } from "./vendor-text.js";

/**
 * Re-validates what a plugin returned: a record that does not fit the shared schema becomes a
 * per-record error instead of flowing on, so one bad plugin record can never break a sync. Vendor
 * text is cleaned on the way (see vendor-text.ts), and record errors, which quote vendor data and
 * end up in logs and summaries, are made one short printable line each.
 */
export function validateObservations(observations: Observations): Observations {
  const errors: RecordError[] = observations.errors.map(printableError);
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
      errors.push(
        printableError({
          source: observations.source,
          entity,
          ...(id === undefined || id === null ? {} : { id: String(id) }),
          message: `invalid ${entity} observation: ${issue ? `${issue.path.join(".") || "(record)"}: ${issue.message}` : "unknown problem"}`,
        }),
      );
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

function printableError(error: RecordError): RecordError {
  return {
    ...error,
    ...(error.id === undefined ? {} : { id: quoteVendorText(String(error.id), MAX_ERROR_ID_LENGTH) }),
    message: quoteVendorText(String(error.message), MAX_ERROR_MESSAGE_LENGTH),
  };
}
