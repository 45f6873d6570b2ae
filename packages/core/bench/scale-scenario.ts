/**
 * The sync's own cost at scale: the emulator's limit off and the client at 10,000 req/s, so time
 * goes to the engine and the emulator rather than to waiting. Each size runs in fresh processes
 * (emulator and client apart), so the client's peak RSS (VmHWM) and CPU are its own.
 *
 * Sizes: BENCH_SCALE_SITES (comma-separated site counts, default 1000,10000), 10 devices per site.
 */
import { SYNC_HEAP } from "../src/sync/sync-heap.js";
import { buildEstate, type EstateSize } from "./estate.js";
import { byKind, fixed, int, mb, ms, seconds } from "./format.js";
import type { ProcessUsage } from "./process-usage.js";
import type { Goal, Scenario, ScenarioReport } from "./scenario.js";
import { type MeasuredSync, openWorkbench } from "./sync-workbench.js";

const DEVICES_PER_SITE = 10;
const CLIENT_RATE = 10_000;
/** The emulator's clock runs this much faster than real time (see the setup text). */
const CLOCK_SPEED = 600;
const RSS_GOAL_MB = 300;
const CPU_GOAL_MS = 1;

interface Point {
  size: EstateSize;
  devices: number;
  first: MeasuredSync;
  again: MeasuredSync;
  /** At the largest size only: the same two syncs with V8's default heap in the worker. */
  defaultHeap?: { first: MeasuredSync; again: MeasuredSync };
  /** matchSites alone for this estate, ms. */
  matchingMs: number;
  emulator: ProcessUsage;
  duplicates: number;
  rows: number;
}

function sizes(): EstateSize[] {
  const raw = process.env.BENCH_SCALE_SITES?.trim();
  const sites = raw ? raw.split(",").map((s) => Number(s.trim())) : [1000, 10_000];
  if (sites.some((n) => !Number.isInteger(n) || n < 2 || n % 2 !== 0)) {
    throw new Error(`BENCH_SCALE_SITES must list even site counts ≥ 2, got "${raw}"`);
  }
  return sites.sort((a, b) => a - b).map((n) => ({ sites: n, devicesPerSite: DEVICES_PER_SITE }));
}

async function measurePoint(size: EstateSize): Promise<Point> {
  process.stderr.write(
    `  scale: ${int(size.sites)} sites, ${int(size.sites * size.devicesPerSite)} devices\n`,
  );
  const bench = await openWorkbench({
    size,
    populate: false,
    emulator: { clockSpeed: CLOCK_SPEED, requestLogLimit: 1000 },
  });
  try {
    const first = await bench.measureSync({ rateLimit: CLIENT_RATE });
    const again = await bench.measureSync({ rateLimit: CLIENT_RATE });
    const matchingMs = await bench.matchingMs();
    const [emulator, keys, internal] = await Promise.all([
      bench.emulator.call("usage"),
      bench.keys(),
      bench.emulator.call("internalErrors"),
    ]);
    if (internal.length > 0) throw new Error(`the emulator failed internally: ${internal[0]?.message}`);
    for (const m of [first, again]) {
      if (m.failed > 0) throw new Error(`${m.failed} records failed: ${m.failures.join("; ")}`);
    }
    return {
      size,
      devices: size.sites * size.devicesPerSite,
      first,
      again,
      matchingMs,
      emulator,
      duplicates: keys.reduce((s, k) => s + k.summary.duplicates + k.summary.blank, 0),
      rows: keys.reduce((s, k) => s + k.summary.rows, 0),
    };
  } finally {
    await bench.close();
  }
}

/** The same first sync and re-sync with V8's default heap in the worker, in a workspace of their own. */
async function measureWithDefaultHeap(size: EstateSize): Promise<Point["defaultHeap"]> {
  process.stderr.write(`  scale: ${int(size.sites)} sites again, with V8's default heap\n`);
  const bench = await openWorkbench({
    size,
    populate: false,
    emulator: { clockSpeed: CLOCK_SPEED, requestLogLimit: 1000 },
  });
  try {
    const first = await bench.measureSync({ rateLimit: CLIENT_RATE, defaultHeap: true });
    const again = await bench.measureSync({ rateLimit: CLIENT_RATE, defaultHeap: true });
    return { first, again };
  } finally {
    await bench.close();
  }
}

const perRecord = (m: MeasuredSync) => m.cpuMs / m.records;
const memory = (m: MeasuredSync) => `${mb(m.after.peakRssMb)} (heap ${mb(m.liveHeapPeakMb)})`;
const peak = (p: Point) => Math.max(p.first.after.peakRssMb, p.again.after.peakRssMb);

export const scale: Scenario = {
  name: "scale",
  summary:
    "1,000 and 10,000 sites (10 devices each), limits off: client peak RSS and CPU per record (~10 min)",
  async run(): Promise<ScenarioReport> {
    const points: Point[] = [];
    for (const size of sizes()) points.push(await measurePoint(size));
    const top = points.at(-1)!;
    top.defaultHeap = await measureWithDefaultHeap(top.size);
    const expectedRows = (p: Point) => 2 * p.size.sites + p.devices;
    const growth = points.map((p) => [
      int(p.size.sites),
      int(p.devices),
      int(p.first.records),
      `${seconds(p.first.wallMs)}, ${int(p.first.requests)} req`,
      ms(perRecord(p.first)),
      memory(p.first),
      `${seconds(p.again.wallMs)}, ${int(p.again.requests)} req`,
      ms(perRecord(p.again)),
      memory(p.again),
      seconds(p.matchingMs),
    ]);
    const goals: Goal[] = [
      {
        goal: `Client peak RSS < ${RSS_GOAL_MB} MB at ${int(top.size.sites)} sites / ${int(top.devices)} devices`,
        measured: `${mb(top.first.after.peakRssMb)} first sync, ${mb(top.again.after.peakRssMb)} re-sync`,
        met: peak(top) < RSS_GOAL_MB,
      },
      {
        goal: `Client CPU per record < ${CPU_GOAL_MS} ms (first sync and re-sync)`,
        measured: `${ms(perRecord(top.first))} / ${ms(perRecord(top.again))}`,
        met: perRecord(top.first) < CPU_GOAL_MS && perRecord(top.again) < CPU_GOAL_MS,
      },
      {
        goal: "0 duplicates, every record present",
        measured: points
          .map((p) => `${p.duplicates} dup., ${int(p.rows)}/${int(expectedRows(p))} rows`)
          .join("; "),
        met: points.every((p) => p.duplicates === 0 && p.rows === expectedRows(p)),
      },
    ];
    const low = points[0]!;
    if (points.length > 1) {
      const first = perRecord(top.first) / perRecord(low.first);
      const again = perRecord(top.again) / perRecord(low.again);
      const withoutMatching = (p: Point, m: MeasuredSync) => (m.cpuMs - p.matchingMs) / m.records;
      goals.push({
        goal: "Cost grows linearly (CPU per record at the largest size ≤ 1.5 × the smallest)",
        measured:
          `${fixed(first, 2)}× first sync, ${fixed(again, 2)}× re-sync (without matchSites: ` +
          `${fixed(withoutMatching(top, top.first) / withoutMatching(low, low.first), 2)}×, ` +
          `${fixed(withoutMatching(top, top.again) / withoutMatching(low, low.again), 2)}×)`,
        met: first <= 1.5 && again <= 1.5,
      });
    }
    const estate = buildEstate(top.size);
    return {
      title: "Sync: scale (limits off)",
      setup:
        `Per size, a fresh emulator process (rate limit off); setup in one client process, then a measured first ` +
        `sync into empty databases and a measured re-sync of the same data (nothing to write), each in a fresh ` +
        `client process running \`runSync\` with the client at ${int(CLIENT_RATE)} req/s. The client process runs ` +
        "the code bundled by esbuild, and runs the sync in a worker thread with the sync heap " +
        `(young generation ${SYNC_HEAP.youngGenerationMb} MB, heap growing ${SYNC_HEAP.heapGrowingPercent}%), as ` +
        "the CLI and the Action do (`startSyncWorker`); the worker reads notion-ops.yml. Configured " +
        `sites with ${DEVICES_PER_SITE - 1} or ${DEVICES_PER_SITE + 1} devices each, from a plain plugin object. ` +
        "CPU is `process.cpuUsage()` of the client process (both threads) while the worker runs; peak RSS is that " +
        "process's VmHWM " +
        `(/proc/self/status); the emulator's CPU and memory are not in these figures. The emulator's clock runs ` +
        `${CLOCK_SPEED}× real time so that rows created this fast spread over created_time minutes as they would ` +
        "at Notion's pace (its 10,000-row query cap is crossed by created_time windows, which need distinct minutes).",
      rows: [
        [
          "Estate (largest)",
          `${int(top.size.sites)} sites, ${int(estate.devices.length)} devices, ${int(top.first.records)} records`,
        ],
        [
          "First sync",
          `${int(top.first.requests)} requests (${byKind(top.first.byKind)}; ${top.first.retries} retries) in ` +
            `${seconds(top.first.wallMs)}; client CPU ${seconds(top.first.cpuMs)} ` +
            `= ${ms(perRecord(top.first))} per record; peak RSS ${mb(top.first.after.peakRssMb)}, heap in use after ` +
            `major GCs at most ${mb(top.first.liveHeapPeakMb)}`,
        ],
        [
          "Re-sync (nothing changed)",
          `${int(top.again.requests)} requests (${byKind(top.again.byKind)}; ${top.again.retries} retries) in ` +
            `${seconds(top.again.wallMs)}; client CPU ${seconds(top.again.cpuMs)} ` +
            `= ${ms(perRecord(top.again))} per record; peak RSS ${mb(top.again.after.peakRssMb)}, heap in use after ` +
            `major GCs at most ${mb(top.again.liveHeapPeakMb)}; ` +
            `${top.again.created + top.again.updated} writes`,
        ],
        ...(top.defaultHeap
          ? [
              [
                "The same syncs with V8's default heap in the worker",
                `first sync peak RSS ${mb(top.defaultHeap.first.after.peakRssMb)}, ` +
                  `${ms(perRecord(top.defaultHeap.first))} CPU per record; re-sync peak RSS ` +
                  `${mb(top.defaultHeap.again.after.peakRssMb)}, ${ms(perRecord(top.defaultHeap.again))} CPU per ` +
                  "record (the sync heap's settings are what the CLI and the Action use)",
              ] as [string, string],
            ]
          : []),
        [
          "Client process before the sync",
          `RSS ${mb(top.first.loaded.rssMb)} with its main thread ready (it loads only what starts the sync ` +
            "worker; the worker loads the sync code)",
        ],
        [
          "Of the client CPU: matching sites to the config",
          `${seconds(top.matchingMs)} per sync (\`matchSites\` alone, timed separately)`,
        ],
        [
          "Emulator process (not the client)",
          `CPU ${seconds(top.emulator.cpuMs)}, peak RSS ${mb(top.emulator.peakRssMb)}`,
        ],
      ],
      tables: [
        {
          caption:
            "Growth with size (each sync in a fresh client process; memory: peak RSS, and in brackets the most " +
            "heap in use right after a major GC, i.e. what the sync really held):",
          header: [
            "Sites",
            "Devices",
            "Records",
            "First sync",
            "CPU/record",
            "Peak RSS",
            "Re-sync",
            "CPU/record",
            "Peak RSS",
            "matchSites",
          ],
          rows: growth,
        },
      ],
      goals,
      notes: scaleNotes(top, low),
    };
  },
};

/** What the figures say, from the figures (each sentence only where the numbers show it). */
function scaleNotes(top: Point, low: Point): string[] {
  const notes: string[] = [];
  const worst = top.first.after.peakRssMb >= top.again.after.peakRssMb ? top.first : top.again;
  notes.push(
    `Memory: at ${int(top.size.sites)} sites the client's RSS peaked at ${mb(worst.after.peakRssMb)}, while the ` +
      `heap it held (measured right after major GCs) peaked at ${mb(worst.liveHeapPeakMb)}. The rest is the ` +
      `process before the sync (${mb(worst.loaded.rssMb)}: Node and the main thread), the pages of the node ` +
      `executable it ran (${mb(worst.after.executableRssMb)} resident by the end), the sync worker's isolate, ` +
      "the young generation, the old space's room to grow between full collections, and memory allocated " +
      "outside the heap (socket buffers, compiler zones). What the sync holds is mostly the sources' " +
      "observations (every device a plugin returns, as the plugin interface hands them over, let go once " +
      "their plan is written) and, in a first sync, the list of records to create; existing records are " +
      "compared as they are read and not kept, and records to write are built from the observations when " +
      "written.",
  );
  if (top !== low && top.matchingMs / top.again.cpuMs > 0.2) {
    notes.push(
      `CPU: \`matchSites\` (joining source sites to configured sites) took ${seconds(top.matchingMs)} at ` +
        `${int(top.size.sites)} configured sites against ${seconds(low.matchingMs)} at ${int(low.size.sites)}: ` +
        `it tests every source site against every configured site's mapping, so it grows with the square of ` +
        `the site count; that is ${Math.round((100 * top.matchingMs) / top.again.cpuMs)}% of the re-sync's CPU ` +
        "at the largest size. Indexing the configured mappings by source and id would make it linear.",
    );
  }
  notes.push(
    `Time: the emulator used ${seconds(top.emulator.cpuMs)} of CPU at ${int(top.size.sites)} sites, the client ` +
      `${seconds(top.first.cpuMs + top.again.cpuMs)}. ` +
      "It serves the pages of a paginated read from one filtered and sorted result until something is " +
      "written. At Notion's " +
      `3 requests/s the first sync's ${int(top.first.requests)} requests alone would take ` +
      `${fixed(top.first.requests / 3 / 3600, 1)} h.`,
  );
  return notes;
}
