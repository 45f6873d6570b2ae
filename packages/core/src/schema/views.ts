import type { DatabaseKey } from "./database-keys.js";
import type { ViewConfiguration, ViewDefinition, ViewFilter, ViewSort } from "./view-definition.js";

// Property names below are resolved to property ids when a view is created (see view-request.ts).

const shown = (...names: string[]) => names.map((property_id) => ({ property_id, visible: true }));

const HEALTH_BOARD: ViewConfiguration = {
  type: "board",
  group_by: {
    type: "select",
    property_id: "Health Status",
    sort: { type: "manual" },
    hide_empty_groups: false,
  },
  properties: shown(
    "Health Score",
    "Risk Level",
    "Devices Online",
    "Devices Total",
    "Open Tickets",
    "Critical Alerts",
  ),
  card_layout: "list",
};
/** Worst first: the lowest score at the top of every column. */
const WORST_FIRST: readonly ViewSort[] = [{ property: "Health Score", direction: "ascending" }];

const SCORE_TREND: ViewConfiguration = {
  type: "chart",
  chart_type: "line",
  x_axis: { type: "date", property_id: "Date", group_by: "day", sort: { type: "ascending" } },
  y_axis: { aggregator: "average", property_id: "Health Score" },
  y_axis_min: 0,
  y_axis_max: 100,
  axis_labels: "both",
  grid_lines: "horizontal",
  height: "medium",
};

const OFFLINE_OR_MISSING: ViewFilter = {
  or: [
    { property: "Status", select: { equals: "offline" } },
    { property: "Status", select: { equals: "missing" } },
  ],
};

const FAILED_RUNS: ViewFilter = {
  or: [
    { property: "Status", select: { equals: "failed" } },
    { property: "Status", select: { equals: "timeout" } },
    { property: "Status", select: { equals: "blocked" } },
  ],
};
const NEWEST_FIRST: readonly ViewSort[] = [{ property: "Started", direction: "descending" }];

/**
 * The views setup builds (issue 13), in creation order per database. Described for people in
 * docs/workspace.md. Found again by name: a view the user edits keeps working as ours; one the
 * user renames is left alone and ours is created again under its name.
 */
export const VIEWS: readonly ViewDefinition[] = [
  {
    key: "customerSites.healthBoard",
    database: "customerSites",
    name: "Health board",
    type: "board",
    purpose: "Which sites are Healthy, Warning or Critical right now, worst score first in each column?",
    sorts: WORST_FIRST,
    configuration: HEALTH_BOARD,
  },
  {
    key: "customerSites.needsAttention",
    database: "customerSites",
    name: "Needs attention",
    type: "table",
    purpose: "Which sites are at high risk or critical, and why (alerts, backups, drift)?",
    filter: {
      or: [
        { property: "Risk Level", select: { equals: "High" } },
        { property: "Health Status", select: { equals: "Critical" } },
      ],
    },
    sorts: WORST_FIRST,
    configuration: {
      type: "table",
      properties: shown(
        "Health Score",
        "Health Status",
        "Risk Level",
        "Critical Alerts",
        "Backup Status",
        "Config Drift",
        "Open Tickets",
        "Last Seen",
      ),
    },
  },
  {
    key: "customerSites.contractRenewals",
    database: "customerSites",
    name: "Contract renewals",
    type: "calendar",
    purpose: "Whose contract renews this month, and who is the contact?",
    configuration: {
      type: "calendar",
      date_property_id: "Contract Renewal",
      view_range: "month",
      show_weekends: true,
      properties: shown("Primary Contact", "Health Status"),
    },
  },
  {
    key: "customerSites.operations",
    database: "customerSites",
    name: "Operations",
    type: "dashboard",
    purpose:
      "One screen for the morning check: site health, the score trend, devices down and failed scripts.",
    widgets: [
      {
        key: "operations.healthBoard",
        source: "customerSites",
        name: "Health board",
        type: "board",
        purpose: "Site health by status, worst first.",
        sorts: WORST_FIRST,
        configuration: HEALTH_BOARD,
        row: 0,
      },
      {
        key: "operations.scoreTrend",
        source: "dailyHealth",
        name: "Health score trend",
        type: "chart",
        purpose: "Is the average health score going up or down?",
        configuration: SCORE_TREND,
        row: 0,
      },
      {
        key: "operations.offlineDevices",
        source: "networkDevices",
        name: "Offline devices",
        type: "table",
        purpose: "Which devices are offline or missing?",
        filter: OFFLINE_OR_MISSING,
        sorts: [{ property: "Last Seen", direction: "ascending" }],
        configuration: { type: "table", properties: shown("Site", "Status", "Vendor", "Last Seen") },
        row: 1,
      },
      {
        key: "operations.recentFailures",
        source: "scriptRuns",
        name: "Recent script failures",
        type: "table",
        purpose: "Which maintenance scripts failed lately?",
        filter: FAILED_RUNS,
        sorts: NEWEST_FIRST,
        configuration: { type: "table", properties: shown("Script", "Status", "Exit Code", "Started") },
        row: 1,
      },
    ],
  },
  {
    key: "dailyHealth.scoreTrend",
    database: "dailyHealth",
    name: "Health score trend",
    type: "chart",
    purpose: "Is the average health score across sites improving or getting worse, day by day?",
    configuration: SCORE_TREND,
  },
  {
    key: "dailyHealth.sitesBelow60",
    database: "dailyHealth",
    name: "Sites below 60 per day",
    type: "chart",
    purpose: "How many sites were critical (score below 60) on each day?",
    filter: { property: "Health Score", number: { less_than: 60 } },
    configuration: {
      type: "chart",
      chart_type: "column",
      x_axis: { type: "date", property_id: "Date", group_by: "day", sort: { type: "ascending" } },
      y_axis: { aggregator: "count" },
      color_theme: "red",
      show_data_labels: true,
      height: "medium",
    },
  },
  {
    key: "networkDevices.offlineAndMissing",
    database: "networkDevices",
    name: "Offline and missing",
    type: "table",
    purpose: "Which devices are down or gone, grouped by customer site?",
    filter: OFFLINE_OR_MISSING,
    sorts: [{ property: "Last Seen", direction: "ascending" }],
    configuration: {
      type: "table",
      group_by: { type: "relation", property_id: "Site", sort: { type: "manual" }, hide_empty_groups: true },
      properties: shown("Status", "Vendor", "Model", "IP", "Firmware", "Last Seen"),
    },
  },
  {
    key: "networkDevices.devicesByVendor",
    database: "networkDevices",
    name: "Devices by vendor",
    type: "chart",
    purpose: "What is the fleet made of?",
    configuration: {
      type: "chart",
      chart_type: "donut",
      x_axis: { type: "select", property_id: "Vendor", sort: { type: "manual" } },
      y_axis: { aggregator: "count" },
      donut_labels: "name_and_value",
      legend_position: "side",
      color_theme: "colorful",
    },
  },
  {
    key: "scriptRuns.failures",
    database: "scriptRuns",
    name: "Failures",
    type: "table",
    purpose: "Which script runs failed, timed out or were blocked, newest first (each page is a handoff)?",
    filter: FAILED_RUNS,
    sorts: NEWEST_FIRST,
    configuration: {
      type: "table",
      properties: shown("Script", "Status", "Exit Code", "Duration", "Started", "Trigger", "Workflow Run"),
    },
  },
  {
    key: "scriptRuns.runsPerDay",
    database: "scriptRuns",
    name: "Runs per day",
    type: "chart",
    purpose: "How many scripts ran each day, and how many of them succeeded?",
    configuration: {
      type: "chart",
      chart_type: "column",
      x_axis: { type: "date", property_id: "Started", group_by: "day", sort: { type: "ascending" } },
      y_axis: { aggregator: "count" },
      stack_by: { type: "select", property_id: "Status", sort: { type: "manual" } },
      group_style: "normal",
      legend_position: "bottom",
      color_theme: "colorful",
    },
  },
  {
    key: "configChanges.changesPerSite",
    database: "configChanges",
    name: "Changes per site",
    type: "chart",
    purpose: "Which sites change most often?",
    configuration: {
      type: "chart",
      chart_type: "bar",
      x_axis: { type: "relation", property_id: "Site", sort: { type: "manual" } },
      y_axis: { aggregator: "count" },
      sort: "y_descending",
      show_data_labels: true,
    },
  },
  {
    key: "configChanges.changeCalendar",
    database: "configChanges",
    name: "Change calendar",
    type: "calendar",
    purpose: "What changed on which day, by whom and with which tool?",
    configuration: {
      type: "calendar",
      date_property_id: "Timestamp",
      view_range: "month",
      show_weekends: true,
      properties: shown("Tool", "Engineer", "Action"),
    },
  },
];

/** The view definitions that live on `database` (tabs and dashboards), in creation order. */
export function viewsOf(database: DatabaseKey, views: readonly ViewDefinition[] = VIEWS): ViewDefinition[] {
  return views.filter((view) => view.database === database);
}
