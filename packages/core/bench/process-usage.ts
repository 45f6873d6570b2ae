import { readFileSync } from "node:fs";
import { constants, type PerformanceEntry, PerformanceObserver } from "node:perf_hooks";

export interface ProcessUsage {
  /** CPU time (user + system) since the process started, ms. */
  cpuMs: number;
  rssMb: number;
  /** Peak resident set size of the process so far (VmHWM from /proc/self/status). */
  peakRssMb: number;
  /** Of the RSS now: pages of the node executable itself (its code and built-in data), from /proc/self/smaps. */
  executableRssMb: number;
}

export function processUsage(): ProcessUsage {
  const cpu = process.cpuUsage();
  let hwm: string | undefined;
  try {
    hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
  } catch {
    hwm = undefined; // not Linux
  }
  return {
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssMb: process.memoryUsage.rss() / 2 ** 20,
    peakRssMb: hwm ? Number(hwm) / 1024 : Number.NaN,
    executableRssMb: executableRssKb() / 1024,
  };
}

/** Resident kB of the mappings of process.execPath (NaN where /proc/self/smaps is not there). */
function executableRssKb(): number {
  let smaps: string;
  try {
    smaps = readFileSync("/proc/self/smaps", "utf8");
  } catch {
    return Number.NaN;
  }
  let total = 0;
  let inExecutable = false;
  for (const line of smaps.split("\n")) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) inExecutable = line.trimEnd().endsWith(` ${process.execPath}`);
    else if (inExecutable && line.startsWith("Rss:")) total += Number(line.split(/\s+/)[1]);
  }
  return total;
}

/** Samples RSS every `everyMs` until stopped; returns the highest sample (MB). */
export function sampleRss(everyMs = 50): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return peak / 2 ** 20;
    },
  };
}

/**
 * The heap in use just after each major (mark-compact) GC, i.e. roughly what the program really
 * holds, as opposed to what V8 keeps reserved; returns the highest (MB) when stopped.
 */
export function sampleLiveHeap(): { stop(): number } {
  let peak = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const detail = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail;
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
  });
  observer.observe({ entryTypes: ["gc"] });
  return {
    stop() {
      observer.disconnect();
      return peak / 2 ** 20;
    },
  };
}
