import type { DatabaseKey } from "./database-keys.js";
import type { DatabaseDefinition, SelectOption } from "./definition.js";

const options = (...pairs: [string, SelectOption["color"]][]): SelectOption[] =>
  pairs.map(([name, color]) => ({ name, color }));

const BACKUP_STATUS = options(
  ["success", "green"],
  ["partial", "yellow"],
  ["failed", "red"],
  ["unknown", "gray"],
);

/** The seven databases of SPEC §4, defined once; everything else reads names and types from here. */
export const DATABASES: Readonly<Record<DatabaseKey, DatabaseDefinition>> = {
  customerSites: {
    key: "customerSites",
    title: "Customer Sites",
    keyProperty: "Site Key",
    purpose: "One page per customer site: health, devices, alerts, backups and contract facts.",
    properties: [
      { name: "Site Name", type: "title" },
      { name: "Site Key", type: "rich_text" },
      { name: "State", type: "select" },
      { name: "Health Score", type: "number" },
      {
        name: "Health Status",
        type: "select",
        options: options(["Healthy", "green"], ["Warning", "yellow"], ["Critical", "red"]),
      },
      {
        name: "Risk Level",
        type: "select",
        options: options(["Low", "green"], ["Medium", "yellow"], ["High", "red"]),
      },
      { name: "Devices Online", type: "number" },
      { name: "Devices Total", type: "number" },
      { name: "WiFi Clients", type: "number" },
      { name: "Open Tickets", type: "number" },
      { name: "Critical Alerts", type: "number" },
      { name: "Warning Alerts", type: "number" },
      { name: "Backup Status", type: "select", options: BACKUP_STATUS },
      { name: "Config Drift", type: "checkbox" },
      { name: "Has Azure", type: "checkbox" },
      { name: "Contract Renewal", type: "date" },
      { name: "Primary Contact", type: "rich_text" },
      { name: "Score Breakdown", type: "rich_text" },
      { name: "Last Seen", type: "date" },
      // Not in SPEC §4's list: the configuration fingerprint config drift is measured against
      // (docs/health.md). log-changes clears it; the next sync adopts the current fingerprint.
      { name: "Config Baseline", type: "rich_text" },
    ],
  },
  dailyHealth: {
    key: "dailyHealth",
    title: "Daily Health",
    keyProperty: "Snapshot Key",
    purpose: "One snapshot per site per day; history is never changed.",
    properties: [
      { name: "Snapshot", type: "title" },
      { name: "Snapshot Key", type: "rich_text" },
      { name: "Date", type: "date" },
      { name: "Site", type: "relation", relation: "customerSites" },
      { name: "Health Score", type: "number" },
      { name: "Devices Online", type: "number" },
      { name: "Devices Total", type: "number" },
      { name: "Critical Alerts", type: "number" },
      { name: "Warning Alerts", type: "number" },
      { name: "Backup Status", type: "select", options: BACKUP_STATUS },
      { name: "Config Drift", type: "checkbox" },
      { name: "Score Breakdown", type: "rich_text" },
    ],
  },
  configChanges: {
    key: "configChanges",
    title: "Config Changes",
    keyProperty: "Change ID",
    purpose: "Immutable audit log of configuration changes, from merges to main and manual entries.",
    properties: [
      { name: "Change ID", type: "title" },
      { name: "Site", type: "relation", relation: "customerSites" },
      { name: "Tool", type: "select" },
      { name: "Action", type: "rich_text" },
      { name: "Engineer", type: "rich_text" },
      { name: "Timestamp", type: "date" },
      { name: "Commit", type: "url" },
      { name: "Files", type: "rich_text" },
    ],
  },
  networkDevices: {
    key: "networkDevices",
    title: "Network Devices",
    keyProperty: "Device Key",
    purpose: "Every device the sources report; a device gone from its source becomes missing, never deleted.",
    properties: [
      { name: "Device Name", type: "title" },
      { name: "Device Key", type: "rich_text" },
      { name: "Site", type: "relation", relation: "customerSites" },
      { name: "Vendor", type: "select" },
      { name: "Model", type: "rich_text" },
      {
        name: "Status",
        type: "select",
        options: options(["online", "green"], ["offline", "red"], ["missing", "gray"]),
      },
      { name: "MAC", type: "rich_text" },
      { name: "IP", type: "rich_text" },
      { name: "Firmware", type: "rich_text" },
      { name: "Last Seen", type: "date" },
    ],
  },
  azureServices: {
    key: "azureServices",
    title: "Azure Pipeline",
    keyProperty: "Service Name",
    purpose: "Azure services in use. Stage belongs to people; sync only updates counts and availability.",
    properties: [
      { name: "Service Name", type: "title" },
      {
        name: "Stage",
        type: "select",
        options: options(["Planned", "gray"], ["Pilot", "blue"], ["Deployed", "green"], ["Retired", "brown"]),
      },
      { name: "Category", type: "select" },
      { name: "Subscription", type: "rich_text" },
      { name: "Resource Count", type: "number" },
      {
        name: "Availability",
        type: "select",
        options: options(
          ["Available", "green"],
          ["Degraded", "yellow"],
          ["Unavailable", "red"],
          ["Unknown", "gray"],
        ),
      },
    ],
  },
  runbooks: {
    key: "runbooks",
    title: "Runbook Library",
    keyProperty: "Runbook Key",
    purpose: "Runbooks from the repository; each page body is the Markdown file.",
    properties: [
      { name: "Title", type: "title" },
      { name: "Runbook Key", type: "rich_text" },
      { name: "Category", type: "select" },
      { name: "Tags", type: "multi_select" },
      { name: "Content Hash", type: "rich_text" },
      { name: "Last Updated", type: "date" },
    ],
  },
  scriptRuns: {
    key: "scriptRuns",
    title: "Script Runs",
    keyProperty: "Run Key",
    purpose: "Every maintenance script run; a failed run's page is a handoff with next steps.",
    properties: [
      { name: "Run", type: "title" },
      { name: "Run Key", type: "rich_text" },
      { name: "Script", type: "rich_text" },
      {
        name: "Status",
        type: "select",
        options: options(
          ["success", "green"],
          ["failed", "red"],
          ["timeout", "orange"],
          ["blocked", "purple"],
          ["skipped", "gray"],
        ),
      },
      { name: "Exit Code", type: "number" },
      { name: "Duration", type: "number" },
      { name: "Started", type: "date" },
      { name: "Trigger", type: "select" },
      { name: "Workflow Run", type: "url" },
      { name: "Content Hash", type: "rich_text" },
    ],
  },
};
