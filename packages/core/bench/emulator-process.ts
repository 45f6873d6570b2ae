/**
 * The emulator in its own process, so the benchmark's CPU figures are the client's alone.
 * Started with `fork()`; options arrive as JSON in argv[2] (NotionEmulatorOptions, plus
 * `clockSpeed`: the emulator's clock runs that many times faster than real time); talks over
 * the IPC channel:
 *   → { type: "ready", url, token, parentPageId }
 *   ← { type: "call", id, method, args }  → { type: "result", id, value }   (see EmulatorApi)
 *   ← { type: "stop" }
 */
import {
  type NotionEmulatorOptions,
  type PageObject,
  startNotionEmulator,
} from "@notion-ops/notion-emulator";
import { serveRpc } from "./child-rpc.js";
import { processUsage } from "./process-usage.js";

export type EmulatorProcessOptions = NotionEmulatorOptions & { clockSpeed?: number };

export interface KeySummary {
  rows: number;
  distinct: number;
  /** Rows whose key another row already has. */
  duplicates: number;
  blank: number;
}

export interface RequestTimeline {
  requests: number;
  /** First to last arrival, ms. */
  spanMs: number;
  /** From the first to the last write (page create or update, database update). */
  writePhase: { writes: number; requests: number; spanMs: number };
}

const { clockSpeed, ...options } = JSON.parse(process.argv[2] ?? "{}") as EmulatorProcessOptions;
if (clockSpeed !== undefined && clockSpeed !== 1) {
  const origin = Date.now();
  options.now = () => origin + (Date.now() - origin) * clockSpeed;
}
const emulator = await startNotionEmulator(options);
const parentPageId = emulator.createParentPage("Benchmark");

const textOf = (page: PageObject, property: string) => {
  const prop = page.properties[property] as {
    rich_text?: Array<{ plain_text: string }>;
    title?: typeof prop.rich_text;
  };
  return (prop?.rich_text ?? prop?.title ?? []).map((t) => t.plain_text).join("");
};

const isWrite = (method: string, path: string) =>
  (method === "POST" && path === "/v1/pages") ||
  (method === "PATCH" && /^\/v1\/(pages|databases)\//.test(path));

const emulatorApi = {
  setRateLimit: (args: { rate: number; burst?: number }) => emulator.setRateLimit(args.rate, args.burst),
  resetStats: () => emulator.resetStats(),
  stats: () => emulator.stats(),
  internalErrors: () => emulator.internalErrors(),
  keySummary(args: { dataSourceId: string; keyProperty: string }): KeySummary {
    const seen = new Set<string>();
    const summary: KeySummary = { rows: 0, distinct: 0, duplicates: 0, blank: 0 };
    for (const page of emulator.pages(args.dataSourceId)) {
      summary.rows += 1;
      const key = textOf(page, args.keyProperty);
      if (!key) summary.blank += 1;
      else if (seen.has(key)) summary.duplicates += 1;
      else seen.add(key);
    }
    summary.distinct = seen.size;
    return summary;
  },
  /** Rows of a data source, optionally only those whose date property lies in [onOrAfter, onOrBefore]. */
  rowCount(args: {
    dataSourceId: string;
    date?: { property: string; onOrAfter: string; onOrBefore: string };
  }): number {
    const pages = emulator.pages(args.dataSourceId);
    const range = args.date;
    if (!range) return pages.length;
    return pages.filter((page) => {
      const start = (page.properties[range.property] as { date?: { start?: string } | null })?.date?.start;
      const day = start?.slice(0, 10);
      return day !== undefined && day >= range.onOrAfter && day <= range.onOrBefore;
    }).length;
  },
  timeline(): RequestTimeline {
    const log = emulator.requestLog();
    const writes = log.filter((e) => isWrite(e.method, e.path));
    const first = writes[0]?.time;
    const last = writes.at(-1)?.time;
    const inWritePhase =
      first === undefined || last === undefined ? [] : log.filter((e) => e.time >= first && e.time <= last);
    return {
      requests: log.length,
      spanMs: log.length > 0 ? log.at(-1)!.time - log[0]!.time : 0,
      writePhase: {
        writes: writes.length,
        requests: inWritePhase.length,
        spanMs: first === undefined || last === undefined ? 0 : last - first,
      },
    };
  },
  usage: () => processUsage(),
};

export type EmulatorApi = typeof emulatorApi;

process.on("message", async (message: { type?: string }) => {
  if (message?.type === "stop") {
    await emulator.stop();
    process.exit(0);
  }
});
serveRpc(emulatorApi, { url: emulator.url, token: emulator.token, parentPageId });
