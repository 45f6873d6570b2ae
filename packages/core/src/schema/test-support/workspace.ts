import {
  type NotionEmulator,
  type NotionEmulatorOptions,
  startNotionEmulator,
} from "@notion-ops/notion-emulator";
import { createNotionClient, type NotionClient } from "../../notion/client.js";

export interface TestWorkspace {
  emulator: NotionEmulator;
  client: NotionClient;
  parentPageId: string;
  /** Requests the emulator received since `mark()`, as `METHOD /v1/route` endpoint names. */
  requestsSince(mark: number): string[];
  mark(): number;
}

/** The emulator (no rate limit) with a shared parent page, and the real client pointed at it. */
export async function startTestWorkspace(options: NotionEmulatorOptions = {}): Promise<TestWorkspace> {
  const emulator = await startNotionEmulator({ rateLimit: 0, seed: 11, ...options });
  const client = createNotionClient({
    token: emulator.token,
    baseUrl: emulator.url,
    rateLimit: 1000,
    burst: 1000,
    baseDelayMs: 1,
    maxDelayMs: 5,
  });
  return {
    emulator,
    client,
    parentPageId: emulator.createParentPage("Operations"),
    mark: () => emulator.requestLog().at(-1)?.seq ?? 0,
    requestsSince: (mark) =>
      emulator
        .requestLog()
        .filter((entry) => entry.seq > mark)
        .map((entry) => entry.endpoint),
  };
}
