import type { BlockObjectRequest } from "@notionhq/client";
import type { PlainValue } from "../notion/codec.js";

/**
 * What one Notion record should look like after the sync. Relation properties hold the KEYS of
 * the records they point at (e.g. a site key); the executor turns them into page ids.
 */
export interface DesiredRecord {
  key: string;
  /** Values by property name; `undefined` means "leave as it is". */
  values: Readonly<Record<string, PlainValue | undefined>>;
  /** Values written only when the record is created (e.g. Azure Pipeline's Stage). */
  createOnly?: Readonly<Record<string, PlainValue>>;
  /** Page body for a new record. */
  children?: readonly BlockObjectRequest[];
}

/** Where a record is in Notion: enough to write it and to settle duplicates, without its values. */
export interface PageRef {
  pageId: string;
  key: string;
  createdTime: string;
  /** User ids of who created and last edited the page (our integration's bot, or a person). */
  createdBy?: string;
  lastEditedBy?: string;
}

/** A record as read back from Notion. */
export interface ExistingRecord extends PageRef {
  values: Readonly<Record<string, PlainValue>>;
}
