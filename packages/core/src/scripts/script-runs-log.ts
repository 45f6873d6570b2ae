import type { BlockObjectRequest } from "@notionhq/client";
import type { Logger } from "../log/logger.js";
import type { NotionClient } from "../notion/client.js";
import { decodeRecord, encodeRecord, type RecordSchema, type WritablePropertyType } from "../notion/codec.js";
import { DATABASES } from "../schema/databases.js";
import { buildHandoff } from "./handoff.js";
import { chunkHandoffBlocks, handoffToNotionBlocks } from "./handoff-blocks.js";
import { needsHandoff, type ScriptRunResult } from "./run-result.js";
import type { RunStateStore } from "./run-scripts.js";

const SCRIPT_RUNS = DATABASES.scriptRuns;
const schema: RecordSchema = Object.fromEntries(
  SCRIPT_RUNS.properties.map((p) => [p.name, p.type as WritablePropertyType]),
);

/** The GitHub run a script ran in, if any: decides Run Key, Trigger and Workflow Run. */
export interface RunOrigin {
  runId?: string;
  attempt?: string;
  /** The job and step (`GITHUB_JOB`, `GITHUB_ACTION`): one workflow run may run scripts in several steps. */
  step?: string;
  event?: string;
  url?: string;
}

export function runOriginFromEnv(env: Readonly<Record<string, string | undefined>>): RunOrigin {
  const { GITHUB_RUN_ID: runId, GITHUB_RUN_ATTEMPT: attempt, GITHUB_EVENT_NAME: event } = env;
  const url =
    env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && runId
      ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${runId}`
      : undefined;
  const step = [env.GITHUB_JOB, env.GITHUB_ACTION].filter(Boolean).join("/");
  return {
    ...(runId ? { runId } : {}),
    ...(attempt ? { attempt } : {}),
    ...(step ? { step } : {}),
    ...(event ? { event } : {}),

    ...(url ? { url } : {}),
  };
}

/**
 * A Script Runs record's key: the workflow run, attempt, step and manifest entry, plus the start
 * time (every run of a script is its own event, even twice in one step). The keyed create then
 * guarantees that a write retried after an ambiguous failure never logs one run twice.
 */
export function runKey(result: ScriptRunResult, origin: RunOrigin): string {
  const run = origin.runId
    ? `${origin.runId}.${origin.attempt ?? "1"}${origin.step ? `/${origin.step}` : ""}`
    : "local";
  return `${run}#${result.index}:${result.script}@${result.started.toISOString()}`;
}

/** Cooldown state read back from Script Runs, so it survives fresh runners (one query per script). */
export function scriptRunsStore(client: NotionClient, dataSourceId: string): RunStateStore {
  return {
    async lastSuccessfulRun(script, contentHash) {
      const response = await client.dataSources.query(
        {
          data_source_id: dataSourceId,
          page_size: 1,
          filter: {
            and: [
              { property: "Script", rich_text: { equals: script } },
              { property: "Content Hash", rich_text: { equals: contentHash } },
              { property: "Status", select: { equals: "success" } },
            ],
          },
          sorts: [{ property: "Started", direction: "descending" }],
        },
        { label: SCRIPT_RUNS.title },
      );
      const page = response.results[0];
      if (!page || !("properties" in page)) return undefined;
      const started = decodeRecord(page.properties).Started;
      return typeof started === "string" ? { started: new Date(started) } : undefined;
    },
  };
}

/** Writes each finished run as a Script Runs page; a failed run's body is its handoff. */
export function scriptRunWriter(options: {
  client: NotionClient;
  dataSourceId: string;
  origin: RunOrigin;
  logger: Logger;
}): (result: ScriptRunResult) => Promise<void> {
  const { client, origin, logger } = options;
  return async (result) => {
    const key = runKey(result, origin);
    const { properties } = encodeRecord(schema, {
      Run: `${result.name} · ${result.started.toISOString().slice(0, 16).replace("T", " ")} UTC`,
      "Run Key": key,
      Script: result.script,
      Status: result.status,
      "Exit Code": result.exitCode,
      Duration: Math.round(result.durationMs / 100) / 10,
      Started: result.started.toISOString(),
      Trigger: result.trigger ?? origin.event ?? "manual",
      "Workflow Run": origin.url ?? null,
      "Content Hash": result.contentHash,
    });
    const batches = needsHandoff(result)
      ? chunkHandoffBlocks(handoffToNotionBlocks(buildHandoff(result, { mask: logger.mask })))
      : [];
    const [first, ...rest] = batches;
    const { value: page } = await client.createPageKeyed({
      dataSourceId: options.dataSourceId,
      keyProperty: "Run Key",
      keyValue: key,
      keyType: "rich_text",
      label: SCRIPT_RUNS.title,
      body: { properties, ...(first ? { children: first as BlockObjectRequest[] } : {}) },
    });
    for (const batch of rest) {
      await client.blocks.children.append(
        { block_id: page.id, children: batch as BlockObjectRequest[] },
        { label: SCRIPT_RUNS.title },
      );
    }
  };
}
