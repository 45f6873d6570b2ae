/**
 * `pnpm bench`: runs the benchmark scenarios in order, prints a table per scenario and rewrites
 * each one's section of docs/BENCHMARKS.md (others are left as they are).
 *
 *   pnpm bench                                   every scenario (~20 min)
 *   pnpm bench -- --only steady-state,bundle     a subset (also BENCH_ONLY=steady-state,bundle)
 *   pnpm bench -- --list                         the scenarios
 *   pnpm bench -- --no-record                    print only, leave docs/BENCHMARKS.md alone
 *
 * Exits 1 when a scenario misses a goal (after recording what it measured) or cannot be measured,
 * 2 for an unknown scenario name.
 */
import { recordSections } from "./benchmarks-doc.js";
import { bundle } from "./bundle-scenario.js";
import { machineDescription } from "./machine.js";
import { notionClient } from "./notion-client-scenario.js";
import { scale } from "./scale-scenario.js";
import { passed, printReport, reportSection, type Scenario, type ScenarioReport } from "./scenario.js";
import { changedSites, firstSync, steadyState } from "./sync-scenarios.js";

const BENCHMARKS: Scenario[] = [notionClient, firstSync, steadyState, changedSites, scale, bundle];

function selected(argv: readonly string[]): Scenario[] {
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--only") names.push(...(argv[++i] ?? "").split(","));
    else if (arg.startsWith("--only=")) names.push(...arg.slice("--only=".length).split(","));
  }
  if (names.length === 0 && process.env.BENCH_ONLY) names.push(...process.env.BENCH_ONLY.split(","));
  const wanted = names.map((n) => n.trim()).filter(Boolean);
  if (wanted.length === 0) return BENCHMARKS;
  const unknown = wanted.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) {
    throw new Error(
      `unknown benchmark ${unknown.join(", ")} (known: ${BENCHMARKS.map((b) => b.name).join(", ")})`,
    );
  }
  return BENCHMARKS.filter((b) => wanted.includes(b.name));
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes("--list")) {
    for (const b of BENCHMARKS) process.stdout.write(`${b.name.padEnd(16)} ${b.summary}\n`);
    return 0;
  }
  let benchmarks: Scenario[];
  try {
    benchmarks = selected(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
  const record = !argv.includes("--no-record");
  const failed: string[] = [];
  process.stdout.write(`Benchmarks on ${machineDescription()}\n`);
  for (const benchmark of benchmarks) {
    process.stderr.write(`\n▶ ${benchmark.name}: ${benchmark.summary}\n`);
    let report: ScenarioReport;
    try {
      report = await benchmark.run();
    } catch (error) {
      // A broken scenario is reported and the others still run; its section is left as it was.
      process.stdout.write(`\n${benchmark.name} could not be measured: ${(error as Error).stack ?? error}\n`);
      failed.push(`${benchmark.name} (error)`);
      continue;
    }
    printReport(report);
    if (!passed(report)) failed.push(benchmark.name);
    if (record) {
      const file = await recordSections([reportSection(report)]);
      process.stdout.write(`\nRecorded in ${file}\n`);
    }
  }
  if (failed.length > 0) process.stdout.write(`\nGoals missed in: ${failed.join(", ")}\n`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
