import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeRecord, type PlainValue } from "@notion-ops/core";
import { type NotionEmulator, startNotionEmulator } from "@notion-ops/notion-emulator";
import { createPluginRegistry } from "../../src/plugin-registry.js";
import { run } from "../../src/run.js";

// biome-ignore lint/suspicious/noExplicitAny: --json output is read field by field in tests.
export type Json = Record<string, any>;

export interface CliWorkspace {
  emulator: NotionEmulator;
  dir: string;
  parentPageId: string;
  /** Runs the CLI in-process with the emulator's token and URL (plus `env`). */
  cli(
    args: string[],
    env?: Record<string, string>,
  ): Promise<{ code: number; stdout: string; stderr: string; json?: Json }>;
  /** Records of a database by its config key, decoded, with their page id. */
  records(databaseId: string): (Record<string, PlainValue> & { id: string })[];
  /** Writes (creates, updates, appends) the emulator received after `mark`. */
  writesSince(mark: number): { endpoint: string; path: string }[];
  mark(): number;
}

/** Runs the CLI in-process against `emulator` in `cwd`, with no data-source plugins. */
export async function runCli(
  emulator: NotionEmulator,
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string; json?: Json }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(args, {
    env: {
      NOTION_TOKEN: emulator.token,
      NOTION_BASE_URL: emulator.url,
      NOTION_OPS_RATE_LIMIT: "1000",
      ...env,
    },
    cwd,
    stdout: { write: (c: string) => stdout.push(c) },
    stderr: { write: (c: string) => stderr.push(c) },
    registry: createPluginRegistry([]),
  });
  const out = stdout.join("");
  return { code, stdout: out, stderr: stderr.join(""), ...(out ? { json: JSON.parse(out) as Json } : {}) };
}

/** An emulator with a shared parent page, a temp repo folder holding `config`, and the CLI pointed at both. */
export async function startCliWorkspace(config: string): Promise<CliWorkspace> {
  const emulator = await startNotionEmulator({ rateLimit: 0, seed: 7 });
  const parentPageId = emulator.createParentPage("Operations");
  const dir = await mkdtemp(join(tmpdir(), "notion-ops-cli-"));
  await writeFile(join(dir, "notion-ops.yml"), config);
  const cli: CliWorkspace["cli"] = (args, env = {}) => runCli(emulator, dir, args, env);
  return {
    emulator,
    dir,
    parentPageId,
    cli,
    records: (dataSourceId) =>
      emulator.pages(dataSourceId).map((page) => ({
        id: page.id,
        ...decodeRecord(page.properties as Record<string, unknown>),
      })),
    writesSince: (mark) =>
      emulator
        .requestLog()
        .filter((e) => e.seq > mark && e.method !== "GET" && !/\/(search|query)$/.test(e.path))
        .map((e) => ({ endpoint: e.endpoint, path: e.path })),
    mark: () => emulator.requestLog().at(-1)?.seq ?? 0,
  };
}
