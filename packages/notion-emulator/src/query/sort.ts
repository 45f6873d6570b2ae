import { validationError } from "../api-error.js";
import { dateInstant } from "../dates.js";
import { plainText } from "../rich-text.js";
import type { DataSourceRecord, DateValue, PageRecord, PropertySchema, RichTextItem } from "../state.js";
import { findProperty } from "../store.js";
import { invalid, requireArray, requireEnum, requireObject } from "../validation/json.js";

export type PageComparator = (a: PageRecord, b: PageRecord) => number;

type SortKey = string | number | null;

/**
 * Compiles `sorts` into a comparator. Property sorts order select/status by the schema's option
 * order, text case-insensitively, and put empty values last in either direction; timestamp sorts
 * use `created_time` / `last_edited_time`. Ties keep creation order.
 */
export function compileSorts(
  ds: DataSourceRecord,
  raw: unknown,
  path: string,
  options: { allowTimestamp: boolean } = { allowTimestamp: true },
): PageComparator {
  if (raw === undefined || raw === null) return bySeq;
  const sorts = requireArray(raw, path);
  if (sorts.length > 100) throw invalid(path, "should have at most `100` items", sorts.length);
  const keys = sorts.map((s, i) => compileSort(ds, s, `${path}[${i}]`, options.allowTimestamp));
  return (a, b) => {
    for (const { key, descending } of keys) {
      const ka = key(a);
      const kb = key(b);
      if (ka === kb) continue;
      if (ka === null) return 1;
      if (kb === null) return -1;
      const c = ka < kb ? -1 : 1;
      return descending ? -c : c;
    }
    return bySeq(a, b);
  };
}

const bySeq: PageComparator = (a, b) => a.seq - b.seq;

function compileSort(
  ds: DataSourceRecord,
  raw: unknown,
  path: string,
  allowTimestamp: boolean,
): { key: (p: PageRecord) => SortKey; descending: boolean } {
  const s = requireObject(raw, path);
  const direction = requireEnum(s.direction, ["ascending", "descending"] as const, `${path}.direction`);
  const descending = direction === "descending";
  if (s.timestamp !== undefined) {
    if (!allowTimestamp)
      throw invalid(
        `${path}.timestamp`,
        "is not allowed here: only property sorts are accepted",
        s.timestamp,
      );
    const which = requireEnum(
      s.timestamp,
      ["created_time", "last_edited_time"] as const,
      `${path}.timestamp`,
    );
    return { key: (p) => (which === "created_time" ? p.createdTime : p.lastEditedTime), descending };
  }
  if (typeof s.property !== "string") throw invalid(`${path}.property`, "should be a string", s.property);
  const prop = findProperty(ds, s.property);
  if (!prop) throw validationError(`Could not find sort property with name or id: ${s.property}`);
  return { key: (p) => sortKey(prop, p), descending };
}

function sortKey(prop: PropertySchema, page: PageRecord): SortKey {
  const v = page.values[prop.id];
  switch (prop.type) {
    case "title":
    case "rich_text": {
      const text = plainText((v as RichTextItem[] | undefined) ?? []);
      return text === "" ? null : text.toLowerCase();
    }
    case "url":
    case "email":
    case "phone_number":
      return typeof v === "string" && v !== "" ? v.toLowerCase() : null;
    case "number":
    case "unique_id":
      return typeof v === "number" ? v : null;
    case "checkbox":
      return v === true ? 1 : 0;
    case "select":
    case "status": {
      const index = (prop.options ?? []).findIndex((o) => o.id === v);
      return index < 0 ? null : index;
    }
    case "multi_select": {
      const ids = (v as string[] | undefined) ?? [];
      const indexes = ids
        .map((id) => (prop.options ?? []).findIndex((o) => o.id === id))
        .filter((i) => i >= 0);
      return indexes.length === 0 ? null : Math.min(...indexes);
    }
    case "date": {
      const d = v as DateValue | null | undefined;
      return d ? dateInstant(d.start) : null;
    }
    case "created_time":
      return page.createdTime;
    case "last_edited_time":
      return page.lastEditedTime;
    case "relation":
      return ((v as string[] | undefined) ?? []).length || null;
    default:
      return null;
  }
}
