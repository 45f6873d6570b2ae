import { silentLogger } from "../log/index.js";
import type { Logger } from "../log/logger.js";
import { formatDuration } from "./duration.js";
import { buildChildEnvironment } from "./environment.js";
import { classifyScriptFailure } from "./error-classifier.js";
import type { ForbiddenMatch } from "./forbidden-rules.js";
import type { ScriptManifest } from "./manifest.js";
import type { CapturedOutput } from "./output-capture.js";
import { forEachLimited } from "./parallel-limit.js";
import { hashFile } from "./policy.js";
import { runProcess } from "./process-runner.js";
import type { ScriptRunResult, ScriptRunStatus } from "./run-result.js";
import { type PlannedScript, planScripts } from "./script-plan.js";
import { DEFAULT_SCRIPTS_CONFIG, type ScriptsConfig } from "./scripts-config.js";
import {
  emptyCounts,
  SCRIPT_SUMMARY_COLUMNS,
  type ScriptRunsSummary,
  type ScriptSummaryRow,
  summarizeScriptRuns,
} from "./summary.js";

/**
 * Where earlier runs are remembered (Script Runs in Notion, so it survives fresh runners).
 * Returns the latest successful run of `scriptPath` with exactly this content hash, if any.
 */
export interface RunStateStore {
  lastSuccessfulRun(scriptPath: string, contentHash: string): Promise<{ started: Date } | undefined>;
}

export interface RunScriptsOptions {
  manifest: ScriptManifest;
  /** The `scripts:` config block (parsed); missing fields take their defaults. */
  config?: Partial<ScriptsConfig>;
  /** The repository root: paths are resolved against it and scripts run in it. */
  cwd: string;
  /** Validate and decide (reading run state), but spawn nothing and report nothing. */
  dryRun?: boolean;
  /** Without a store there is no cooldown: every allowed script runs. */
  store?: RunStateStore;
  /** Extra masking on top of the logger's registered secrets. */
  mask?: (text: string) => string;
  /** Receives progress lines; secrets the entries pass through `env` are registered with it. */
  logger?: Logger;
  onRunStarted?: (script: PlannedScript) => void | Promise<void>;
  /**
   * Called once per manifest entry with its result (every status, skipped and blocked included),
   * while the entry still holds its parallel slot. Not called in a dry run. A throw is logged,
   * listed in `reportErrors` and makes the exit code 1; the other scripts carry on.
   */
  onRunFinished?: (result: ScriptRunResult) => void | Promise<void>;
  now?: () => Date;
  /** The environment scripts pick their variables from (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** The Node binary for .js/.mjs scripts (default `process.execPath`). */
  execPath?: string;
  outputLimitBytes?: number;
  killGraceMs?: number;
}

/** A dry run's verdict for one entry. */
export interface ScriptDryRunItem {
  index: number;
  script: string;
  name: string;
  action: "run" | "skip" | "block";
  commandLine: string;
  timeoutSeconds: number;
  cooldownSeconds?: number;
  /** Names passed through from the environment. */
  env: string[];
  contentHash: string;
  blockedBy: ForbiddenMatch[];
  lastSuccessfulRun?: Date;
}

export interface ScriptReportError {
  script: string;
  message: string;
}

export type RunScriptsReport =
  | {
      dryRun: false;
      results: ScriptRunResult[];
      summary: ScriptRunsSummary;
      exitCode: 0 | 1;
      reportErrors: ScriptReportError[];
    }
  | { dryRun: true; plan: ScriptDryRunItem[]; summary: ScriptRunsSummary; exitCode: 0 | 1 };

type Decision =
  | { action: "run" }
  | { action: "block" }
  | { action: "skip"; lastSuccessfulRun: Date; eligibleAgain: Date };

/**
 * Validates the whole manifest (throws ConfigError before anything runs), then runs, skips or
 * blocks each entry, at most `maxParallel` at once. Exit code 1 when any script failed, timed
 * out or was blocked, or a result could not be reported.
 */
export async function runScripts(options: RunScriptsOptions): Promise<RunScriptsReport> {
  const config: ScriptsConfig = {
    allowedDirs: options.config?.allowedDirs ?? DEFAULT_SCRIPTS_CONFIG.allowedDirs,
    maxParallel: options.config?.maxParallel ?? DEFAULT_SCRIPTS_CONFIG.maxParallel,
    defaultTimeout: options.config?.defaultTimeout ?? DEFAULT_SCRIPTS_CONFIG.defaultTimeout,
  };
  const logger = options.logger ?? silentLogger();
  const extraMask = options.mask;
  const mask = (text: string) => (extraMask ? extraMask(logger.mask(text)) : logger.mask(text));
  const now = options.now ?? (() => new Date());
  const parentEnv = options.env ?? process.env;

  const plans = await planScripts(options.manifest, {
    config,
    cwd: options.cwd,
    ...(options.execPath ? { execPath: options.execPath } : {}),
  });

  const environments = plans.map((plan) => {
    const environment = buildChildEnvironment(parentEnv, plan.entry.env);
    for (const value of environment.secretValues) logger.addSecret(value);
    for (const name of environment.missing)
      logger.warn(`${plan.script}: env lists ${name}, which is not set`);
    return environment.env;
  });

  const decide = (plan: PlannedScript) => decideRun(plan, options.store, now, logger, mask);

  if (options.dryRun) {
    const items: ScriptDryRunItem[] = [];
    for (const plan of plans) items.push(dryRunItem(plan, await decide(plan)));
    for (const item of items) logger.info(mask(`${dryRunAction(item.action)}: ${item.commandLine}`));
    return {
      dryRun: true,
      plan: items,
      summary: summarizeDryRun(items),
      exitCode: items.some((item) => item.action === "block") ? 1 : 0,
    };
  }

  const results: ScriptRunResult[] = new Array(plans.length);
  const reportErrors: ScriptReportError[] = [];
  await forEachLimited(plans, config.maxParallel, async (plan, position) => {
    const decision = await decide(plan);
    let result: ScriptRunResult;
    if (decision.action === "block") {
      result = notRun(plan, "blocked", now());
      logger.error(
        mask(
          `${plan.name}: blocked by ${plan.blockedBy.map((m) => `${m.ruleId} (line ${m.line})`).join(", ")}`,
        ),
      );
    } else if (decision.action === "skip") {
      result = {
        ...notRun(plan, "skipped", now()),
        skipped: {
          lastSuccessfulRun: decision.lastSuccessfulRun,
          cooldownSeconds: plan.cooldownSeconds ?? 0,
          eligibleAgain: decision.eligibleAgain,
        },
      };
      logger.info(
        `${plan.name}: skipped (unchanged, last success ${decision.lastSuccessfulRun.toISOString()})`,
      );
    } else {
      try {
        await options.onRunStarted?.(plan);
      } catch (error) {
        logger.warn(
          mask(
            `${plan.name}: onRunStarted failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      }
      logger.info(mask(`▶ ${plan.name}: ${plan.commandLine}`));
      result = await execute(plan, environments[position]!, options, now, mask);
      await logFinished(result, logger);
    }
    results[position] = result;
    try {
      await options.onRunFinished?.(result);
    } catch (error) {
      const message = mask(error instanceof Error ? error.message : String(error));
      reportErrors.push({ script: plan.script, message });
      logger.error(`${plan.name}: could not report the run: ${message}`);
    }
  });

  const failed = results.some(
    (r) => r.status === "failed" || r.status === "timeout" || r.status === "blocked",
  );
  return {
    dryRun: false,
    results,
    summary: summarizeScriptRuns(results),
    exitCode: failed || reportErrors.length > 0 ? 1 : 0,
    reportErrors,
  };
}

async function decideRun(
  plan: PlannedScript,
  store: RunStateStore | undefined,
  now: () => Date,
  logger: Logger,
  mask: (text: string) => string,
): Promise<Decision> {
  if (plan.blockedBy.length > 0) return { action: "block" };
  if (!store || !plan.cooldownSeconds) return { action: "run" };
  let last: { started: Date } | undefined;
  try {
    last = await store.lastSuccessfulRun(plan.script, plan.contentHash);
  } catch (error) {
    const message = mask(error instanceof Error ? error.message : String(error));
    logger.warn(`${plan.name}: could not read its last run (${message}); running it regardless of cooldown`);
    return { action: "run" };
  }
  if (!last) return { action: "run" };
  const eligibleAgain = new Date(last.started.getTime() + plan.cooldownSeconds * 1000);
  return now().getTime() < eligibleAgain.getTime()
    ? { action: "skip", lastSuccessfulRun: last.started, eligibleAgain }
    : { action: "run" };
}

async function execute(
  plan: PlannedScript,
  env: Record<string, string>,
  options: RunScriptsOptions,
  now: () => Date,
  mask: (text: string) => string,
): Promise<ScriptRunResult> {
  const started = now();
  const currentHash = await hashFile(plan.realPath).catch(() => undefined);
  if (currentHash !== plan.contentHash) {
    const text = `notion-ops: ${plan.script} changed or disappeared after validation; it was not run.\n`;
    const output = { text, totalBytes: text.length, omittedBytes: 0 };
    const finished = now();
    return {
      ...base(plan, "failed", started, finished, output),
      failure: classifyScriptFailure({ timedOut: false, exitCode: null, output: "", script: plan.script }),
    };
  }

  const [command, ...args] = plan.argv;
  const run = await runProcess({
    command: command!,
    args,
    cwd: options.cwd,
    env,
    timeoutMs: plan.timeoutSeconds * 1000,
    mask,
    ...(options.killGraceMs === undefined ? {} : { killGraceMs: options.killGraceMs }),
    ...(options.outputLimitBytes === undefined ? {} : { outputLimitBytes: options.outputLimitBytes }),
  });
  const finished = now();
  const status: ScriptRunStatus = run.timedOut
    ? "timeout"
    : run.exitCode === 0 && !run.spawnError
      ? "success"
      : "failed";
  const result: ScriptRunResult = {
    ...base(plan, status, started, finished, run.output),
    exitCode: run.exitCode,
    signal: run.signal,
  };
  if (status !== "success") {
    result.failure = classifyScriptFailure({
      timedOut: run.timedOut,
      exitCode: run.spawnError?.code === "ENOENT" ? 127 : run.exitCode,
      output: run.output.text,
      script: plan.script,
      interpreter: plan.interpreter.name,
      timeoutSeconds: plan.timeoutSeconds,
    });
  }
  return result;
}

function base(
  plan: PlannedScript,
  status: ScriptRunStatus,
  started: Date,
  finished: Date,
  output: CapturedOutput,
): ScriptRunResult {
  return {
    index: plan.index,
    script: plan.script,
    name: plan.name,
    ...(plan.entry.trigger === undefined ? {} : { trigger: plan.entry.trigger }),
    status,
    exitCode: null,
    signal: null,
    started,
    finished,
    durationMs: Math.max(0, finished.getTime() - started.getTime()),
    contentHash: plan.contentHash,
    interpreter: plan.interpreter.name,
    commandLine: plan.commandLine,
    timeoutSeconds: plan.timeoutSeconds,
    ...(plan.cooldownSeconds === undefined ? {} : { cooldownSeconds: plan.cooldownSeconds }),
    output,
    blockedBy: status === "blocked" ? plan.blockedBy : [],
  };
}

function notRun(plan: PlannedScript, status: "blocked" | "skipped", at: Date): ScriptRunResult {
  return base(plan, status, at, at, { text: "", totalBytes: 0, omittedBytes: 0 });
}

async function logFinished(result: ScriptRunResult, logger: Logger): Promise<void> {
  const facts = `exit ${result.exitCode ?? result.signal ?? "none"}, ${formatDuration(result.durationMs)}`;
  if (result.status === "success") {
    logger.info(`✓ ${result.name}: success (${facts})`);
    return;
  }
  logger.error(`✗ ${result.name}: ${result.status} (${facts}; ${result.failure?.label ?? "unknown"})`);
  if (result.output.text) {
    await logger.group(`Output of ${result.name}`, async () => logger.info(result.output.text));
  }
}

function dryRunItem(plan: PlannedScript, decision: Decision): ScriptDryRunItem {
  return {
    index: plan.index,
    script: plan.script,
    name: plan.name,
    action: decision.action,
    commandLine: plan.commandLine,
    timeoutSeconds: plan.timeoutSeconds,
    ...(plan.cooldownSeconds === undefined ? {} : { cooldownSeconds: plan.cooldownSeconds }),
    env: plan.entry.env,
    contentHash: plan.contentHash,
    blockedBy: plan.blockedBy,
    ...(decision.action === "skip" ? { lastSuccessfulRun: decision.lastSuccessfulRun } : {}),
  };
}

function dryRunAction(action: ScriptDryRunItem["action"]): ScriptSummaryRow["status"] {
  return action === "run" ? "would run" : action === "skip" ? "would skip" : "would block";
}

function summarizeDryRun(items: readonly ScriptDryRunItem[]): ScriptRunsSummary {
  const rows = items.map(
    (item): ScriptSummaryRow => ({
      script: item.name,
      status: dryRunAction(item.action),
      exitCode: null,
      durationMs: null,
      duration: "",
      note:
        item.action === "block"
          ? item.blockedBy.map((m) => `${m.ruleId} (line ${m.line})`).join(", ")
          : item.lastSuccessfulRun
            ? `unchanged; last success ${item.lastSuccessfulRun.toISOString()}`
            : "",
    }),
  );
  return { columns: SCRIPT_SUMMARY_COLUMNS, rows, counts: emptyCounts() };
}
