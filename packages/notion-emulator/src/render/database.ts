import { notionTimestamp } from "../clock.js";
import { notionUrl } from "../ids.js";
import { plainText } from "../rich-text.js";
import type { DatabaseRecord, DataSourceRecord } from "../state.js";
import type { Store } from "../store.js";
import { renderPropertySchema } from "./schema.js";
import { botRef } from "./user.js";

/** A database in read shape: a container listing its data sources, without properties. */
export function renderDatabase(store: Store, db: DatabaseRecord): Record<string, unknown> {
  return {
    object: "database",
    id: db.id,
    title: structuredClone(db.title),
    description: structuredClone(db.description),
    parent: { ...db.parent },
    is_inline: db.isInline,
    in_trash: db.inTrash,
    archived: db.inTrash,
    is_locked: db.isLocked,
    created_time: notionTimestamp(db.createdTime),
    last_edited_time: notionTimestamp(db.lastEditedTime),
    created_by: botRef(store),
    last_edited_by: botRef(store),
    data_sources: db.dataSourceIds.flatMap((id) => {
      const ds = store.state.dataSources[id];
      return ds ? [{ id: ds.id, name: plainText(ds.title) }] : [];
    }),
    icon: db.icon ?? null,
    cover: db.cover ?? null,
    url: notionUrl(db.id),
    public_url: null,
  };
}

/** A data source in read shape: its schema keyed by property name. */
export function renderDataSource(store: Store, ds: DataSourceRecord): Record<string, unknown> {
  const db = store.state.databases[ds.databaseId];
  const properties: Record<string, unknown> = {};
  for (const p of ds.properties) properties[p.name] = renderPropertySchema(store, p);
  return {
    object: "data_source",
    id: ds.id,
    title: structuredClone(ds.title),
    description: structuredClone(ds.description),
    parent: { type: "database_id", database_id: ds.databaseId },
    database_parent: db ? { ...db.parent } : null,
    is_inline: db?.isInline ?? false,
    in_trash: ds.inTrash || (db?.inTrash ?? false),
    archived: ds.inTrash || (db?.inTrash ?? false),
    created_time: notionTimestamp(ds.createdTime),
    last_edited_time: notionTimestamp(ds.lastEditedTime),
    created_by: botRef(store),
    last_edited_by: botRef(store),
    properties,
    icon: ds.icon ?? null,
    cover: null,
    url: notionUrl(ds.id),
    public_url: null,
  };
}
