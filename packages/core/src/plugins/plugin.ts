import type { z } from "zod";
import type { Logger } from "../log/logger.js";
import type { Observations } from "./observations.js";

/** What a plugin is given for one run. Everything with a side effect is passed in. */
export interface PluginContext<TConfig> {
  /** The validated `sources.<name>` block of notion-ops.yml. */
  config: TConfig;
  /** Environment/inputs holding credentials and base URLs (never the config file). */
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  now?: () => Date;
  /** Injected pause (tests make it instant); defaults to a real timer. */
  sleep?: (ms: number) => Promise<void>;
}

export interface CheckResult {
  ok: boolean;
  /** One line per thing checked: "API key accepted", "API key rejected (401): create one at …". */
  messages: string[];
}

export interface CredentialSpec {
  /** Environment variable names the plugin reads. */
  env: readonly string[];
  /** Of those, the ones that must be set for the plugin to run at all. */
  required: readonly string[];
  /** Of those, the ones that are secret and must be masked everywhere. */
  secret: readonly string[];
}

/** The one interface every data source implements; plugins are plain objects of this type. */
export interface DataSourcePlugin<TConfig = unknown> {
  /** Matches the key under `sources:` in notion-ops.yml and the prefix of device keys. */
  name: string;
  displayName: string;
  /** zod schema of the `sources.<name>` block (strict: unknown keys are errors). */
  configSchema: z.ZodType<TConfig>;
  credentials: CredentialSpec;
  /** Auth and reachability, with one clear message per failure. Never throws for expected failures. */
  check(context: PluginContext<TConfig>): Promise<CheckResult>;
  /** Collects observations; malformed vendor records become `errors`, they never throw. */
  collect(context: PluginContext<TConfig>): Promise<Observations>;
}
