import { notionTimestamp } from "../clock.js";
import { notionUrl } from "../ids.js";
import type { DataSourceRecord, PageRecord, PropertySchema, PropertyValue, RichTextItem } from "../state.js";
import type { Store } from "../store.js";
import { botRef, type PartialUser } from "./user.js";

/** Page objects list at most this many relation references; the rest via the property endpoint. */
export const PAGE_RELATION_LIMIT = 25;

export interface PagePropertyValue {
  id: string;
  type: string;
  [key: string]: unknown;
}

export interface PageObject {
  object: "page";
  id: string;
  created_time: string;
  last_edited_time: string;
  created_by: PartialUser;
  last_edited_by: PartialUser;
  cover: unknown;
  icon: unknown;
  parent: Record<string, unknown>;
  in_trash: boolean;
  archived: boolean;
  is_archived: boolean;
  is_locked: boolean;
  properties: Record<string, PagePropertyValue>;
  url: string;
  public_url: null;
}

export function renderPageParent(store: Store, page: PageRecord): Record<string, unknown> {
  const parent = page.parent;
  if (parent.type === "data_source_id") {
    const ds = store.state.dataSources[parent.data_source_id];
    return {
      type: "data_source_id",
      data_source_id: parent.data_source_id,
      database_id: ds?.databaseId ?? null,
    };
  }
  return { ...parent };
}

/** Renders a page in Notion's read shape; `onlyPropertyIds` implements `filter_properties`. */
export function renderPage(
  store: Store,
  page: PageRecord,
  onlyPropertyIds?: ReadonlySet<string>,
): PageObject {
  const ds = store.dataSourceOfPage(page);
  const properties: Record<string, PagePropertyValue> = {};
  if (ds) {
    for (const prop of ds.properties) {
      if (onlyPropertyIds && !onlyPropertyIds.has(prop.id)) continue;
      properties[prop.name] = renderPropertyValue(store, page, prop);
    }
  } else if (!onlyPropertyIds || onlyPropertyIds.has("title")) {
    properties.title = {
      id: "title",
      type: "title",
      title: copyRichText((page.values.title as RichTextItem[]) ?? []),
    };
  }
  return {
    object: "page",
    id: page.id,
    created_time: notionTimestamp(page.createdTime),
    last_edited_time: notionTimestamp(page.lastEditedTime),
    created_by: botRef(store),
    last_edited_by: botRef(store),
    cover: page.cover ?? null,
    icon: page.icon ?? null,
    parent: renderPageParent(store, page),
    in_trash: page.inTrash,
    archived: page.inTrash,
    is_archived: page.inTrash,
    is_locked: page.isLocked,
    properties,
    url: notionUrl(page.id),
    public_url: null,
  };
}

function copyRichText(items: readonly RichTextItem[]): RichTextItem[] {
  return items.map((i) => structuredClone(i));
}

/** One property value in read shape: `{id, type, [type]: value}`. */
export function renderPropertyValue(store: Store, page: PageRecord, prop: PropertySchema): PagePropertyValue {
  const base = { id: prop.id, type: prop.type };
  const raw: PropertyValue | undefined = page.values[prop.id];
  switch (prop.type) {
    case "title":
    case "rich_text":
      return { ...base, [prop.type]: copyRichText((raw as RichTextItem[] | undefined) ?? []) };
    case "number":
      return { ...base, number: typeof raw === "number" ? raw : null };
    case "checkbox":
      return { ...base, checkbox: raw === true };
    case "url":
    case "email":
    case "phone_number":
      return { ...base, [prop.type]: typeof raw === "string" ? raw : null };
    case "date":
      return { ...base, date: raw && typeof raw === "object" && !Array.isArray(raw) ? { ...raw } : null };
    case "select":
    case "status":
      return { ...base, [prop.type]: renderOption(prop, typeof raw === "string" ? raw : null) };
    case "multi_select": {
      const ids = Array.isArray(raw) ? (raw as string[]) : [];
      return { ...base, multi_select: ids.map((id) => renderOption(prop, id)).filter((o) => o !== null) };
    }
    case "relation": {
      const ids = Array.isArray(raw) ? (raw as string[]) : [];
      return {
        ...base,
        relation: ids.slice(0, PAGE_RELATION_LIMIT).map((id) => ({ id })),
        has_more: ids.length > PAGE_RELATION_LIMIT,
      };
    }
    case "people":
    case "files":
      return { ...base, [prop.type]: Array.isArray(raw) ? structuredClone(raw) : [] };
    case "created_time":
      return { ...base, created_time: notionTimestamp(page.createdTime) };
    case "last_edited_time":
      return { ...base, last_edited_time: notionTimestamp(page.lastEditedTime) };
    case "created_by":
    case "last_edited_by":
      return { ...base, [prop.type]: botRef(store) };
    case "unique_id":
      return {
        ...base,
        unique_id: { prefix: prop.prefix ?? null, number: typeof raw === "number" ? raw : null },
      };
    case "formula":
      // Formulas are not evaluated by the emulator.
      return { ...base, formula: { type: "string", string: null } };
    case "rollup":
      return {
        ...base,
        rollup: { type: "array", array: [], function: prop.rollup?.function ?? "show_original" },
      };
    default:
      return { ...base, [prop.type]: null };
  }
}

function renderOption(prop: PropertySchema, id: string | null): Record<string, unknown> | null {
  if (id === null) return null;
  const option = prop.options?.find((o) => o.id === id);
  return option ? { id: option.id, name: option.name, color: option.color } : null;
}

export function pageTitleText(store: Store, page: PageRecord): string {
  const ds: DataSourceRecord | undefined = store.dataSourceOfPage(page);
  const titleId = ds ? ds.properties.find((p) => p.type === "title")?.id : "title";
  const items = titleId ? (page.values[titleId] as RichTextItem[] | undefined) : undefined;
  return (items ?? []).map((i) => i.plain_text).join("");
}
