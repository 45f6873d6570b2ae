import { DataSourceError, type Logger, type RecordError } from "@notion-ops/core";

/** Statuses meaning "this API app may not read that" (licence or scope), not "something broke". */
const NOT_AVAILABLE = new Set([401, 403, 404]);

export interface OptionalInput {
  /** What is read, e.g. "backup jobs". */
  label: string;
  entity: RecordError["entity"];
  /** What the run does without it, e.g. "backup status is left empty". */
  without: string;
}

/**
 * Reads an input the run can do without (device health, alerts, backups, tickets). When the API
 * app may not read it, that is a note; any other vendor failure is a reported error. Either way
 * the run goes on with `undefined`.
 */
export async function readOptional<T>(
  input: OptionalInput,
  read: () => Promise<T>,
  sinks: { errors: RecordError[]; notes: string[]; logger: Logger },
): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (!DataSourceError.is(error)) throw error;
    if (error.status !== undefined && NOT_AVAILABLE.has(error.status)) {
      const note = `${input.label} not available to this NinjaOne API app (HTTP ${error.status}): ${input.without}`;
      sinks.notes.push(note);
      sinks.logger.info(`ninjaone: ${note}`);
      return undefined;
    }
    const message = `${input.label} could not be read: ${error.message.replace(/^ninjaone: /, "")}; ${input.without}`;
    sinks.errors.push({ source: "ninjaone", entity: input.entity, message });
    sinks.logger.warn(`ninjaone: ${message}`);
    return undefined;
  }
}
