import type { PageObjectResponse } from "@notionhq/client";
import type { Logger } from "../log/logger.js";
import { decodeProperty, decodeRecord } from "../notion/codec.js";
import type { QueryFilter } from "../notion/query-all.js";
import type { DatabaseDefinition } from "../schema/definition.js";
import type { ExistingRecord, PageRef } from "./desired-record.js";

/** A database read, by key: the page kept for each key (the oldest), and pages by id. */
export interface RecordIndex<R extends PageRef> {
  byKey: Map<string, R>;
  /**
   * Every page of a full read (`readExistingRecords`). A streamed read or a read of refs, which
   * may cover a page per device, holds here only the pages of keys found on more than one page:
   * what duplicate resolution looks up.
   */
  byPageId: Map<string, R>;
  /** Keys found on more than one page, the kept page first (the others are reported, never written). */
  duplicates: { key: string; pageIds: string[] }[];
}

/** A read that kept every record's values. */
export type ExistingIndex = RecordIndex<ExistingRecord>;
/** A read that kept only where each record is (its values were compared as they streamed by, or not needed). */
export type PageIndex = RecordIndex<PageRef>;

/** Anything that can list the pages of a data source (the Notion client's queryAll). */
export interface PageSource {
  queryAll(
    dataSourceId: string,
    args?: { filter?: QueryFilter },
    options?: { label?: string },
  ): AsyncIterable<PageObjectResponse>;
}

export interface ReadOptions {
  dataSourceId: string;
  definition: DatabaseDefinition;
  filter?: QueryFilter;
  logger?: Logger;
}

/** Reads a database once (one paginated query) and indexes it by its key property, values and all. */
export function readExistingRecords(client: PageSource, options: ReadOptions): Promise<ExistingIndex> {
  return scanRecords(client, options, { decode: "all", store: (record) => record, everyPageById: true });
}

/**
 * Reads a database once without keeping its values: each record kept for its key is handed to
 * `compare` as it arrives (a later, older page for the same key is handed over again and
 * replaces it), and only where each page is stays in memory. This is how the large databases
 * (one record per device) are planned in memory proportional to their keys, not their contents.
 */
export function streamExistingRecords(
  client: PageSource,
  options: ReadOptions & { compare: (record: ExistingRecord) => void },
): Promise<PageIndex> {
  const refs = pageRefs();
  return scanRecords(client, options, {
    decode: "all",
    store: refs,
    onKept: options.compare,
    everyPageById: false,
  });
}

/** Reads only where each record is (key, page, who made it): the check for duplicates after a write. */
export function readPageRefs(client: PageSource, options: ReadOptions): Promise<PageIndex> {
  return scanRecords(client, options, { decode: "key", store: pageRefs(), everyPageById: false });
}

async function scanRecords<R extends PageRef>(
  client: PageSource,
  options: ReadOptions,
  how: {
    decode: "all" | "key";
    store: (record: ExistingRecord) => R;
    onKept?: (record: ExistingRecord) => void;
    everyPageById: boolean;
  },
): Promise<RecordIndex<R>> {
  const { definition } = options;
  const keyProperty = definition.keyProperty;
  const index = new KeyedPages<R>(how.everyPageById);
  for await (const page of client.queryAll(
    options.dataSourceId,
    options.filter ? { filter: options.filter } : {},
    { label: definition.title },
  )) {
    const values =
      how.decode === "all"
        ? decodeRecord(page.properties)
        : { [keyProperty]: decodeProperty(page.properties[keyProperty]) ?? null };
    const key = values[keyProperty];
    if (typeof key !== "string" || key.trim() === "") {
      options.logger?.debug(`${definition.title}: page ${page.id} has no ${keyProperty}; ignored`);
      continue;
    }
    const record: ExistingRecord = {
      pageId: page.id,
      key: key.trim(),
      createdTime: page.created_time,
      values,
      ...(page.created_by?.id ? { createdBy: page.created_by.id } : {}),
      ...(page.last_edited_by?.id ? { lastEditedBy: page.last_edited_by.id } : {}),
    };
    if (index.add(how.store(record))) how.onKept?.(record);
  }
  return index.result();
}

/** Pages by key as they arrive, in any order: the page kept for a key is always the oldest. */
class KeyedPages<R extends PageRef> {
  private readonly byKey = new Map<string, R>();
  private readonly byPageId = new Map<string, R>();
  private readonly samePages = new Map<string, R[]>();
  private readonly everyPageById: boolean;

  constructor(everyPageById: boolean) {
    this.everyPageById = everyPageById;
  }

  /** Adds a page; true when it is (for now) the one kept for its key. */
  add(page: R): boolean {
    if (this.everyPageById) this.byPageId.set(page.pageId, page);
    const kept = this.byKey.get(page.key);
    if (kept) {
      const pages = [...(this.samePages.get(page.key) ?? [kept]), page].sort(oldestFirst);
      this.samePages.set(page.key, pages);
      if (pages[0] !== page) return false;
    }
    this.byKey.set(page.key, page);
    return true;
  }

  result(): RecordIndex<R> {
    if (!this.everyPageById) {
      for (const pages of this.samePages.values())
        for (const page of pages) this.byPageId.set(page.pageId, page);
    }
    return {
      byKey: this.byKey,
      byPageId: this.byPageId,
      duplicates: [...this.samePages].map(([key, pages]) => ({ key, pageIds: pages.map((p) => p.pageId) })),
    };
  }
}

/** The same read without its values, once they have been used. */
export function pageRefsOf(index: ExistingIndex): PageIndex {
  const ref = pageRefs();
  const byPageId = new Map<string, PageRef>();
  for (const [pageId, record] of index.byPageId) byPageId.set(pageId, ref(record));
  const byKey = new Map<string, PageRef>();
  for (const [key, record] of index.byKey) byKey.set(key, byPageId.get(record.pageId) ?? ref(record));
  return { byKey, byPageId, duplicates: index.duplicates };
}

/** Slim, shared copies of where each page is: the same few timestamps and user ids are stored once. */
function pageRefs(): (record: ExistingRecord) => PageRef {
  const shared = new Map<string, string>();
  const once = (text: string) => {
    const known = shared.get(text);
    if (known !== undefined) return known;
    shared.set(text, text);
    return text;
  };
  return (record) => ({
    pageId: record.pageId,
    key: record.key,
    createdTime: once(record.createdTime),
    ...(record.createdBy ? { createdBy: once(record.createdBy) } : {}),
    ...(record.lastEditedBy ? { lastEditedBy: once(record.lastEditedBy) } : {}),
  });
}

/** The page kept for a key is the oldest: lowest created_time, then lowest page id. */
function oldestFirst(a: PageRef, b: PageRef): number {
  return a.createdTime.localeCompare(b.createdTime) || a.pageId.localeCompare(b.pageId);
}

/** Indexes records already read (tests, and callers that assemble records themselves). */
export function indexRecords(records: readonly ExistingRecord[]): ExistingIndex {
  const index = new KeyedPages<ExistingRecord>(true);
  for (const record of records) index.add(record);
  return index.result();
}

export function emptyIndex(): ExistingIndex {
  return { byKey: new Map(), byPageId: new Map(), duplicates: [] };
}
