import type { Clock, NotionMetrics } from "@notion-ops/core";
import { type FaultOptions, type NotionEmulator, startNotionEmulator } from "@notion-ops/notion-emulator";
import { type CycleEnvironment, type CycleResult, runCycle } from "./cycle.js";
import { type WorkspaceState, workspaceState } from "./notion-state.js";
import { createRepository, removeRepository, type Sources } from "./repository.js";
import { startVendors, type VendorFaults, type Vendors } from "./vendors.js";

export interface CaseOptions {
  /** Notion faults for the whole cycle (the emulator's fault injection). */
  notion?: FaultOptions;
  vendors?: VendorFaults;
  sources?: Sources;
  /** Extra environment for every command (e.g. a shorter request timeout). */
  env?: Record<string, string>;
  /** A virtual clock shared by the emulator and the client (Retry-After longer than a test should wait). */
  clock?: Clock & { now(): number };
}

export interface CaseRun {
  emulator: NotionEmulator;
  vendors: Vendors;
  dir: string;
  parentPageId: string;
  cycle: CycleResult;
  state: WorkspaceState;
  /** The Notion client metrics of the four commands, added up. */
  metrics: Pick<
    NotionMetrics,
    | "requests"
    | "retries"
    | "rateLimited"
    | "overloaded"
    | "ambiguousFailures"
    | "recoveredCreates"
    | "retryAfterWaitMs"
  >;
  close(): Promise<void>;
}

/**
 * One case: a fresh emulator (faults on from the first request), fresh vendor stand-ins and a
 * fresh repository, then the whole day-one cycle. The caller compares `state` with the
 * fault-free run's and reads the commands' `--json` results.
 */
export async function runCase(options: CaseOptions = {}): Promise<CaseRun> {
  const emulator = await startNotionEmulator({
    rateLimit: 0,
    seed: 11,
    ...(options.notion ? { faults: options.notion } : {}),
    ...(options.clock ? { now: () => options.clock!.now() } : {}),
  });
  const vendors = await startVendors(options.vendors);
  const dir = await createRepository(options.sources);
  const close = async () => {
    await vendors.close();
    await emulator.stop();
    await removeRepository(dir);
  };
  try {
    const parentPageId = emulator.createParentPage("Operations");
    const environment = {
      emulator,
      dir,
      registry: vendors.registry,
      env: { ...vendors.env, ...options.env },
      ...(options.clock ? { clock: options.clock } : {}),
    };
    const cycle = await runCycle(environment, parentPageId);
    emulator.setFaults(undefined);
    return {
      emulator,
      vendors,
      dir,
      parentPageId,
      cycle,
      state: workspaceState(emulator),
      metrics: totals(Object.values(cycle).map((run) => run.json.notion as NotionMetrics | undefined)),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function totals(all: (NotionMetrics | undefined)[]): CaseRun["metrics"] {
  const sum = (pick: (m: NotionMetrics) => number) => all.reduce((s, m) => s + (m ? pick(m) : 0), 0);
  return {
    requests: sum((m) => m.requests),
    retries: sum((m) => m.retries),
    rateLimited: sum((m) => m.rateLimited),
    overloaded: sum((m) => m.overloaded),
    ambiguousFailures: sum((m) => m.ambiguousFailures),
    recoveredCreates: sum((m) => m.recoveredCreates),
    retryAfterWaitMs: sum((m) => m.retryAfterWaitMs),
  };
}

/** The environment to run more commands against a case's workspace, faults off. */
export function environmentOf(run: CaseRun): CycleEnvironment {
  return { emulator: run.emulator, dir: run.dir, registry: run.vendors.registry, env: run.vendors.env };
}

/** Exit code and `failed` count of each command: what a workflow run shows for the cycle. */
export function outcomes(cycle: CycleResult): Record<string, { code: number; failed: unknown }> {
  return Object.fromEntries(
    Object.entries(cycle).map(([name, run]) => [name, { code: run.code, failed: run.json.failed }]),
  );
}

/**
 * A clock for the client and the emulator together: `sleep` returns at once and moves time on, so
 * a 90-second Retry-After costs nothing while both sides still see it pass.
 */
export function virtualClock(): Clock & { now(): number; skippedMs(): number } {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    sleep: async (ms) => {
      offset += Math.max(0, ms);
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    skippedMs: () => offset,
  };
}
