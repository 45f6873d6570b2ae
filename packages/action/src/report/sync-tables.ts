import type { SyncResult } from "@notion-ops/core";
import type { Table } from "./text-table.js";

/** The sync result as the tables the job summary and the terminal show. */
export function syncTables(result: SyncResult): Table[] {
  const tables: Table[] = [];
  if (result.dryRun) {
    tables.push({
      title: `Plan (dry run, ${result.date}): nothing was written`,
      columns: ["Database", "Create", "Update", "Mark missing", "Unchanged", "Write requests"],
      rows: result.plans.map((p) => [
        p.title,
        p.creates,
        p.updates,
        p.markMissing,
        p.unchanged,
        p.writeRequests,
      ]),
    });
    tables.push({
      title: "First changes",
      columns: ["Database", "Record", "Action", "Changes"],
      rows: result.plans.flatMap((p) =>
        p.sample.map((s) => [p.title, s.key, s.action, s.changes.join("; ") || "new record"]),
      ),
      empty: "no changes",
    });
  } else {
    tables.push({
      title: `Databases (${result.date})`,
      columns: ["Database", "Created", "Updated", "Unchanged", "Failed"],
      rows: result.databases.map((d) => [
        d.title,
        d.created,
        d.markedMissing ? `${d.updated} (${d.markedMissing} missing)` : d.updated,
        d.unchanged,
        d.failed.length,
      ]),
    });
  }
  tables.push({
    title: "Site health (worst first)",
    columns: ["Site", "Key", "Score", "Status", "Risk", "Since yesterday", "Drift"],
    rows: result.sites.map((s) => [
      s.name,
      s.key,
      s.score ?? "—",
      s.status ?? (s.reported ? "—" : "not reported"),
      s.risk ?? "—",
      s.trend?.text ?? "—",
      s.drift ? `yes (${s.driftReason})` : "no",
    ]),
    empty: "no sites",
  });
  const unmatched = [
    ...result.matching.unmatchedObservations.map((u) => [
      `${u.observation.source} site`,
      `${u.observation.name} (${u.observation.sourceId})`,
      u.message,
    ]),
    ...result.matching.unreportedSites.map((s) => [
      "configured site",
      `${s.name} (${s.key})`,
      "no source reported it",
    ]),
    ...result.matching.ambiguities.map((a) => ["ambiguity", a.siteKeys.join(", "), a.message]),
    ...result.matching.unattachedDevices.map((d) => ["device", d.device.key, d.message]),
    ...result.matching.unattachedServices.map((s) => ["service", s.service.name, s.message]),
  ];
  tables.push({
    title: "Unmatched",
    columns: ["What", "Which", "Why"],
    rows: unmatched,
    empty: "everything matched",
  });
  const failures = [
    ...result.sourceFailures.map((f) => [f.source, "(whole source)", f.message]),
    ...result.sourceErrors.map((e) => [e.source, `${e.entity} ${e.id ?? ""}`.trim(), e.message]),
    ...result.failures.map((f) => [f.database, f.key, f.reason]),
  ];
  tables.push({ title: "Failures", columns: ["Where", "Record", "Reason"], rows: failures, empty: "none" });
  const n = result.notion;
  tables.push({
    title: "Notion requests",
    columns: ["Requests", "Retries", "429s", "Rate (req/s)", "Wall time"],
    rows: [
      [
        n.requests,
        n.retries,
        n.rateLimited,
        n.requestsPerSecond.toFixed(2),
        `${(result.wallTimeMs / 1000).toFixed(1)} s`,
      ],
    ],
  });
  return tables;
}
