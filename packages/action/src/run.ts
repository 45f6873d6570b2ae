import { isAbsolute, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  type Clock,
  ConfigError,
  createActionsSink,
  createCliSink,
  createLogger,
  type ExitCode,
  type Logger,
  loadConfig,
  NotionOpsError,
  UsageError,
} from "@notion-ops/core";
import packageJson from "../package.json" with { type: "json" };
import type { Command, CommandContext } from "./command.js";
import { COMMANDS } from "./commands/index.js";
import { GLOBAL_OPTIONS, probeArguments } from "./global-options.js";
import { createPluginRegistry, type PluginRegistry } from "./plugin-registry.js";
import { writeActionOutputs } from "./report/action-outputs.js";
import { renderTextTable } from "./report/text-table.js";

export const VERSION: string = packageJson.version;

export interface RunEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** "actions" writes workflow commands (groups, annotations, masks) instead of plain lines. */
  mode?: "cli" | "actions";
  registry?: PluginRegistry;
  commands?: readonly Command[];
  /** The Notion client's clock (pacing, Retry-After, backoff); tests pass a virtual one. */
  clock?: Clock;
}

/** Runs one `notion-ops` invocation and returns its exit code (0 ok, 1 failures, 2 bad usage/config). */
export async function run(argv: readonly string[], environment: RunEnvironment): Promise<ExitCode> {
  const commands = environment.commands ?? COMMANDS;
  const probe = probeArguments(argv);
  const verbose = probe.values.verbose === true;
  const json = probe.values.json === true;
  const logger = createLogger(
    environment.mode === "actions"
      ? createActionsSink()
      : createCliSink({ verbose, stream: environment.stderr }),
  );
  let registry: PluginRegistry;
  try {
    registry = environment.registry ?? createPluginRegistry();
  } catch (error) {
    logger.error(`notion-ops is broken: ${(error as Error).message}`);
    return 1;
  }
  registerSecrets(logger, environment.env, registry);

  if (probe.values.version) {
    environment.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = findCommand(commands, probe.positionals);
  if (!command || probe.values.help) {
    const text = command ? commandHelp(command) : generalHelp(commands);
    if (!command && probe.positionals.length > 0 && !probe.values.help) {
      logger.error(`unknown command "${probe.positionals.join(" ")}"; run notion-ops --help`);
      environment.stderr.write(text);
      return 2;
    }
    environment.stdout.write(text);
    return 0;
  }

  try {
    const parsed = parseArgs({
      args: [...argv],
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    const configPath = resolvePath(
      environment.cwd,
      (parsed.values.config as string | undefined) ?? "notion-ops.yml",
    );
    const context: CommandContext = {
      values: parsed.values as CommandContext["values"],
      positionals: parsed.positionals.slice(command.name.length),
      configPath,
      json,
      verbose,
      env: environment.env,
      cwd: environment.cwd,
      logger,
      registry,
      ...(environment.clock ? { clock: environment.clock } : {}),
      loadConfig: () =>
        loadConfig(configPath, {
          sourceSchemas: registry.sourceSchemas(),
          displayName: displayPath(environment.cwd, configPath),
        }),
    };
    const outcome = await command.run(context);
    const result = { ok: outcome.exitCode === 0, ...outcome.result };
    const tables = outcome.tables ?? [];
    if (environment.mode === "actions") {
      await writeActionOutputs({ title: `notion-ops ${command.name.join(" ")}`, result, tables, logger });
    }
    for (const table of tables) logger.info(renderTextTable(table));
    if (json) environment.stdout.write(`${logger.mask(JSON.stringify(result))}\n`);
    return outcome.exitCode;
  } catch (error) {
    return await reportFailure(error, { logger, json, stdout: environment.stdout, mode: environment.mode });
  }
}

async function reportFailure(
  error: unknown,
  io: { logger: Logger; json: boolean; stdout: RunEnvironment["stdout"]; mode: RunEnvironment["mode"] },
): Promise<ExitCode> {
  let failure: NotionOpsError;
  if (NotionOpsError.is(error)) failure = error;
  else if (isParseArgsError(error))
    failure = new UsageError(`${(error as Error).message}; run notion-ops --help`);
  else
    failure = new NotionOpsError("internal", `unexpected error: ${(error as Error)?.stack ?? String(error)}`);

  if (ConfigError.is(failure)) {
    for (const issue of failure.issues) {
      const where = issue.path ? `${issue.path}: ` : "";
      io.logger.error(`${where}${issue.message}`, {
        file: issue.file,
        ...(issue.line === undefined ? {} : { line: issue.line }),
        ...(issue.column === undefined ? {} : { column: issue.column }),
        title: "notion-ops configuration",
      });
    }
  } else {
    io.logger.error(failure.message);
  }
  const payload = {
    ok: false,
    error: { ...failure.toJSON(), ...(ConfigError.is(failure) ? { issues: failure.issues } : {}) },
  };
  if (io.json) io.stdout.write(`${io.logger.mask(JSON.stringify(payload))}\n`);
  if (io.mode === "actions") {
    await writeActionOutputs({
      title: "notion-ops failed",
      result: payload,
      tables: [
        ConfigError.is(failure)
          ? {
              title: "Configuration problems (nothing was written)",
              columns: ["Where", "Key", "Problem"],
              rows: failure.issues.map((i) => [
                i.line === undefined ? i.file : `${i.file}:${i.line}:${i.column ?? 1}`,
                i.path || "—",
                i.message,
              ]),
            }
          : { title: "Error", columns: ["Code", "Message"], rows: [[failure.code, failure.message]] },
      ],
      logger: io.logger,
    });
  }
  return failure.exitCode;
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? "";
  return code.startsWith("ERR_PARSE_ARGS");
}

/** Credentials the runner or the workflow hands every step, whichever command runs. */
const PLATFORM_SECRETS = ["GITHUB_TOKEN", "ACTIONS_ID_TOKEN_REQUEST_TOKEN", "ACTIONS_RUNTIME_TOKEN"] as const;

function registerSecrets(logger: Logger, env: RunEnvironment["env"], registry: PluginRegistry): void {
  logger.addSecret(env.NOTION_TOKEN);
  for (const name of PLATFORM_SECRETS) logger.addSecret(env[name]);
  for (const plugin of registry.plugins)
    for (const name of plugin.credentials.secret) logger.addSecret(env[name]);
}

function findCommand(commands: readonly Command[], positionals: readonly string[]): Command | undefined {
  return [...commands]
    .sort((a, b) => b.name.length - a.name.length)
    .find((command) => command.name.every((word, i) => positionals[i] === word));
}

/** Paths inside the working directory are shown relative to it (as annotations need them). */
function displayPath(cwd: string, path: string): string {
  const inside = relative(cwd, path);
  return inside && !inside.startsWith("..") && !isAbsolute(inside) ? inside : path;
}

function resolvePath(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}

function generalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.join(" ").length));
  return [
    `notion-ops ${VERSION}: keeps a Notion workspace true to UniFi, NinjaOne and Azure.`,
    "",
    "Usage: notion-ops <command> [options]",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.join(" ").padEnd(width)}  ${c.summary}`),
    "",
    "Global options:",
    "  --config <file>  configuration file (default notion-ops.yml)",
    "  --json           print the result as JSON on stdout",
    "  --verbose        show debug lines",
    "  -h, --help       show help (also: notion-ops <command> --help)",
    "  -V, --version    print the version",
    "",
    "Exit codes: 0 success, 1 finished with failures, 2 bad usage or invalid configuration.",
    "",
  ].join("\n");
}

function commandHelp(command: Command): string {
  return [`Usage: ${command.usage}`, "", command.summary, ""].join("\n");
}
