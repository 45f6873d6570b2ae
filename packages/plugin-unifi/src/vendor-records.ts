import type { RecordError } from "@notion-ops/core";
import type { z } from "zod";

export interface ParsedRecords<T> {
  records: T[];
  errors: RecordError[];
}

/**
 * Checks raw vendor records one by one: a record that does not fit becomes a RecordError naming
 * its id (when it has a readable one) and what is wrong with it; the others go on.
 */
export function parseVendorRecords<T>(
  raw: readonly unknown[],
  schema: z.ZodType<T>,
  options: { entity: RecordError["entity"]; idKey: string; label: string },
): ParsedRecords<T> {
  const records: T[] = [];
  const errors: RecordError[] = [];
  for (const item of raw) {
    const parsed = schema.safeParse(item);
    if (parsed.success) {
      records.push(parsed.data);
      continue;
    }
    const id = readId(item, options.idKey);
    const problems = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join(".") || "(record)"}: ${issue.message}`)
      .join("; ");
    errors.push({
      source: "unifi",
      entity: options.entity,
      ...(id === undefined ? {} : { id }),
      message: `malformed ${options.label} ${id === undefined ? `without ${options.idKey}` : id}${describeName(item)}: ${problems}`,
    });
  }
  return { records, errors };
}

export function readId(item: unknown, key: string): string | undefined {
  if (!item || typeof item !== "object") return undefined;
  const value = (item as Record<string, unknown>)[key];
  return (typeof value === "string" && value !== "") || typeof value === "number" ? String(value) : undefined;
}

function describeName(item: unknown): string {
  if (!item || typeof item !== "object") return "";
  const record = item as Record<string, unknown>;
  const meta = record.meta as Record<string, unknown> | undefined;
  const name =
    typeof meta?.desc === "string" ? meta.desc : typeof record.name === "string" ? record.name : undefined;
  return name ? ` ("${name}")` : "";
}
