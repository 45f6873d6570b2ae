/**
 * The shipped bundle (packages/action/dist, as it is on disk: run `pnpm bundle` first to measure
 * fresh sources) and the CLI's start-up time: `node dist/cli.js --version`, median of several
 * runs with this process's Node (Node 24 under `pnpm`), after one warm-up run.
 */
import { spawnSync } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { fixed, int, ms } from "./format.js";
import type { Scenario, ScenarioReport } from "./scenario.js";

const DIST = join(dirname(fileURLToPath(import.meta.url)), "../../action/dist");
const RUNS = 11;
const STARTUP_GOAL_MS = 150;

const EXAMPLE_CONFIG = join(dirname(fileURLToPath(import.meta.url)), "../../../examples/notion-ops.yml");
const kib = (bytes: number) => `${int(bytes / 1024)} KiB`;

/** Wall time of `node ...args`, ms, for each of `runs` runs after one warm-up. */
function timeRuns(args: string[], runs: number): { times: number[]; output: string } {
  const once = () => {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { encoding: "utf8" });
    const elapsed = performance.now() - started;
    if (result.status !== 0) {
      throw new Error(
        `node ${args.join(" ")} exited ${result.status}: ${result.stderr.trim().split("\n")[0]}`,
      );
    }
    return { elapsed, output: result.stdout.trim() };
  };
  const { output } = once();
  const times = Array.from({ length: runs }, () => once().elapsed);
  return { times, output };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const bundle: Scenario = {
  name: "bundle",
  summary: "bundle sizes of packages/action/dist and the CLI's start-up time (~10 s)",
  async run(): Promise<ScenarioReport> {
    // The two entries, then the chunks they share (loaded only when a command needs them).
    const names = (await readdir(DIST, { recursive: true }))
      .filter((name) => name.endsWith(".js"))
      .sort((a, b) => Number(a.includes("/")) - Number(b.includes("/")) || a.localeCompare(b));
    const files = await Promise.all(
      names.map(async (name) => {
        const path = join(DIST, name);
        const [info, content] = await Promise.all([stat(path), readFile(path)]);
        return { name, bytes: info.size, gzip: gzipSync(content).length, modified: info.mtime };
      }),
    );
    const total = files.reduce((sum, f) => ({ bytes: sum.bytes + f.bytes, gzip: sum.gzip + f.gzip }), {
      bytes: 0,
      gzip: 0,
    });
    const cli = timeRuns([join(DIST, "cli.js"), "--version"], RUNS);
    const bare = timeRuns(["-e", "0"], RUNS);
    // A command that loads the CLI proper: checking the example configuration.
    const check = timeRuns([join(DIST, "cli.js"), "config", "check", "--config", EXAMPLE_CONFIG], RUNS);
    const startup = median(cli.times);
    const nodeAlone = median(bare.times);
    return {
      title: "Bundle and CLI start-up",
      setup:
        `The bundle as built in \`packages/action/dist/\` (newest file modified ` +
        `${files
          .map((f) => f.modified)
          .sort((a, b) => b.getTime() - a.getTime())[0]!
          .toISOString()
          .slice(0, 16)} UTC; ` +
        "`pnpm bundle` rebuilds it). Start-up is the wall time of `node packages/action/dist/cli.js --version` " +
        `(a new process each time, Node ${process.version}), median of ${RUNS} runs after a warm-up run; ` +
        "`node -e 0` alone is shown for comparison.",
      rows: [
        ...files.map((f): [string, string] => [`dist/${f.name}`, `${kib(f.bytes)} (${kib(f.gzip)} gzipped)`]),
        ["All of dist/", `${kib(total.bytes)} (${kib(total.gzip)} gzipped) in ${files.length} files`],
        [
          "CLI start-up (`--version`)",
          `${ms(startup, 0)} median (min ${ms(Math.min(...cli.times), 0)}, max ${ms(Math.max(...cli.times), 0)}); prints \`${cli.output}\``,
        ],
        ["Node alone (`node -e 0`)", `${ms(nodeAlone, 0)} median`],
        [
          "A command that loads the whole CLI (`config check` of examples/notion-ops.yml)",
          `${ms(median(check.times), 0)} median`,
        ],
        [
          "Start-up spent in the bundle",
          `${ms(startup - nodeAlone, 0)} (${fixed(startup / nodeAlone, 1)}× Node alone)`,
        ],
      ],
      goals: [
        {
          goal: `CLI start-up < ${STARTUP_GOAL_MS} ms`,
          measured: ms(startup, 0),
          met: startup < STARTUP_GOAL_MS,
        },
      ],
    };
  },
};
