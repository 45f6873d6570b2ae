import { isAbsolute, relative, resolve } from "node:path";
import { loadConfig, UsageError, utcDate } from "@notion-ops/core";
import type { EmulatorStats } from "@notion-ops/notion-emulator";
import type { Command, CommandContext, CommandResult } from "../command.js";
import { setupCommand } from "../commands/setup.js";
import { syncCommand } from "../commands/sync.js";
import type { Table } from "../report/text-table.js";
import { prepareDemoFolder } from "./demo-folder.js";
import { DEMO_CREDENTIALS, type DemoStack, startDemoStack } from "./demo-stack.js";
import { generateEstate } from "./estate.js";
import { type EstateTotals, estateTotals } from "./estate-totals.js";

export const DEFAULT_DEMO_DIR = ".notion-ops-demo";
/** Fast enough to finish in seconds, slow enough that the throttle shows. */
export const DEFAULT_DEMO_RATE_LIMIT = 30;
/** Requests that write Notion records (pages and their bodies), as the emulator names them. */
const RECORD_WRITE_ENDPOINTS = [
  "POST /v1/pages",
  "PATCH /v1/pages/:page_id",
  "PATCH /v1/blocks/:block_id/children",
  "DELETE /v1/blocks/:block_id",
];

export const demoCommand: Command = {
  name: ["demo"],
  usage: "notion-ops demo [--dir <folder>] [--rate-limit <requests/s>]",
  summary:
    "run setup and sync against a local Notion emulator and fake UniFi, NinjaOne and Azure APIs with a sample estate (no token, no network)",
  options: {
    dir: { type: "string" },
    "rate-limit": { type: "string" },
  },
  async run(context) {
    const dir = resolve(context.cwd, stringOption(context, "dir") ?? DEFAULT_DEMO_DIR);
    const rateLimit = parseRateLimit(stringOption(context, "rate-limit"));
    const shown = displayPath(context.cwd, dir);
    const { logger } = context;
    for (const secret of Object.values(DEMO_CREDENTIALS)) logger.addSecret(secret);

    const now = new Date();
    const today = utcDate(now);
    const estate = generateEstate({ day: now });
    const totals = estateTotals(estate);
    const display = (path: string) => displayPath(context.cwd, path);
    const { configFile, stateFile, firstRun } = await prepareDemoFolder({
      dir,
      estate,
      logger,
      display,
      reset: `rm -rf ${shellQuote(shown)}`,
    });
    logger.info(describeEstate(totals));

    const stack = await startDemoStack({ estate, stateFile, rateLimit });
    let setup: CommandResult;
    let sync: CommandResult;
    let stats: EmulatorStats;
    try {
      logger.info(
        `Notion emulator at ${stack.emulator.url} (${firstRun ? "new workspace" : `workspace from ${display(stateFile)}`}), ` +
          `emulated Notion at ${rateLimit} req/s; the real API allows 3.`,
      );
      logger.info(
        `Fake vendor APIs: UniFi Site Manager ${stack.unifi.url}, NinjaOne ${stack.ninjaone.url}, Azure Resource Manager ${stack.azure.url}.`,
      );
      const sub = subContext(context, stack, dir, configFile);
      setup = await logger.group("Setup", () => setupCommand.run(sub({ "parent-page": stack.parentPageId })));
      logger.info(setupLine(setup.result));
      sync = await logger.group("Sync", () => syncCommand.run(sub({ date: today })));
      stats = stack.emulator.stats();
      const internal = stack.emulator.internalErrors();
      for (const error of internal)
        logger.warn(`Notion emulator internal error at ${error.endpoint}: ${error.message}`);
    } finally {
      await stack.stop();
    }

    const recordWrites = successes(stats, RECORD_WRITE_ENDPOINTS);
    const syncResult = sync.result as Record<string, unknown>;
    const number = (value: unknown) => (typeof value === "number" ? value : 0);
    const exitCode = Math.max(setup.exitCode, sync.exitCode) as 0 | 1 | 2;
    return {
      exitCode,
      result: {
        command: "demo",
        dir,
        config: configFile,
        firstRun,
        date: today,
        created: number(syncResult.created),
        updated: number(syncResult.updated),
        unchanged: number(syncResult.unchanged),
        failed: number(syncResult.failed) + number(setup.result.failed),
        requests: number(setup.result.requests) + number(syncResult.requests),
        rateLimit,
        estate: totals,
        emulator: {
          requests: stats.total,
          recordWrites,
          rateLimited: stats.rateLimited,
          averageRate: Math.round(stats.averageRate * 10) / 10,
        },
        setup: setup.result,
        sync: syncResult,
      },
      tables: [
        ...(sync.tables ?? []),
        {
          title: "Demo",
          columns: ["What", "Details"],
          rows: [
            ["State", `${shown}/ (the emulated Notion workspace, notion-ops.yml and runbooks)`],
            [
              "Notion",
              `${stats.total} requests at up to ${rateLimit}/s (the real API allows 3), ${recordWrites} record writes`,
            ],
            [
              "Run again",
              "a second demo the same (UTC) day finds everything up to date and writes no records",
            ],
            ["Reset", `rm -rf ${shellQuote(shown)}`],
          ],
        } satisfies Table,
      ],
    };
  },
};

/**
 * A context for one inner command: the demo folder as the repository (its notion-ops.yml and
 * runbooks), the fakes' environment and the demo's plugins.
 */
function subContext(context: CommandContext, stack: DemoStack, dir: string, configFile: string) {
  const displayName = displayPath(context.cwd, configFile);
  return (values: CommandContext["values"]): CommandContext => ({
    ...context,
    values,
    positionals: [],
    cwd: dir,
    configPath: configFile,
    env: stack.env,
    registry: stack.registry,
    loadConfig: () => loadConfig(configFile, { sourceSchemas: stack.registry.sourceSchemas(), displayName }),
  });
}

function describeEstate(totals: EstateTotals): string {
  return (
    `Sample estate: ${totals.listedSites} customer sites in notion-ops.yml; UniFi reports ${totals.unifiSites} sites, ` +
    `NinjaOne ${totals.ninjaoneOrganizations} organizations, Azure ${totals.azureSubscriptions} subscriptions ` +
    `(${totals.devices} devices, ${totals.azureResources} Azure resources); ${totals.unhealthySites} sites have problems, ` +
    `${totals.discoveredSites} source sites match no configured site and ${totals.unreportedSites} configured site no source reports.`
  );
}

function setupLine(result: Record<string, unknown>): string {
  const databases = (result.databases ?? []) as { status: string }[];
  const count = (status: string) => databases.filter((d) => d.status === status).length;
  const created = count("created") + count("recreated");
  return created > 0
    ? `Setup created ${created} databases (${count("found")} found) under the demo page.`
    : `Setup found all ${count("found")} databases from the previous run.`;
}

function successes(stats: EmulatorStats, endpoints: readonly string[]): number {
  return endpoints.reduce((sum, endpoint) => {
    const byStatus = stats.byEndpoint[endpoint]?.byStatus ?? {};
    return sum + Object.entries(byStatus).reduce((n, [status, c]) => n + (status.startsWith("2") ? c : 0), 0);
  }, 0);
}

function stringOption(context: CommandContext, name: string): string | undefined {
  const value = context.values[name];
  return typeof value === "string" ? value : undefined;
}

function parseRateLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DEMO_RATE_LIMIT;
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new UsageError(`--rate-limit must be a number of requests per second above 0, got "${value}"`);
  }
  return rate;
}

function displayPath(cwd: string, path: string): string {
  const inside = relative(cwd, path);
  return inside && !inside.startsWith("..") && !isAbsolute(inside) ? inside : path;
}

function shellQuote(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`;
}
