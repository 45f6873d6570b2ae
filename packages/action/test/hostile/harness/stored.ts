import { decodeRecord, type PlainValue } from "@notion-ops/core";
import type { Workspace } from "./workspace.js";

export type StoredRecord = Record<string, PlainValue> & { id: string };

/** The pages of one database, decoded to plain values (as a Notion reader would see them). */
export function stored(ws: Workspace, database: string): StoredRecord[] {
  const ref = ws.databases[database];
  if (!ref) throw new Error(`no database ${database}`);
  return ws.emulator.pages(ref.dataSourceId).map((page) => ({
    id: page.id,
    ...decodeRecord(page.properties as Record<string, unknown>),
  }));
}

/** Keys that appear on more than one page of `database` (duplicates). */
export function duplicateKeys(ws: Workspace, database: string, keyProperty: string): string[] {
  const seen = new Map<string, number>();
  for (const record of stored(ws, database)) {
    const key = String(record[keyProperty]);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([key]) => key);
}

/** Finds the one record whose `property` equals `value` (throws if there are none or several). */
export function one(records: StoredRecord[], property: string, value: PlainValue): StoredRecord {
  const found = records.filter((r) => r[property] === value);
  if (found.length !== 1) throw new Error(`${found.length} records with ${property} = ${String(value)}`);
  return found[0]!;
}

/** Signs that a run crashed instead of reporting: an internal error or a stack trace. */
export function crashSigns(text: string): string[] {
  // run() reports anything it did not expect as "unexpected error: <stack>" (Notion's own 500
  // message, "Unexpected error occurred.", is a reported fault, not a crash).
  return [/unexpected error: /, /^\s+at .+[(\s]\S+:\d+:\d+\)?$/m, /notion-ops is broken/].flatMap((re) =>
    re.test(text) ? [re.source] : [],
  );
}
