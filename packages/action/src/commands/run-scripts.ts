import { resolve } from "node:path";
import {
  loadScriptManifest,
  parseScriptManifest,
  runOriginFromEnv,
  runScripts,
  type ScriptManifest,
  scriptRunsStore,
  scriptRunWriter,
  UsageError,
} from "@notion-ops/core";
import type { Command } from "../command.js";
import { notionClientFor } from "../notion-client-for.js";

/** The Action passes its inline `scripts` input in this variable (see action-inputs.ts). */
export const INLINE_MANIFEST_ENV = "NOTION_OPS_SCRIPTS";

export const runScriptsCommand: Command = {
  name: ["run-scripts"],
  usage: "notion-ops run-scripts --manifest <file> [--dry-run]",
  summary: "validate and run the declared maintenance scripts, logging each run to Script Runs",
  options: { manifest: { type: "string" }, "dry-run": { type: "boolean" } },
  async run(context) {
    const manifestPath = context.values.manifest as string | undefined;
    const inline = context.env[INLINE_MANIFEST_ENV];
    let manifest: ScriptManifest;
    // Relative to the run's working directory (the repository), like --config.
    if (manifestPath) manifest = await loadScriptManifest(resolve(context.cwd, manifestPath), manifestPath);
    else if (inline?.trim()) manifest = parseScriptManifest(inline, "the scripts input");
    else throw new UsageError("run-scripts needs --manifest <file> (or, in the Action, the scripts input)");

    const { config } = await context.loadConfig();
    const dryRun = context.values["dry-run"] === true;
    const scriptRuns = config.notion.databases.scriptRuns;
    const client = scriptRuns ? notionClientFor(context) : undefined;
    if (!scriptRuns && !dryRun) {
      throw new UsageError(
        "Script Runs is not set up (notion.databases.scriptRuns): run notion-ops setup first",
      );
    }
    const report = await runScripts({
      manifest,
      config: config.scripts,
      cwd: context.cwd,
      dryRun,
      env: context.env,
      logger: context.logger,
      mask: context.logger.mask,
      ...(client && scriptRuns ? { store: scriptRunsStore(client, scriptRuns.dataSourceId) } : {}),
      ...(client && scriptRuns && !dryRun
        ? {
            onRunFinished: scriptRunWriter({
              client,
              dataSourceId: scriptRuns.dataSourceId,
              origin: runOriginFromEnv(context.env),
              logger: context.logger,
            }),
          }
        : {}),
    });
    const { counts, rows } = report.summary;
    const failed = counts.failed + counts.timeout + counts.blocked;
    const table = {
      title: dryRun ? "Scripts (dry run: nothing ran, nothing was written)" : "Scripts",
      columns: ["Script", "Status", "Exit code", "Duration", "Note"],
      rows: rows.map((r) => [r.script, r.status, r.exitCode ?? "—", r.duration || "—", r.note || ""]),
      empty: "no scripts in the manifest",
    };
    const reportErrors = report.dryRun ? [] : report.reportErrors;
    const errorsTable = {
      title: "Not logged to Notion",
      columns: ["Script", "Why"],
      rows: reportErrors.map((e) => [e.script, e.message]),
      empty: "every run was logged",
    };
    return {
      exitCode: report.exitCode,
      tables: dryRun ? [table] : [table, errorsTable],
      result: {
        command: "run-scripts",
        dryRun,
        created: report.dryRun ? 0 : report.results.length - reportErrors.length,
        updated: 0,
        unchanged: counts.skipped,
        failed,
        requests: client?.metrics().requests ?? 0,
        ...(client ? { notion: client.metrics() } : {}),
        counts,
        scripts: rows,
        ...(report.dryRun ? { plan: report.plan } : { reportErrors }),
      },
    };
  },
};
