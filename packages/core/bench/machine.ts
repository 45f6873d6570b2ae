import { readFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";

/** "2 CPUs (Intel(R) Xeon(R) Processor), 23.6 GiB RAM, Node v24.9.0, linux x64" */
export function machineDescription(): string {
  return `${availableParallelism()} CPUs (${cpuModel()}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform} ${process.arch}`;
}

function cpuModel(): string {
  try {
    const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1];
    if (model) return model.trim();
  } catch {
    // not Linux: fall back to what Node reports
  }
  return cpus()[0]?.model.trim() || "unknown CPU";
}

/** Today as YYYY-MM-DD (UTC). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
