import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type FaultOptions,
  type NotionEmulator,
  type RequestLogEntry,
  startNotionEmulator,
} from "@notion-ops/notion-emulator";
import { run } from "../../../src/run.js";
import { SECRETS } from "./secrets.js";

// biome-ignore lint/suspicious/noExplicitAny: --json output is read field by field.
export type Json = Record<string, any>;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json: Json | undefined;
}

/** Everything vendors need to be reached (their secrets come from SECRETS). */
export const VENDOR_ENV = {
  UNIFI_API_KEY: SECRETS.UNIFI_API_KEY,
  NINJAONE_CLIENT_ID: "hostile-suite-client-id",
  NINJAONE_CLIENT_SECRET: SECRETS.NINJAONE_CLIENT_SECRET,
  AZURE_TENANT_ID: "0d7c2a5e-5f0b-4a57-9b1f-3f1a6b2c9d11",
  AZURE_CLIENT_ID: "6a3f0c2e-1b7d-4e8a-9c55-2f4e8d1b0a77",
  AZURE_CLIENT_SECRET: SECRETS.AZURE_CLIENT_SECRET,
} as const;

/** One notion-ops invocation through the same run() the CLI binary calls, output captured. */
export async function runCli(
  argv: string[],
  options: { cwd: string; env: Record<string, string | undefined> },
): Promise<CliResult> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(argv, {
    env: options.env,
    cwd: options.cwd,
    stdout: { write: (c: string) => stdout.push(c) },
    stderr: { write: (c: string) => stderr.push(c) },
  });
  const out = stdout.join("");
  let json: Json | undefined;
  try {
    json = out.trim() ? (JSON.parse(out) as Json) : undefined;
  } catch {
    json = undefined;
  }
  return { code, stdout: out, stderr: stderr.join(""), json };
}

export interface Workspace {
  emulator: NotionEmulator;
  dir: string;
  configFile: string;
  /** The database ids setup wrote, by config key. */
  databases: Record<string, { databaseId: string; dataSourceId: string }>;
  /** The `notion:` block setup wrote (YAML text), to build other configs around. */
  notionBlock: string;
  env: Record<string, string | undefined>;
  cli(argv: string[], env?: Record<string, string | undefined>): Promise<CliResult>;
  writeConfig(rest: string): Promise<void>;
  /** Sequence number of the last request the emulator saw. */
  mark(): number;
  requestsSince(mark: number): RequestLogEntry[];
  stop(): Promise<void>;
}

/**
 * The emulator (token = SECRETS.NOTION_TOKEN, no rate limit) with the seven databases made by a
 * real `notion-ops setup`, in a fresh directory whose notion-ops.yml holds their ids.
 */
export async function startWorkspace(
  options: { faults?: FaultOptions; seed?: number } = {},
): Promise<Workspace> {
  const emulator = await startNotionEmulator({
    rateLimit: 0,
    seed: options.seed ?? 12,
    token: SECRETS.NOTION_TOKEN,
    ...(options.faults ? { faults: options.faults } : {}),
  });
  const parent = emulator.createParentPage("Operations");
  const dir = await mkdtemp(join(tmpdir(), "notion-ops-hostile-"));
  const configFile = join(dir, "notion-ops.yml");
  const env: Record<string, string | undefined> = {
    NOTION_TOKEN: SECRETS.NOTION_TOKEN,
    NOTION_BASE_URL: emulator.url,
    NOTION_OPS_RATE_LIMIT: "1000",
    ...VENDOR_ENV,
  };
  const cli = (argv: string[], extra: Record<string, string | undefined> = {}) =>
    runCli(argv, { cwd: dir, env: { ...env, ...extra } });

  await writeFile(configFile, "notion:\n  databases: {}\n");
  const setup = await cli(["setup", "--parent-page", parent, "--json"]);
  if (setup.code !== 0) throw new Error(`setup failed (${setup.code}): ${setup.stderr}`);
  const text = await readFile(configFile, "utf8");
  const notionBlock = text.slice(text.indexOf("notion:"));
  const databases = Object.fromEntries(
    ((setup.json?.databases ?? []) as { key: string; databaseId: string; dataSourceId: string }[]).map(
      (d) => [d.key, { databaseId: d.databaseId, dataSourceId: d.dataSourceId }],
    ),
  );
  const mark = () => emulator.requestLog().at(-1)?.seq ?? 0;
  return {
    emulator,
    dir,
    configFile,
    databases,
    notionBlock,
    env,
    cli,
    writeConfig: (rest) => writeFile(configFile, `${notionBlock.trimEnd()}\n${rest}`),
    mark,
    requestsSince: (since) => emulator.requestLog().filter((e) => e.seq > since),
    stop: () => emulator.stop(),
  };
}

/** Every page of every database with its body, as stored: what a Notion reader would see. */
export function storedRecords(ws: Workspace): { key: string; properties: unknown; body: unknown[] }[] {
  return Object.entries(ws.databases).flatMap(([key, ref]) =>
    ws.emulator.pages(ref.dataSourceId, { includeTrashed: true }).map((page) => ({
      key,
      properties: page.properties,
      body: ws.emulator.blockChildren(page.id),
    })),
  );
}

/** Requests Notion answered with a 400 (the emulator's validation refusals). */
export function refusedRequests(entries: readonly RequestLogEntry[]): RequestLogEntry[] {
  return entries.filter((e) => e.status === 400);
}
