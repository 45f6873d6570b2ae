/**
 * Benchmark: the throttled client against the emulator enforcing Notion's 3 requests/s.
 * 300 sequential keyed creates, then 30 paginated query requests (10 full reads of the 300 rows,
 * 100 per page). Reports achieved requests/s, 429s, retries and client CPU per request; checks
 * that no create was lost or duplicated. Run by bench/run.ts (`pnpm bench -- --only notion-client`);
 * takes about two minutes.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createNotionClient, formatNotionMetrics } from "../src/notion/index.js";
import { forkRpc } from "./child-rpc.js";
import type { EmulatorApi } from "./emulator-process.js";
import type { Scenario, ScenarioReport } from "./scenario.js";
import type { EmulatorReady } from "./sync-workbench.js";

const RATE = 3;
const CREATES = 300;
const READS = 10; // each read of 300 rows at 100 per page is 3 query requests
const GOAL = 2.85;
const KEY = "Snapshot Key";
const here = dirname(fileURLToPath(import.meta.url));

const text = (content: string) => [{ type: "text" as const, text: { content } }];

async function measure(): Promise<ScenarioReport> {
  const emulator = await forkRpc<EmulatorApi, EmulatorReady>(join(here, "emulator-process.ts"), [
    JSON.stringify({ rateLimit: RATE, seed: 42 }),
  ]);
  try {
    const { ready } = emulator;
    const client = createNotionClient({ token: ready.token, baseUrl: ready.url, rateLimit: RATE });

    const db = await client.databases.create({
      parent: { type: "page_id", page_id: ready.parentPageId },
      title: text("Daily Health (benchmark)"),
      initial_data_source: { properties: { Snapshot: { title: {} }, [KEY]: { rich_text: {} } } },
    });
    const dataSourceId = (db as { data_sources: Array<{ id: string }> }).data_sources[0]!.id;

    const before = client.metrics();
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();

    for (let i = 0; i < CREATES; i += 1) {
      const key = `SITE-${String(i).padStart(3, "0")}@2026-09-01`;
      await client.createPageKeyed({
        dataSourceId,
        keyProperty: KEY,
        keyValue: key,
        keyType: "rich_text",
        body: {
          properties: {
            Snapshot: { title: text(`Site ${i} · 2026-09-01`) },
            [KEY]: { rich_text: text(key) },
          },
        },
      });
      if ((i + 1) % 50 === 0) process.stderr.write(`  ${i + 1}/${CREATES} creates\n`);
    }
    const readSizes: number[] = [];
    for (let r = 0; r < READS; r += 1) {
      const ids = new Set<string>();
      let rows = 0;
      for await (const page of client.queryAll(dataSourceId, { page_size: 100 })) {
        ids.add(page.id);
        rows += 1;
      }
      if (ids.size !== rows) throw new Error(`read ${r}: ${rows} rows but ${ids.size} distinct`);
      readSizes.push(rows);
    }

    const elapsedMs = performance.now() - startedAt;
    const cpu = process.cpuUsage(cpuBefore);
    const after = client.metrics();
    const stats = await emulator.call("stats");
    const keys = await emulator.call("keySummary", { dataSourceId, keyProperty: KEY });
    process.stderr.write(`  ${formatNotionMetrics(after)}\n`);

    const requests = after.requests - before.requests;
    const achieved = requests / (elapsedMs / 1000);
    const cpuPerRequestMs = (cpu.user + cpu.system) / 1000 / requests;
    const lost = CREATES - keys.distinct;
    const queries = (after.byKind["dataSources.query"] ?? 0) - (before.byKind["dataSources.query"] ?? 0);

    return {
      title: "Notion client",
      setup:
        `\`pnpm bench\` in packages/core: ${CREATES} sequential keyed creates, then ${READS} full reads of the ` +
        `rows at 100 per page, against the emulator enforcing ${RATE} requests/s (bucket of ${2 * RATE}); ` +
        "client at its defaults (3 req/s, burst 2). The achieved rate can sit a hair above 3.0 because the " +
        "client's bucket starts with its burst of 2; CPU is the benchmark process only (the emulator runs in a " +
        "child process).",
      rows: [
        ["Requests measured", `${requests} (${CREATES} creates, ${queries} query pages)`],
        ["Wall time", `${(elapsedMs / 1000).toFixed(1)} s`],
        [
          "Achieved rate",
          `${achieved.toFixed(3)} req/s against the ${RATE.toFixed(1)} limit (goal ≥ ${GOAL})`,
        ],
        [
          "Emulator view",
          `average ${stats.averageRate.toFixed(3)} req/s, at most ${stats.maxRequestsInAnySecond} in any 1 s window`,
        ],
        ["429s received", String(after.rateLimited - before.rateLimited)],
        ["Retries", String(after.retries - before.retries)],
        [
          "Client CPU per request",
          `${cpuPerRequestMs.toFixed(3)} ms (process.cpuUsage, emulator in another process)`,
        ],
        [
          "Lost / duplicated creates",
          `${lost} / ${keys.duplicates} (${keys.rows} pages stored for ${CREATES} keys)`,
        ],
      ],
      goals: [
        {
          goal: `Achieved rate ≥ ${GOAL} req/s`,
          measured: `${achieved.toFixed(3)} req/s`,
          met: achieved >= GOAL,
        },
        {
          goal: "No create lost or duplicated; every read complete",
          measured: `${lost} lost, ${keys.duplicates} duplicated; reads of ${[...new Set(readSizes)].join("/")} rows`,
          met: lost === 0 && keys.duplicates === 0 && readSizes.every((n) => n === CREATES),
        },
      ],
    };
  } finally {
    await emulator.stop();
  }
}

export const notionClient: Scenario = {
  name: "notion-client",
  summary: "the throttled client alone: 300 creates + 30 query pages at 3 req/s (~2 min)",
  run: measure,
};
