import type { DataSourceRecord, PropertySchema } from "../state.js";
import { PROPERTY_TYPES } from "../state.js";
import { findProperty, type Store } from "../store.js";
import { invalid, invalidAt, requireObject } from "../validation/json.js";
import {
  configuredType,
  dataSourceTitleText,
  type PropertyContext,
  parsePropertyConfig,
  type SchemaEffect,
} from "./property-config.js";

/**
 * Plans a `PATCH data_sources/{id}` `properties` change: `null` deletes a property, `{name}`
 * renames it, a type key adds it or changes its configuration or type. Select and multi_select
 * `options` replace the option list (values using a dropped option are cleared); status options are
 * added or edited, never dropped. Everything is validated first; the returned function applies it.
 */
export function planSchemaUpdate(
  ds: DataSourceRecord,
  input: unknown,
  path: string,
  store: Store,
): () => void {
  const props = requireObject(input, path);
  const working: PropertySchema[] = ds.properties.map((p) => ({ ...p }));
  const clearedPropertyIds = new Set<string>();
  const droppedOptions = new Map<string, Set<string>>();
  const deleted: PropertySchema[] = [];
  const effects: SchemaEffect[] = [];
  const ctx: PropertyContext = {
    store,
    dataSourceId: ds.id,
    dataSourceTitle: dataSourceTitleText(ds),
    siblings: () => working,
  };

  for (const [key, value] of Object.entries(props)) {
    const propPath = `${path}.${key}`;
    const existing = findProperty({ ...ds, properties: working }, key);
    if (value === null) {
      if (!existing) throw invalidAt(propPath, `Could not find property with name or id: ${key}.`);
      if (existing.type === "title")
        throw invalidAt(propPath, "cannot be deleted: a data source must keep its title property.");
      working.splice(working.indexOf(existing), 1);
      deleted.push(existing);
      continue;
    }
    const cfg = requireObject(value, propPath);
    let name = existing?.name ?? key;
    if (cfg.name !== undefined) {
      if (typeof cfg.name !== "string" || cfg.name.trim().length === 0) {
        throw invalid(`${propPath}.name`, "should be a non-empty string", cfg.name);
      }
      name = cfg.name;
    }
    if (working.some((p) => p.name === name && p !== existing)) {
      throw invalidAt(`${propPath}.name`, `clashes with an existing property named ${JSON.stringify(name)}.`);
    }
    const hasType =
      cfg.type !== undefined ||
      Object.keys(cfg).some((k) => (PROPERTY_TYPES as readonly string[]).includes(k));
    if (!existing) {
      if (!hasType) throw invalidAt(propPath, `Could not find property with name or id: ${key}.`);
      if (configuredType(cfg, propPath) === "title") {
        throw invalidAt(propPath, "cannot add a second title property to a data source.");
      }
      const parsed = parsePropertyConfig(name, cfg, propPath, ctx);
      working.push(parsed.schema);
      effects.push(...parsed.effects);
      continue;
    }
    if (!hasType) {
      const updated: PropertySchema = { ...existing, name };
      if (cfg.description !== undefined) {
        if (cfg.description !== null && typeof cfg.description !== "string") {
          throw invalid(`${propPath}.description`, "should be a string or `null`", cfg.description);
        }
        updated.description = cfg.description;
      }
      working[working.indexOf(existing)] = updated;
      continue;
    }
    const type = configuredType(cfg, propPath);
    if (existing.type === "title" && type !== "title") {
      throw invalidAt(propPath, "cannot change the type of the title property.");
    }
    if (type === "title" && existing.type !== "title") {
      throw invalidAt(propPath, "cannot become a title property: the data source already has one.");
    }
    const parsed = parsePropertyConfig(name, cfg, propPath, ctx, existing);
    working[working.indexOf(existing)] = parsed.schema;
    effects.push(...parsed.effects);
    if (type !== existing.type) clearedPropertyIds.add(existing.id);
    else if ((type === "select" || type === "multi_select") && existing.options) {
      const kept = new Set((parsed.schema.options ?? []).map((o) => o.id));
      const dropped = existing.options.filter((o) => !kept.has(o.id)).map((o) => o.id);
      if (dropped.length > 0) droppedOptions.set(existing.id, new Set(dropped));
    }
  }

  return () => {
    ds.properties = working;
    for (const p of deleted) clearedPropertyIds.add(p.id);
    for (const page of store.pagesOf(ds.id)) {
      for (const id of clearedPropertyIds) delete page.values[id];
      for (const [propId, dropped] of droppedOptions) {
        const v = page.values[propId];
        if (typeof v === "string" && dropped.has(v)) page.values[propId] = null;
        else if (Array.isArray(v)) page.values[propId] = (v as string[]).filter((o) => !dropped.has(o));
      }
    }
    for (const p of deleted) detachSyncedRelation(store, ds.id, p);
    for (const effect of effects) effect();
    ds.lastEditedTime = store.now();
  };
}

/** When one side of a two-way relation is deleted, the other side becomes a one-way relation. */
function detachSyncedRelation(store: Store, dataSourceId: string, removed: PropertySchema): void {
  if (removed.relation?.type !== "dual_property") return;
  const other = store.state.dataSources[removed.relation.data_source_id];
  const partner = other?.properties.find((p) => p.id === removed.relation?.synced_property_id);
  if (partner?.relation && partner.relation.data_source_id === dataSourceId) {
    partner.relation = { data_source_id: dataSourceId, type: "single_property" };
  }
}
