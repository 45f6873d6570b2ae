import {
  APIResponseError,
  type Client,
  RequestTimeoutError,
  UnknownHTTPResponseError,
} from "@notionhq/client";
import { afterEach, describe, expect, it } from "vitest";
import { type FaultOptions, type NotionEmulator, startNotionEmulator } from "../src/index.js";
import {
  type AnyRecord,
  expectNotionError,
  type Harness,
  manualClock,
  sdkClient,
  startHarness,
  text,
} from "./support/harness.js";

let h: Harness;
let dataSourceId: string;
const started: NotionEmulator[] = [];

afterEach(async () => {
  await h?.emulator.stop();
  for (const e of started.splice(0)) await e.stop();
});

async function setup(options: Parameters<typeof startHarness>[0] = {}) {
  h = await startHarness(options);
  const db = (await h.notion.databases.create({
    parent: { type: "page_id", page_id: h.parentPageId },
    title: text("Script Runs"),
    initial_data_source: { properties: { Run: { title: {} }, "Run Key": { rich_text: {} } } },
  })) as AnyRecord;
  dataSourceId = db.data_sources[0].id;
}

const createRun = (client: Client, key: string) =>
  client.pages.create({
    parent: { data_source_id: dataSourceId },
    properties: { "Run Key": { rich_text: text(key) } },
  });

const storedKeys = () =>
  h.emulator.pages(dataSourceId).map((p) => (p.properties["Run Key"] as AnyRecord).rich_text[0].plain_text);

async function failure(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("scripted faults, as the SDK sees them (retries off)", () => {
  it("rate_limited: 429 with Retry-After (which may exceed 60 s), and a burst of 429s until it has passed", async () => {
    const clock = manualClock();
    await setup({ now: clock.now });
    h.emulator.queueFaults({ kind: "rate_limited", retryAfterSeconds: 75 });
    const first = await expectNotionError(h.notion.users.me({}), { status: 429, code: "rate_limited" });
    expect((first.headers as Headers).get("retry-after")).toBe("75");
    clock.advance(10_000);
    const second = await expectNotionError(h.notion.users.me({}), { status: 429, code: "rate_limited" });
    expect((second.headers as Headers).get("retry-after")).toBe("65");
    clock.advance(65_000);
    await expect(h.notion.users.me({})).resolves.toMatchObject({ object: "user" });
    expect(h.emulator.stats().faultsByKind).toEqual({ rate_limited: 2 });
  });

  it("internal_server_error, gateway_timeout and conflict_error answer Notion errors and store nothing", async () => {
    await setup();
    h.emulator.queueFaults(
      { kind: "internal_server_error", method: "POST", path: "/v1/pages" },
      { kind: "gateway_timeout", method: "POST", path: "/v1/pages" },
      { kind: "conflict_error", method: "POST", path: "/v1/pages" },
    );
    await expectNotionError(createRun(h.notion, "a"), { status: 500, code: "internal_server_error" });
    await expectNotionError(createRun(h.notion, "b"), { status: 504, code: "gateway_timeout" });
    await expectNotionError(createRun(h.notion, "c"), { status: 409, code: "conflict_error" });
    expect(storedKeys()).toEqual([]);
    await createRun(h.notion, "d");
    expect(storedKeys()).toEqual(["d"]);
  });

  it("service_unavailable: 503, with retry guidance on data source queries", async () => {
    await setup();
    h.emulator.queueFaults({ kind: "service_unavailable", path: "/v1/data_sources/:data_source_id/query" });
    const error = await expectNotionError(h.notion.dataSources.query({ data_source_id: dataSourceId }), {
      status: 503,
      code: "service_unavailable",
    });
    expect(error.additional_data).toMatchObject({
      retry_guidance: expect.arrayContaining(["Reduce page_size"]),
    });
  });

  it("service_overload: 529 with Retry-After", async () => {
    await setup();
    h.emulator.queueFaults({ kind: "service_overload", retryAfterSeconds: 3 });
    const error = await expectNotionError(h.notion.users.me({}), { status: 529, code: "service_overload" });
    expect((error.headers as Headers).get("retry-after")).toBe("3");
  });

  it("bad_gateway_html: a Cloudflare HTML 502 the SDK reports as an unknown response", async () => {
    await setup();
    h.emulator.queueFaults({ kind: "bad_gateway_html", method: "POST" });
    const error = await failure(createRun(h.notion, "x"));
    expect(UnknownHTTPResponseError.isUnknownHTTPResponseError(error)).toBe(true);
    const unknown = error as UnknownHTTPResponseError;
    expect(unknown.status).toBe(502);
    expect(unknown.body).toMatch(/<html/);
    expect(unknown.message).toMatch(/Cloudflare Ray ID/);
    expect(storedKeys()).toEqual([]);
  });

  it("connection_reset: the socket is destroyed and nothing is stored", async () => {
    await setup();
    h.emulator.queueFaults({ kind: "connection_reset", method: "POST", path: "/v1/pages" });
    const error = await failure(createRun(h.notion, "x"));
    expect(error).toBeInstanceOf(TypeError);
    expect(storedKeys()).toEqual([]);
    expect(h.emulator.requestLog().at(-1)).toMatchObject({ status: 0, fault: "connection_reset" });
    expect(h.emulator.stats().byStatus.reset).toBe(1);
  });

  it("slow: the response arrives late (a client timeout sees a RequestTimeoutError)", async () => {
    await setup();
    h.emulator.queueFaults({ kind: "slow", delayMs: 20 });
    await expect(h.notion.users.me({})).resolves.toMatchObject({ object: "user" });
    h.emulator.queueFaults({ kind: "slow", delayMs: 1000 });
    const impatient = sdkClient(h.emulator, { timeoutMs: 50 });
    expect(RequestTimeoutError.isRequestTimeoutError(await failure(impatient.users.me({})))).toBe(true);
  });

  it("ambiguous_create: the page is stored but the client sees a 5xx, a reset or a timeout", async () => {
    await setup({ faults: { ambiguousDelayMs: 1000 } });
    h.emulator.queueFaults({ kind: "ambiguous_create", outcome: "internal_server_error" });
    await h.notion.users.me({});
    await expectNotionError(createRun(h.notion, "k1"), { status: 500, code: "internal_server_error" });
    h.emulator.queueFaults({ kind: "ambiguous_create", outcome: "gateway_timeout" });
    await expectNotionError(createRun(h.notion, "k2"), { status: 504, code: "gateway_timeout" });
    h.emulator.queueFaults({ kind: "ambiguous_create", outcome: "bad_gateway_html" });
    expect(
      UnknownHTTPResponseError.isUnknownHTTPResponseError(await failure(createRun(h.notion, "k3"))),
    ).toBe(true);
    h.emulator.queueFaults({ kind: "ambiguous_create", outcome: "connection_reset" });
    expect(await failure(createRun(h.notion, "k4"))).toBeInstanceOf(TypeError);
    h.emulator.queueFaults({ kind: "ambiguous_create", outcome: "timeout" });
    const impatient = sdkClient(h.emulator, { timeoutMs: 50 });
    expect(RequestTimeoutError.isRequestTimeoutError(await failure(createRun(impatient, "k5")))).toBe(true);
    expect(storedKeys()).toEqual(["k1", "k2", "k3", "k4", "k5"]);
    expect(h.emulator.stats()).toMatchObject({ ambiguousStored: 5, faultsByKind: { ambiguous_create: 5 } });
    expect(
      h.emulator
        .requestLog()
        .filter((e) => e.storedDespiteFailure)
        .map((e) => e.endpoint),
    ).toEqual(Array(5).fill("POST /v1/pages"));
  });
});

describe("random faults", () => {
  const everything: FaultOptions = {
    rate: 0.5,
    slowMs: 1,
    ambiguousOutcomes: ["internal_server_error", "gateway_timeout", "connection_reset", "bad_gateway_html"],
  };

  /** A clock that moves one second each time it is read, so rate_limited windows end deterministically. */
  function tickingClock() {
    let t = Date.parse("2026-03-02T10:00:00Z");
    return () => (t += 1000);
  }

  async function run(seed: number) {
    const emulator = await startNotionEmulator({
      seed,
      rateLimit: 0,
      now: tickingClock(),
      faults: { ...everything, seed },
    });
    started.push(emulator);
    const client = sdkClient(emulator);
    const parent = emulator.createParentPage("P");
    emulator.setFaults(undefined);
    const db = (await client.databases.create({
      parent: { type: "page_id", page_id: parent },
      title: text("D"),
    })) as AnyRecord;
    emulator.setFaults({ ...everything, seed });
    const outcomes: string[] = [];
    for (let i = 0; i < 40; i++) {
      const call =
        i % 2 === 0
          ? client.users.me({})
          : client.pages.create({ parent: { data_source_id: db.data_sources[0].id }, properties: {} });
      try {
        const res = (await call) as AnyRecord;
        outcomes.push(`ok:${res.id}`);
      } catch (error) {
        outcomes.push(APIResponseError.isAPIResponseError(error) ? `${error.status}` : (error as Error).name);
      }
    }
    return { outcomes, emulator, dataSourceId: db.data_sources[0].id as string };
  }

  it("are deterministic for a seed, and differ between seeds", async () => {
    const a = await run(123);
    const b = await run(123);
    const c = await run(124);
    expect(a.outcomes).toEqual(b.outcomes);
    expect(a.emulator.requestLog().map((e) => e.fault)).toEqual(b.emulator.requestLog().map((e) => e.fault));
    expect(c.outcomes).not.toEqual(a.outcomes);
    const faulted = a.emulator.stats().faultsInjected;
    expect(faulted).toBeGreaterThan(5);
    expect(faulted).toBeLessThan(40);
  });

  it("never corrupt state: stored pages are exactly the successful and the ambiguous creates", async () => {
    const a = await run(99);
    const stats = a.emulator.stats();
    const createdOk = stats.byEndpoint["POST /v1/pages"]?.byStatus["200"] ?? 0;
    const createdAmbiguously = a.emulator.requestLog().filter((e) => e.storedDespiteFailure).length;
    expect(a.emulator.pages(a.dataSourceId)).toHaveLength(createdOk + createdAmbiguously);
    expect(a.emulator.internalErrors()).toEqual([]);
  });

  it("only hit the requests they are restricted to", async () => {
    await setup({
      faults: {
        rate: 1,
        kinds: ["internal_server_error"],
        only: { methods: ["POST"], paths: ["/v1/pages"] },
      },
    });
    for (let i = 0; i < 5; i++) await h.notion.users.me({});
    await expectNotionError(createRun(h.notion, "x"), { status: 500, code: "internal_server_error" });
    h.emulator.setFaults(undefined);
    await expect(createRun(h.notion, "y")).resolves.toBeDefined();
  });
});

describe("a keyed writer that looks up before it creates", () => {
  it("ends with exactly one page per key under every fault kind", async () => {
    await setup({
      faults: { seed: 2026, rate: 0.3, retryAfterSeconds: 0, slowMs: 5, ambiguousDelayMs: 300 },
    });
    const client = sdkClient(h.emulator, { timeoutMs: 150 });
    const keys = Array.from({ length: 40 }, (_, i) => `run-${i}`);
    const attempt = async <T>(call: () => Promise<T>): Promise<T> => {
      for (;;) {
        try {
          return await call();
        } catch {
          // Any failure of a read is retried; the emulator keeps state consistent.
        }
      }
    };
    for (const key of keys) {
      for (;;) {
        const found = await attempt(() =>
          client.dataSources.query({
            data_source_id: dataSourceId,
            filter: { property: "Run Key", rich_text: { equals: key } },
          }),
        );
        if (found.results.length > 0) break;
        try {
          await createRun(client, key);
          break;
        } catch {
          // Ambiguous or failed: look the key up again before retrying.
        }
      }
    }
    const stored = storedKeys();
    expect(stored).toHaveLength(keys.length);
    expect(new Set(stored)).toEqual(new Set(keys));
    const stats = h.emulator.stats();
    expect(stats.faultsInjected).toBeGreaterThan(10);
    expect(Object.keys(stats.faultsByKind).length).toBeGreaterThanOrEqual(6);
    expect(h.emulator.internalErrors()).toEqual([]);
  });
});
