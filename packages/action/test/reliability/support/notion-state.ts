import { DATABASES, decodeRecord, type PlainValue } from "@notion-ops/core";
import type { NotionEmulator } from "@notion-ops/notion-emulator";

/** Every record of every notion-ops database: `{database title: {record key: properties}}`. */
export type RecordsByDatabase = Record<string, Record<string, Record<string, unknown>>>;

export interface WorkspaceState {
  /** Database titles under the parent page, sorted (a title listed twice was created twice). */
  databases: string[];
  /** Each database's views (tabs), by database title. */
  views: Record<string, string[]>;
  records: RecordsByDatabase;
  /** Page bodies of the databases whose pages have one (runbooks, script handoffs), as text lines. */
  bodies: Record<string, Record<string, string[]>>;
  /** Keys held by more than one live page, and live pages without a key: both must stay empty. */
  duplicates: { database: string; key: string; pages: number }[];
  unkeyed: { database: string; pageId: string }[];
}

/**
 * Values that legitimately differ between two correct runs (when a script ran and how long it
 * took) are replaced by a placeholder; everything else is compared as stored.
 */
const VOLATILE: Record<string, readonly string[]> = {
  "Script Runs": ["Run", "Started", "Duration"],
};
const WITH_BODY = new Set(["Runbook Library", "Script Runs"]);
/** Script Runs keys end with the run's start time (`…#1:scripts/x.sh@2026-03-01T09:00:00.000Z`). */
const VOLATILE_KEY_SUFFIX: Record<string, RegExp> = { "Script Runs": /@\d{4}-\d{2}-\d{2}T[\d:.]+Z$/ };

/**
 * Reads the whole workspace from the emulator (its inspection API, not the client under test):
 * relations are shown as the related record's key, so two runs that created different page ids
 * compare equal when they hold the same data.
 */
export function workspaceState(emulator: NotionEmulator): WorkspaceState {
  const definitions = Object.values(DATABASES);
  const databases = emulator
    .databases()
    .filter((db) => db.in_trash !== true)
    .map((db) => ({
      id: db.id as string,
      title: plainText(db.title),
      dataSourceId: (db.data_sources as { id: string }[])[0]?.id as string,
    }))
    .filter((db) => definitions.some((d) => d.title === db.title));

  const keyOfPage = new Map<string, string>();
  const trashed = new Set<string>();
  const pagesOf = new Map<string, ReturnType<NotionEmulator["pages"]>>();
  for (const db of databases) {
    const definition = definitions.find((d) => d.title === db.title)!;
    const pages = emulator.pages(db.dataSourceId, { includeTrashed: true });
    for (const page of pages) {
      const key = decodeRecord(page.properties as Record<string, unknown>)[definition.keyProperty];
      if (typeof key === "string") keyOfPage.set(page.id, key);
      if (page.in_trash) trashed.add(page.id);
    }
    pagesOf.set(
      db.id,
      pages.filter((page) => !page.in_trash),
    );
  }

  const state: WorkspaceState = {
    databases: databases.map((db) => db.title).sort(),
    views: {},
    records: {},
    bodies: {},
    duplicates: [],
    unkeyed: [],
  };
  for (const db of databases) {
    const definition = definitions.find((d) => d.title === db.title)!;
    const relations = new Set(definition.properties.filter((p) => p.relation).map((p) => p.name));
    state.views[db.title] = emulator
      .views(db.id)
      .map((view) => String(view.name))
      .sort();
    const records: Record<string, Record<string, unknown>> = {};
    const bodies: Record<string, string[]> = {};
    const counts = new Map<string, number>();
    for (const page of pagesOf.get(db.id) ?? []) {
      const values = decodeRecord(page.properties as Record<string, unknown>);
      const stored = values[definition.keyProperty];
      const suffix = VOLATILE_KEY_SUFFIX[db.title];
      const key = typeof stored === "string" && suffix ? stored.replace(suffix, "@<started>") : stored;
      if (typeof key !== "string" || key === "") {
        state.unkeyed.push({ database: db.title, pageId: page.id });
        continue;
      }
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const shown: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(values)) {
        if (name === definition.keyProperty) shown[name] = key;
        else if (VOLATILE[db.title]?.includes(name)) shown[name] = "<varies>";
        else if (relations.has(name)) shown[name] = relatedKeys(value, keyOfPage, trashed);
        else shown[name] = value;
      }
      records[key] = shown;
      if (WITH_BODY.has(db.title)) bodies[key] = bodyText(emulator, page.id);
    }
    for (const [key, pages] of counts)
      if (pages > 1) state.duplicates.push({ database: db.title, key, pages });
    state.records[db.title] = records;
    if (WITH_BODY.has(db.title)) state.bodies[db.title] = bodies;
  }
  return state;
}

function relatedKeys(value: PlainValue, keyOfPage: Map<string, string>, trashed: Set<string>): unknown {
  if (!Array.isArray(value)) return value;
  return value
    .map(
      (id) =>
        `${trashed.has(String(id)) ? "TRASHED " : ""}${keyOfPage.get(String(id)) ?? `unknown page ${id}`}`,
    )
    .sort();
}

/** A page body as `type: text` lines, nested blocks indented, with run-specific numbers masked. */
function bodyText(emulator: NotionEmulator, blockId: string, depth = 0): string[] {
  const lines: string[] = [];
  for (const block of emulator.blockChildren(blockId)) {
    const type = String(block.type);
    const content = block[type] as { rich_text?: unknown } | undefined;
    const text = maskVolatile(plainText(content?.rich_text));
    lines.push(`${"  ".repeat(depth)}${type}: ${text}`);
    if (block.has_children === true) lines.push(...bodyText(emulator, String(block.id), depth + 1));
  }
  return lines;
}

/** Durations and timestamps in script handoffs differ from run to run. */
function maskVolatile(text: string): string {
  return text
    .replace(/\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?( UTC)?/g, "<time>")
    .replace(/\b\d+(\.\d+)?\s?(ms|s|min|h)\b/g, "<duration>");
}

function plainText(richText: unknown): string {
  return Array.isArray(richText)
    ? richText.map((item) => String((item as { plain_text?: unknown }).plain_text ?? "")).join("")
    : "";
}
