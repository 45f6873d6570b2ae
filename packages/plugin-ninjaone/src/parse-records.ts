import type { RecordError } from "@notion-ops/core";
import type { z } from "zod";

export interface ParsedRecords<T> {
  records: T[];
  errors: RecordError[];
}

export interface RecordKind {
  entity: RecordError["entity"];
  /** How the message names the record, e.g. "device", "backup job". */
  label: string;
  /** The field holding the record's vendor id (default `id`). */
  idField?: string;
}

/**
 * Validates each raw vendor record on its own: a malformed one becomes a RecordError naming it
 * (by id when it has one, else by position) and the rest go on.
 */
export function parseRecords<T>(
  items: readonly unknown[],
  schema: z.ZodType<T>,
  kind: RecordKind,
  position: { offset: number } = { offset: 0 },
): ParsedRecords<T> {
  const records: T[] = [];
  const errors: RecordError[] = [];
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) {
      records.push(parsed.data);
      return;
    }
    const id = readId(item, kind.idField ?? "id");
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join(".") || "(record)"}: ${issue.message}` : "unreadable";
    const who =
      id === undefined
        ? `${kind.label} #${position.offset + index + 1} (no usable id)`
        : `${kind.label} ${id}`;
    errors.push({
      source: "ninjaone",
      entity: kind.entity,
      ...(id === undefined ? {} : { id }),
      message: `malformed ${who}: ${where}; skipped`,
    });
  });
  position.offset += items.length;
  return { records, errors };
}

function readId(item: unknown, field: string): string | undefined {
  if (!item || typeof item !== "object") return undefined;
  const value = (item as Record<string, unknown>)[field];
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  return undefined;
}
