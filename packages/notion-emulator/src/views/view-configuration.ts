import type { DataSourceRecord, ViewType } from "../state.js";
import { invalid, invalidAt, rejectUnknownKeys, requireObject } from "../validation/json.js";
import { CHART_FIELDS, checkChart } from "./chart-configuration.js";
import { groupByField } from "./group-by.js";
import {
  booleanField,
  enumField,
  type FieldParser,
  integerField,
  objectField,
  propertyEntriesField,
  propertyIdField,
  RESPONSE_ONLY_FIELDS,
  resolvePropertyRef,
  stringField,
} from "./view-fields.js";

interface ConfigSpec {
  /** Fields every `configuration` of this type must carry, on create and on update. */
  required: readonly string[];
  fields: Record<string, FieldParser>;
  check?: (config: Record<string, unknown>, ds: DataSourceRecord, path: string) => void;
}

const DATE_PROPERTY_TYPES = ["date", "created_time", "last_edited_time", "formula"];

const coverField: FieldParser = (ds, value, path) => {
  const cover = requireObject(value, path);
  rejectUnknownKeys(cover, ["type", "property_id"], path);
  const type = enumField(["page_cover", "page_content", "property"])(ds, cover.type, `${path}.type`);
  if (type !== "property") return { type };
  if (cover.property_id === undefined)
    throw invalid(`${path}.property_id`, 'should be defined when type is `"property"`', undefined);
  return {
    type,
    property_id: resolvePropertyRef(ds, cover.property_id, `${path}.property_id`, ["files"]).id,
  };
};

const CARD_FIELDS: Record<string, FieldParser> = {
  properties: propertyEntriesField,
  cover: coverField,
  cover_size: enumField(["small", "medium", "large"]),
  cover_aspect: enumField(["contain", "cover"]),
  card_layout: enumField(["list", "compact"]),
};

const SPECS: Record<Exclude<ViewType, "dashboard">, ConfigSpec> = {
  table: {
    required: [],
    fields: {
      properties: propertyEntriesField,
      group_by: groupByField,
      subtasks: objectField({
        property_id: propertyIdField(["relation"]),
        display_mode: enumField(["show", "hidden", "flattened", "disabled"]),
        filter_scope: enumField(["parents", "parents_and_subitems", "subitems"]),
        toggle_column_id: stringField,
      }),
      wrap_cells: booleanField,
      frozen_column_index: integerField(0),
      show_vertical_lines: booleanField,
    },
  },
  board: {
    required: ["group_by"],
    fields: { group_by: groupByField, sub_group_by: groupByField, ...CARD_FIELDS },
  },
  calendar: {
    required: ["date_property_id"],
    fields: {
      date_property_id: propertyIdField(DATE_PROPERTY_TYPES),
      properties: propertyEntriesField,
      view_range: enumField(["week", "month"]),
      show_weekends: booleanField,
    },
  },
  timeline: {
    required: ["date_property_id"],
    fields: {
      date_property_id: propertyIdField(DATE_PROPERTY_TYPES),
      end_date_property_id: propertyIdField(DATE_PROPERTY_TYPES),
      properties: propertyEntriesField,
      show_table: booleanField,
      table_properties: propertyEntriesField,
      preference: objectField(
        {
          zoom_level: enumField(["hours", "day", "week", "bi_week", "month", "quarter", "year", "5_years"]),
          center_timestamp: integerField(0),
        },
        ["zoom_level"],
      ),
      arrows_by: objectField({ property_id: propertyIdField(["relation"]) }),
      color_by: booleanField,
    },
  },
  gallery: { required: [], fields: CARD_FIELDS },
  list: { required: [], fields: { properties: propertyEntriesField } },
  map: {
    required: [],
    fields: {
      height: enumField(["small", "medium", "large", "extra_large"]),
      map_by: propertyIdField(["place", "location"]),
      properties: propertyEntriesField,
    },
  },
  form: {
    required: [],
    fields: {
      is_form_closed: booleanField,
      anonymous_submissions: booleanField,
      submission_permissions: enumField(["none", "comment_only", "reader", "read_and_write", "editor"]),
    },
  },
  chart: { required: ["chart_type"], fields: CHART_FIELDS, check: checkChart },
};

/**
 * Validates a view `configuration` and returns it normalized (property names resolved to ids).
 * On update, `existing` is the stored configuration: the change is merged shallowly, `null`
 * clears a field, and the type's required fields must still be sent.
 */
export function parseViewConfiguration(
  viewType: ViewType,
  ds: DataSourceRecord,
  value: unknown,
  path: string,
  existing: Record<string, unknown> | null,
): Record<string, unknown> {
  if (viewType === "dashboard") {
    throw invalidAt(
      path,
      "is not accepted for dashboards: their layout is built by adding widget views (`view_id` + `placement`).",
    );
  }
  const raw = requireObject(value, path);
  if (raw.type !== viewType) {
    throw invalid(`${path}.type`, `should be \`"${viewType}"\` (the view's type)`, raw.type);
  }
  const spec = SPECS[viewType];
  for (const field of spec.required) {
    if (raw[field] === undefined || raw[field] === null) {
      throw invalid(
        `${path}.${field}`,
        `should be defined: a ${viewType} configuration always needs it`,
        raw[field],
      );
    }
  }
  const merged: Record<string, unknown> = existing ? { ...existing, type: viewType } : { type: viewType };
  for (const [key, fieldValue] of Object.entries(raw)) {
    if (key === "type" || RESPONSE_ONLY_FIELDS.has(key)) continue;
    const parse = spec.fields[key];
    if (!parse) throw invalidAt(`${path}.${key}`, `is not a field of a ${viewType} configuration.`);
    if (fieldValue === null) delete merged[key];
    else merged[key] = parse(ds, fieldValue, `${path}.${key}`);
  }
  if (viewType === "chart" && Array.isArray(merged.reference_lines)) {
    merged.reference_lines = (merged.reference_lines as Record<string, unknown>[]).map((line, i) => ({
      ...line,
      id: line.id ?? `reference-line-${i + 1}`,
    }));
  }
  spec.check?.(merged, ds, path);
  return merged;
}
