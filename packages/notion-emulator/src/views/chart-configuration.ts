import type { DataSourceRecord } from "../state.js";
import { invalid, invalidAt, rejectUnknownKeys, requireArray, requireObject } from "../validation/json.js";
import { groupByField } from "./group-by.js";
import {
  booleanField,
  checkNumber,
  enumField,
  type FieldParser,
  numberField,
  oneOf,
  propertyIdField,
  resolvePropertyRef,
  stringField,
} from "./view-fields.js";

export const CHART_TYPES = ["column", "bar", "line", "donut", "number"] as const;

export const AGGREGATORS = [
  "count",
  "count_values",
  "sum",
  "average",
  "median",
  "min",
  "max",
  "range",
  "unique",
  "empty",
  "not_empty",
  "percent_empty",
  "percent_not_empty",
  "checked",
  "unchecked",
  "percent_checked",
  "percent_unchecked",
  "earliest_date",
  "latest_date",
  "date_range",
] as const;

const NUMERIC = ["number", "formula", "rollup", "unique_id"];
const CHECKBOX = ["checkbox", "formula", "rollup"];
const DATES = ["date", "created_time", "last_edited_time", "formula", "rollup"];

/** Property types an aggregator can summarize (undefined: any property). */
const AGGREGATOR_PROPERTY_TYPES: Partial<Record<(typeof AGGREGATORS)[number], readonly string[]>> = {
  sum: NUMERIC,
  average: NUMERIC,
  median: NUMERIC,
  min: NUMERIC,
  max: NUMERIC,
  range: NUMERIC,
  checked: CHECKBOX,
  unchecked: CHECKBOX,
  percent_checked: CHECKBOX,
  percent_unchecked: CHECKBOX,
  earliest_date: DATES,
  latest_date: DATES,
  date_range: DATES,
};

/** `y_axis` / `value`: `{aggregator, property_id?}`; every aggregator but `count` needs a property. */
export const aggregationField: FieldParser = (ds, value, path) => {
  const agg = requireObject(value, path);
  rejectUnknownKeys(agg, ["aggregator", "property_id", "property_name"], path);
  const aggregator = oneOf(AGGREGATORS, agg.aggregator, `${path}.aggregator`) as (typeof AGGREGATORS)[number];
  if (agg.property_id === undefined || agg.property_id === null) {
    if (aggregator !== "count") {
      throw invalidAt(
        `${path}.property_id`,
        `should be defined: the \`${aggregator}\` aggregator needs a property.`,
      );
    }
    return { aggregator };
  }
  const prop = resolvePropertyRef(
    ds,
    agg.property_id,
    `${path}.property_id`,
    AGGREGATOR_PROPERTY_TYPES[aggregator],
  );
  return { aggregator, property_id: prop.id };
};

const referenceLinesField: FieldParser = (ds, value, path) =>
  requireArray(value, path).map((raw, i) => {
    const linePath = `${path}[${i}]`;
    const line = requireObject(raw, linePath);
    rejectUnknownKeys(line, ["value", "label", "color", "dash_style", "id"], linePath);
    return {
      id: line.id === undefined ? undefined : stringField(ds, line.id, `${linePath}.id`),
      value: checkNumber(line.value, `${linePath}.value`),
      label: stringField(ds, line.label, `${linePath}.label`),
      color: oneOf(
        ["gray", "lightgray", "brown", "yellow", "orange", "green", "blue", "purple", "pink", "red"],
        line.color,
        `${linePath}.color`,
      ),
      dash_style: oneOf(["solid", "dash"], line.dash_style, `${linePath}.dash_style`),
    };
  });

export const CHART_FIELDS: Record<string, FieldParser> = {
  chart_type: enumField(CHART_TYPES),
  x_axis: groupByField,
  y_axis: aggregationField,
  x_axis_property_id: propertyIdField(),
  y_axis_property_id: propertyIdField(["number", "formula", "rollup"]),
  value: aggregationField,
  sort: enumField(["manual", "x_ascending", "x_descending", "y_ascending", "y_descending"]),
  color_theme: enumField([
    "gray",
    "blue",
    "yellow",
    "green",
    "purple",
    "teal",
    "orange",
    "pink",
    "red",
    "auto",
    "colorful",
  ]),
  height: enumField(["small", "medium", "large", "extra_large"]),
  hide_empty_groups: booleanField,
  legend_position: enumField(["off", "bottom", "side"]),
  show_data_labels: booleanField,
  axis_labels: enumField(["none", "x_axis", "y_axis", "both"]),
  grid_lines: enumField(["none", "horizontal", "vertical", "both"]),
  cumulative: booleanField,
  smooth_line: booleanField,
  hide_line_fill_area: booleanField,
  group_style: enumField(["normal", "percent", "side_by_side"]),
  y_axis_min: numberField,
  y_axis_max: numberField,
  donut_labels: enumField(["none", "value", "name", "name_and_value"]),
  hide_title: booleanField,
  stack_by: groupByField,
  reference_lines: referenceLinesField,
  caption: stringField,
  color_by_value: booleanField,
};

/** Fields that only some chart types use. */
const ONLY_FOR: Record<string, readonly string[]> = {
  x_axis: ["column", "bar", "line", "donut"],
  y_axis: ["column", "bar", "line", "donut"],
  x_axis_property_id: ["column", "bar", "line", "donut"],
  y_axis_property_id: ["column", "bar", "line", "donut"],
  stack_by: ["column", "bar", "line"],
  value: ["number"],
  hide_title: ["number"],
  cumulative: ["line"],
  smooth_line: ["line"],
  hide_line_fill_area: ["line"],
  group_style: ["column", "bar"],
  donut_labels: ["donut"],
  color_by_value: ["column", "bar", "donut"],
};

/**
 * Cross-field rules of a (merged) chart configuration: each chart type's own fields only; column,
 * bar, line and donut charts need either grouped mode (`x_axis`, optional `y_axis` aggregation) or
 * results mode (`x_axis_property_id` + `y_axis_property_id`), not both.
 */
export function checkChart(config: Record<string, unknown>, _ds: DataSourceRecord, path: string): void {
  const chartType = config.chart_type as string;
  for (const [field, types] of Object.entries(ONLY_FOR)) {
    if (config[field] !== undefined && config[field] !== null && !types.includes(chartType)) {
      throw invalidAt(
        `${path}.${field}`,
        `is not used by \`${chartType}\` charts (only ${types.join(", ")}).`,
      );
    }
  }
  if (chartType === "number") return;
  const grouped = config.x_axis !== undefined;
  const results = config.x_axis_property_id !== undefined || config.y_axis_property_id !== undefined;
  if (grouped && results) {
    throw invalidAt(
      path,
      "mixes grouped mode (`x_axis`) with results mode (`x_axis_property_id` / `y_axis_property_id`); use one.",
    );
  }
  if (!grouped && !results) {
    throw invalidAt(
      path,
      `should define the x-axis of the \`${chartType}\` chart: \`x_axis\` (grouped mode) or \`x_axis_property_id\` and \`y_axis_property_id\` (results mode).`,
    );
  }
  if (results && (config.x_axis_property_id === undefined || config.y_axis_property_id === undefined)) {
    throw invalid(
      `${path}.${config.x_axis_property_id === undefined ? "x_axis_property_id" : "y_axis_property_id"}`,
      "should be defined in results mode",
      undefined,
    );
  }
  if (results && config.y_axis !== undefined)
    throw invalidAt(`${path}.y_axis`, "is not used in results mode.");
  if (config.stack_by !== undefined && !grouped)
    throw invalidAt(`${path}.stack_by`, "needs `x_axis` (grouped mode).");
  const min = config.y_axis_min;
  const max = config.y_axis_max;
  if (typeof min === "number" && typeof max === "number" && max <= min) {
    throw invalid(`${path}.y_axis_max`, "should be greater than y_axis_min", max);
  }
}
