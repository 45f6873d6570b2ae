import type { DashboardRow } from "../state.js";
import { invalid, invalidAt, rejectUnknownKeys, requireObject } from "../validation/json.js";
import { checkInteger, oneOf } from "./view-fields.js";

export const MAX_WIDGETS_PER_ROW = 4;
export const MAX_WIDGETS_PER_DASHBOARD = 12;
const GRID_COLUMNS = 12;

export type WidgetPlacement =
  | { type: "new_row"; row_index?: number }
  | { type: "existing_row"; row_index: number };

/** `placement` of a widget; defaults to a new row at the end. */
export function parsePlacement(value: unknown, path: string): WidgetPlacement {
  if (value === undefined) return { type: "new_row" };
  const p = requireObject(value, path);
  rejectUnknownKeys(p, ["type", "row_index"], path);
  const type = oneOf(["new_row", "existing_row"], p.type, `${path}.type`);
  if (type === "existing_row") {
    if (p.row_index === undefined)
      throw invalid(`${path}.row_index`, "should be defined for an existing row", undefined);
    return { type, row_index: checkInteger(p.row_index, 0, `${path}.row_index`) };
  }
  return p.row_index === undefined
    ? { type: "new_row" }
    : { type: "new_row", row_index: checkInteger(p.row_index, 0, `${path}.row_index`) };
}

/** Refuses placements past the dashboard's limits: 4 widgets per row, 12 per dashboard. */
export function checkPlacement(
  rows: readonly DashboardRow[],
  placement: WidgetPlacement,
  path: string,
): void {
  const total = rows.reduce((n, r) => n + r.widgets.length, 0);
  if (total >= MAX_WIDGETS_PER_DASHBOARD) {
    throw invalidAt(
      path,
      `cannot add a widget: a dashboard holds at most ${MAX_WIDGETS_PER_DASHBOARD} widgets.`,
    );
  }
  if (placement.type === "existing_row") {
    const row = rows[placement.row_index];
    if (!row)
      throw invalid(
        `${path}.row_index`,
        `should be the index of an existing row (0–${rows.length - 1})`,
        placement.row_index,
      );
    if (row.widgets.length >= MAX_WIDGETS_PER_ROW) {
      throw invalidAt(
        `${path}.row_index`,
        `row ${placement.row_index} is full: a row holds at most ${MAX_WIDGETS_PER_ROW} widgets.`,
      );
    }
  } else if (placement.row_index !== undefined && placement.row_index > rows.length) {
    throw invalid(
      `${path}.row_index`,
      `should be ≤ \`${rows.length}\` (the number of rows)`,
      placement.row_index,
    );
  }
}

/** Places a widget and spreads each row's widths evenly over the 12-column grid. */
export function placeWidget(
  rows: DashboardRow[],
  placement: WidgetPlacement,
  widget: { id: string; view_id: string },
  newRowId: () => string,
): void {
  if (placement.type === "existing_row") {
    rows[placement.row_index]?.widgets.push({
      ...widget,
      width: GRID_COLUMNS,
      row_index: placement.row_index,
    });
  } else {
    const at = placement.row_index ?? rows.length;
    rows.splice(at, 0, { id: newRowId(), widgets: [{ ...widget, width: GRID_COLUMNS, row_index: at }] });
  }
  rebalance(rows);
}

/** Removes a widget view from the layout; empty rows disappear. */
export function removeWidget(rows: DashboardRow[], viewId: string): DashboardRow[] {
  const kept = rows
    .map((r) => ({ ...r, widgets: r.widgets.filter((w) => w.view_id !== viewId) }))
    .filter((r) => r.widgets.length > 0);
  rebalance(kept);
  return kept;
}

function rebalance(rows: DashboardRow[]): void {
  rows.forEach((row, index) => {
    const width = Math.floor(GRID_COLUMNS / Math.max(row.widgets.length, 1));
    for (const w of row.widgets) {
      w.width = width;
      w.row_index = index;
    }
  });
}
