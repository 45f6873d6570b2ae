import type { PageObjectResponse } from "@notionhq/client";
import type { Logger } from "../log/logger.js";
import { decodeRecord } from "../notion/codec.js";
import type { QueryFilter } from "../notion/query-all.js";
import type { DatabaseDefinition } from "../schema/definition.js";
import type { ExistingRecord } from "./desired-record.js";

export interface ExistingIndex {
  byKey: Map<string, ExistingRecord>;
  byPageId: Map<string, ExistingRecord>;
  /** Keys found on more than one page (kept: the oldest; the others are reported, never touched). */
  duplicates: { key: string; pageIds: string[] }[];
}

/** Anything that can list the pages of a data source (the Notion client's queryAll). */
export interface PageSource {
  queryAll(
    dataSourceId: string,
    args?: { filter?: QueryFilter },
    options?: { label?: string },
  ): AsyncIterable<PageObjectResponse>;
}

/** Reads a database once (one paginated query) and indexes it by its key property. */
export async function readExistingRecords(
  client: PageSource,
  options: { dataSourceId: string; definition: DatabaseDefinition; filter?: QueryFilter; logger?: Logger },
): Promise<ExistingIndex> {
  const pages: ExistingRecord[] = [];
  for await (const page of client.queryAll(
    options.dataSourceId,
    options.filter ? { filter: options.filter } : {},
    { label: options.definition.title },
  )) {
    const values = decodeRecord(page.properties);
    const key = values[options.definition.keyProperty];
    if (typeof key !== "string" || key.trim() === "") {
      options.logger?.debug(
        `${options.definition.title}: page ${page.id} has no ${options.definition.keyProperty}; ignored`,
      );
      continue;
    }
    pages.push({
      pageId: page.id,
      key: key.trim(),
      createdTime: page.created_time,
      values,
      ...(page.created_by?.id ? { createdBy: page.created_by.id } : {}),
      ...(page.last_edited_by?.id ? { lastEditedBy: page.last_edited_by.id } : {}),
    });
  }
  return indexRecords(pages);
}

export function indexRecords(records: readonly ExistingRecord[]): ExistingIndex {
  const byKey = new Map<string, ExistingRecord>();
  const byPageId = new Map<string, ExistingRecord>();
  const extra = new Map<string, string[]>();
  const ordered = [...records].sort(
    (a, b) => a.createdTime.localeCompare(b.createdTime) || a.pageId.localeCompare(b.pageId),
  );
  for (const record of ordered) {
    byPageId.set(record.pageId, record);
    const kept = byKey.get(record.key);
    if (kept) extra.set(record.key, [...(extra.get(record.key) ?? [kept.pageId]), record.pageId]);
    else byKey.set(record.key, record);
  }
  return {
    byKey,
    byPageId,
    duplicates: [...extra].map(([key, pageIds]) => ({ key, pageIds })),
  };
}

export function emptyIndex(): ExistingIndex {
  return { byKey: new Map(), byPageId: new Map(), duplicates: [] };
}
