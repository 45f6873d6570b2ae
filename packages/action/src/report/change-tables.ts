import type { LogChangesResult } from "@notion-ops/core";
import type { Table } from "./text-table.js";

export function changeTables(result: LogChangesResult): Table[] {
  if (result.ignored)
    return [{ title: "Config changes", columns: [], rows: [], empty: `nothing logged: ${result.ignored}` }];
  const failed = new Set(result.written?.changes.failed.map((f) => f.key) ?? []);
  return [
    {
      title: `Config changes (${result.commits} commits)`,
      columns: ["Change ID", "Site", "Tool", "Action", "Engineer", "Files"],
      rows: result.entries.map((e) => [
        failed.has(e.changeId) ? `${e.changeId} (failed)` : e.changeId,
        e.siteKey,
        e.tool,
        e.action,
        e.engineer ?? "—",
        e.files.length,
      ]),
      empty: "no configuration files changed",
    },
    {
      title: "Files not logged",
      columns: ["Commit", "File", "Why"],
      rows: result.unmapped.map((u) => [u.sha.slice(0, 12), u.file, u.reason]),
      empty: "none",
    },
  ];
}
