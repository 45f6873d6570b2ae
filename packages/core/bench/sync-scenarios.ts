/**
 * The sync at Notion's real pace: 98 sites with ~6 devices each (588 devices), the client at its
 * default 3 requests/s against the emulator enforcing 3 requests/s (a bucket of 6).
 *   first-sync     empty databases → every record created
 *   steady-state   the same data again → nothing to write
 *   changed-sites  1% of the sites changed → only those records written
 */
import type { EmulatorStats } from "@notion-ops/notion-emulator";
import type { RequestTimeline } from "./emulator-process.js";
import { buildEstate, type EstateSize } from "./estate.js";
import { byKind, fixed, int, mb, ms, relative, seconds } from "./format.js";
import { describeFloor, type RequestFloor, requestFloor } from "./request-floor.js";
import type { Goal, Scenario, ScenarioReport } from "./scenario.js";
import { type MeasuredSync, openWorkbench, type SyncWorkbench, startMeasuring } from "./sync-workbench.js";

const SIZE: EstateSize = { sites: 98, devicesPerSite: 6 };
const LIMIT = 3;
const BUCKET = 2 * LIMIT;
const RATE_GOAL = 2.85;
/** What the scripts notion-ops replaces needed per run for 98 sites (2 requests per site), from issue 9. */
const OLD_SCRIPTS = { requests: 2 * SIZE.sites, seconds: 69 };

const SETUP =
  `A plain plugin object at the plugin boundary supplies a deterministic estate: ${SIZE.sites} configured ` +
  `sites with ${SIZE.devicesPerSite - 1} or ${SIZE.devicesPerSite + 1} devices each ` +
  `(${buildEstate(SIZE).devices.length} devices); \`runSync\` writes Customer Sites, Daily Health and ` +
  `Network Devices through the real client (default settings: ${LIMIT} req/s, burst 2) to the emulator ` +
  `enforcing Notion's ${LIMIT} req/s (token bucket of ${BUCKET}), each in its own process. ` +
  "The workspace is set up beforehand with the emulator's limit off; only the sync is measured.";

interface Measured {
  m: MeasuredSync;
  floor: RequestFloor;
  stats: EmulatorStats;
  timeline: RequestTimeline;
  keys: Awaited<ReturnType<SyncWorkbench["keys"]>>;
}

async function measure(
  options: { populate: boolean; changeOnePercent?: boolean },
  floorOf: (m: MeasuredSync) => { creates: number; updates: number },
): Promise<Measured> {
  const bench = await openWorkbench({ size: SIZE, populate: options.populate });
  try {
    await startMeasuring(bench, LIMIT);
    const reads = await bench.reads();
    const m = await bench.measureSync({ changeOnePercent: options.changeOnePercent === true });
    const [stats, timeline, keys, internal] = await Promise.all([
      bench.emulator.call("stats"),
      bench.emulator.call("timeline"),
      bench.keys(),
      bench.emulator.call("internalErrors"),
    ]);
    if (internal.length > 0) throw new Error(`the emulator failed internally: ${internal[0]?.message}`);
    if (m.failed > 0) throw new Error(`${m.failed} records failed: ${m.failures.join("; ")}`);
    const floor = requestFloor({ ...floorOf(m), reads, freshness: 2 });
    return { m, floor, stats, timeline, keys };
  } finally {
    await bench.close();
  }
}

const recordWrites = (stats: EmulatorStats) =>
  Object.entries(stats.byEndpoint)
    .filter(([endpoint]) => endpoint === "POST /v1/pages" || endpoint.startsWith("PATCH /v1/pages/"))
    .reduce((sum, [, e]) => sum + e.total, 0);

const writePhaseRate = (t: RequestTimeline) =>
  t.writePhase.spanMs > 0 ? (t.writePhase.requests - 1) / (t.writePhase.spanMs / 1000) : 0;

function commonRows({ m, floor, stats, keys }: Measured): [string, string][] {
  return [
    ["Requests", `${int(m.requests)} (floor ${int(floor.total)}, ${relative(m.requests, floor.total)})`],
    ["Request floor", describeFloor(floor)],
    ["Requests by kind", byKind(m.byKind)],
    ["Wall time (runSync)", seconds(m.wallMs)],
    ["Achieved rate, client view", `${fixed(m.requests / (m.wallMs / 1000))} req/s (requests / wall time)`],
    ["Most requests in any 1 s window", `${stats.maxRequestsInAnySecond} (emulator's bucket: ${BUCKET})`],
    ["429s", `${m.rateLimited} seen by the client, ${stats.rateLimited} sent by the emulator`],
    ["Retries", String(m.retries)],
    [
      "Records in Notion",
      keys
        .map((k) => `${k.title} ${int(k.summary.rows)} (${k.summary.duplicates} duplicate keys)`)
        .join(", "),
    ],
    ["Client CPU per record", `${ms(m.cpuMs / m.records)} (${int(m.records)} records, ${int(m.cpuMs)} ms)`],
    [
      "Client peak RSS",
      `${mb(m.after.peakRssMb)} (VmHWM of the client process; ${mb(m.loaded.rssMb)} after loading)`,
    ],
  ];
}

const duplicates = (keys: Measured["keys"]) =>
  keys.reduce((s, k) => s + k.summary.duplicates + k.summary.blank, 0);

export const firstSync: Scenario = {
  name: "first-sync",
  summary: `${SIZE.sites} sites, ~${SIZE.sites * SIZE.devicesPerSite} devices into empty databases at 3 req/s (~5 min)`,
  async run(): Promise<ScenarioReport> {
    const estate = buildEstate(SIZE);
    const expected = { creates: 2 * estate.sites.length + estate.devices.length, updates: 0 };
    const measured = await measure({ populate: false }, () => expected);
    const { m, floor, stats, timeline, keys } = measured;
    const rate = writePhaseRate(timeline);
    const rows = commonRows(measured);
    rows.splice(5, 0, [
      "Achieved rate, emulator view",
      `${fixed(rate, 3)} req/s during the write phase (${int(timeline.writePhase.requests)} requests in ` +
        `${seconds(timeline.writePhase.spanMs)}) against the ${fixed(LIMIT, 1)} limit`,
    ]);
    const present = keys.every(
      (k) =>
        k.summary.distinct === (k.title === "Network Devices" ? estate.devices.length : estate.sites.length),
    );
    const goals: Goal[] = [
      {
        goal: `Requests within 2% of the floor (≤ ${int(Math.floor(floor.total * 1.02))})`,
        measured: `${int(m.requests)} (${relative(m.requests, floor.total)})`,
        met: m.requests <= floor.total * 1.02,
      },
      {
        goal: `Achieved rate ≥ ${RATE_GOAL} req/s (emulator, write phase)`,
        measured: `${fixed(rate, 3)} req/s`,
        met: rate >= RATE_GOAL,
      },
      {
        goal: `At most ${BUCKET} requests in any 1 s window`,
        measured: String(stats.maxRequestsInAnySecond),
        met: stats.maxRequestsInAnySecond <= BUCKET,
      },
      {
        goal: "0 duplicates, every record present",
        measured: `${duplicates(keys)} duplicates; ${present ? "all" : "NOT all"} ${int(expected.creates)} records present`,
        met: duplicates(keys) === 0 && present,
      },
      { goal: "0 × 429 (ideally)", measured: String(stats.rateLimited), met: stats.rateLimited === 0 },
    ];
    const extraQueries = (m.byKind["dataSources.query"] ?? 0) - floor.queryPages;
    const busy = m.cpuMs / m.wallMs;
    return {
      title: "Sync: first sync",
      setup: `${SETUP} The databases start empty, so every record is created.`,
      rows,
      goals,
      notes: [
        ...(extraQueries > 0
          ? [
              `Above the floor: ${extraQueries} query pages. After its creates, the sync reads back the pages ` +
                "created since it started (one more paginated query per database it created in), to find and " +
                "resolve duplicates an overlapping run may have created (`sync/duplicate-resolution.ts`).",
            ]
          : []),
        `At 3 req/s the client is busy ${fixed(100 * busy, 1)}% of the wall time; its CPU per record here is ` +
          "mostly fixed and idle-time cost (module compilation, V8's idle garbage collections, code that a few " +
          "hundred calls never get optimized). The engine's cost per record at full speed is in the scale section.",
      ],
    };
  },
};

export const steadyState: Scenario = {
  name: "steady-state",
  summary: `the same ${SIZE.sites} sites synced again: nothing to write (~10 s)`,
  async run(): Promise<ScenarioReport> {
    const measured = await measure({ populate: true }, () => ({ creates: 0, updates: 0 }));
    const { m, floor, stats } = measured;
    const writes = recordWrites(stats);
    const rows = commonRows(measured);
    rows.splice(1, 0, ["Record writes", `${writes} (created ${m.created}, updated ${m.updated})`]);
    rows.push([
      "The scripts notion-ops replaces",
      `${OLD_SCRIPTS.requests} requests (2 per site) and ~${OLD_SCRIPTS.seconds} s per run, changed or not; ` +
        `notion-ops: ${m.requests} requests in ${seconds(m.wallMs)} ` +
        `(${fixed(OLD_SCRIPTS.requests / m.requests, 1)}× fewer requests, ` +
        `${fixed(OLD_SCRIPTS.seconds / (m.wallMs / 1000), 0)}× faster)`,
    ]);
    return {
      title: "Sync: steady state (nothing changed)",
      setup:
        `${SETUP} The databases already hold this data (an earlier unmeasured sync of the same day), ` +
        "so the measured run reads each database once and writes only the freshness line.",
      rows,
      goals: [
        { goal: "≤ 12 requests in total", measured: String(m.requests), met: m.requests <= 12 },
        {
          goal: "0 record writes",
          measured: String(writes),
          met: writes === 0 && m.created + m.updated === 0,
        },
        { goal: "Under 5 s", measured: seconds(m.wallMs), met: m.wallMs < 5000 },
        {
          goal: "At the floor (reads + freshness line)",
          measured: `${m.requests} vs ${floor.total}`,
          met: m.requests <= floor.total,
        },
      ],
      notes: [
        "The freshness line is 2 requests: a read and an update of the Customer Sites description " +
          "(the description's other lines are kept, so it is read before it is rewritten). " +
          `The figures for the old scripts (${OLD_SCRIPTS.requests} requests, ~${OLD_SCRIPTS.seconds} s for ` +
          `${SIZE.sites} sites) are from issue 9, not re-measured here. A run on a new day also creates one Daily ` +
          `Health snapshot per site (${SIZE.sites} creates): that is the day's history, not churn.`,
      ],
    };
  },
};

export const changedSites: Scenario = {
  name: "changed-sites",
  summary: `1% of ${SIZE.sites} sites changed: the floor plus the changed records (~10 s)`,
  async run(): Promise<ScenarioReport> {
    const measured = await measure({ populate: true, changeOnePercent: true }, (m) => ({
      creates: 0,
      updates: m.changedRecords ?? 0,
    }));
    const { m, floor, stats } = measured;
    const writes = recordWrites(stats);
    const rows = commonRows(measured);
    rows.splice(1, 0, [
      "Record writes",
      `${writes} (${m.plans.map((p) => `${p.title}: ${p.updates} updated`).join(", ")})`,
    ]);
    return {
      title: "Sync: 1% of sites changed",
      setup:
        `${SETUP} The databases already hold the data; then in 1% of the sites (⌈${SIZE.sites} / 100⌉ = ` +
        `${Math.ceil(SIZE.sites / 100)} site) one online device goes offline, which changes that device's Status ` +
        "and Last Seen and the site's Devices Online (and so its health): " +
        `${m.changedRecords} records to write.`,
      rows,
      goals: [
        {
          goal: `Requests = floor + changed records (${floor.total})`,
          measured: String(m.requests),
          met: m.requests <= floor.total,
        },
        {
          goal: `Only the changed records written (${m.changedRecords})`,
          measured: String(writes),
          met: writes === m.changedRecords && m.updated === m.changedRecords && m.created === 0,
        },
      ],
    };
  },
};
