/**
 * The client against the in-repo Notion emulator over real HTTP, through the official SDK.
 * Rates are raised so these run fast; pacing itself is covered by the fake-timer tests and the
 * benchmark.
 */
import { FAULT_KINDS, type NotionEmulator, startNotionEmulator } from "@notion-ops/notion-emulator";
import type { PageObjectResponse, QueryDataSourceParameters } from "@notionhq/client";
import { afterEach, describe, expect, it } from "vitest";
import { NotionAccessError, NotionValidationError } from "../src/errors.js";
import { createLogger, createMemorySink } from "../src/log/index.js";
import {
  createNotionClient,
  decodeProperty,
  decodeRecord,
  encodeRecord,
  type NotionClient,
  type NotionClientOptions,
  queryAll,
  type RecordSchema,
  sameValue,
} from "../src/notion/index.js";

const running: NotionEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

async function start(options: Parameters<typeof startNotionEmulator>[0] = {}) {
  const emulator = await startNotionEmulator({ rateLimit: 0, seed: 11, ...options });
  running.push(emulator);
  return emulator;
}

function clientFor(emulator: NotionEmulator, options: Partial<NotionClientOptions> = {}): NotionClient {
  return createNotionClient({
    token: emulator.token,
    baseUrl: emulator.url,
    rateLimit: 1000,
    burst: 50,
    baseDelayMs: 10,
    maxDelayMs: 200,
    timeoutMs: 5_000,
    ...options,
  });
}

const title = (content: string) => [{ type: "text" as const, text: { content } }];

async function createDataSource(
  client: NotionClient,
  parentPageId: string,
  name: string,
  properties: Record<string, unknown>,
) {
  const db = await client.databases.create({
    parent: { type: "page_id", page_id: parentPageId },
    title: title(name),
    initial_data_source: { properties: properties as never },
  });
  const dataSourceId = (db as { data_sources?: Array<{ id: string }> }).data_sources?.[0]?.id;
  if (!dataSourceId) throw new Error("databases.create returned no data source");
  return { databaseId: db.id, dataSourceId };
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(item);
      }
    }),
  );
}

describe("codec round trip through Notion's read shapes (emulator)", () => {
  it("every property type, with unicode and edge values, reads back as written", async () => {
    const emulator = await start();
    const client = clientFor(emulator);
    const parent = emulator.createParentPage("Operations");
    const sites = await createDataSource(client, parent, "Customer Sites", { "Site Name": { title: {} } });
    const site = await client.pages.create({
      parent: { data_source_id: sites.dataSourceId },
      properties: { "Site Name": { title: title("Acme") } },
    });
    const schema: RecordSchema = {
      Name: "title",
      Notes: "rich_text",
      Score: "number",
      State: "select",
      Tags: "multi_select",
      Seen: "date",
      Renewal: "date",
      Drift: "checkbox",
      Commit: "url",
      Owner: "email",
      Phone: "phone_number",
      Stage: "status",
      Site: "relation",
    };
    const { dataSourceId } = await createDataSource(client, parent, "Everything", {
      Name: { title: {} },
      Notes: { rich_text: {} },
      Score: { number: {} },
      State: { select: {} },
      Tags: { multi_select: {} },
      Seen: { date: {} },
      Renewal: { date: {} },
      Drift: { checkbox: {} },
      Commit: { url: {} },
      Owner: { email: {} },
      Phone: { phone_number: {} },
      Stage: { status: { options: [{ name: "Deployed" }, { name: "Pilot" }] } },
      Site: { relation: { data_source_id: sites.dataSourceId, single_property: {} } },
    });

    const records: Array<Record<string, unknown>> = [
      {
        Name: "Émoji 👨‍👩‍👧‍👦 · مرحبا · שלום · 東京",
        Notes: `${"a".repeat(1999)}😀${"zero\u200bwidth\u200d"}${"b".repeat(2500)}`,
        Score: 87.5,
        State: "Alabama, US",
        Tags: ["backup", "network", "Backup"],
        Seen: "2026-09-01T06:00:00Z",
        Renewal: "2026-03-01",
        Drift: true,
        Commit: "https://github.com/acme/infra/commit/abc123",
        Owner: "ops@example.com",
        Phone: "+1 415 555 0100",
        Stage: "Deployed",
        Site: [site.id.replace(/-/g, "")],
      },
      {
        Name: "",
        Notes: null,
        Score: null,
        State: null,
        Tags: [],
        Seen: null,
        Renewal: { start: "2026-01-01", end: "2026-01-31" },
        Drift: false,
        Commit: "",
        Owner: null,
        Phone: "",
        Stage: null,
        Site: [],
      },
      { Name: "long", Notes: "x".repeat(200_000) },
      { Name: "too long", Notes: "y".repeat(201_000) },
    ];

    for (const record of records) {
      const { properties } = encodeRecord(schema, record);
      const created = (await client.pages.create({
        parent: { data_source_id: dataSourceId },
        properties,
      })) as PageObjectResponse;
      const read = (await client.pages.retrieve({ page_id: created.id })) as PageObjectResponse;
      const decoded = decodeRecord(read.properties);
      for (const [name, value] of Object.entries(record)) {
        const type = schema[name]!;
        expect(
          sameValue(type, value, decoded[name]),
          `${name}: ${JSON.stringify(decoded[name])?.slice(0, 80)}`,
        ).toBe(true);
      }
    }
  });
});

describe("keyed creates under every fault (emulator)", () => {
  it("500 keyed creates with every fault type on end with exactly 500 pages, one per key", async () => {
    const emulator = await start({
      faults: {
        seed: 5,
        rate: 0.25,
        kinds: [...FAULT_KINDS],
        retryAfterSeconds: 0.01,
        slowMs: 400,
        ambiguousDelayMs: 1_500,
      },
    });
    const parent = emulator.createParentPage("Operations");
    const setup = clientFor(emulator, { maxRetries: 20 });
    const { dataSourceId } = await createDataSource(setup, parent, "Daily Health", {
      Snapshot: { title: {} },
      "Snapshot Key": { rich_text: {} },
    });
    const sink = createMemorySink();
    // Burst 1 spreads requests out after each pause, so few land inside an injected 429 window.
    const client = clientFor(emulator, {
      timeoutMs: 300,
      maxRetries: 20,
      rateLimit: 600,
      burst: 1,
      logger: createLogger(sink),
    });
    const keys = Array.from({ length: 500 }, (_, i) => `SITE-${String(i).padStart(3, "0")}@2026-09-01`);
    const outcomes: string[] = [];
    await pool(keys, 12, async (key) => {
      const result = await client.createPageKeyed({
        dataSourceId,
        keyProperty: "Snapshot Key",
        keyValue: key,
        keyType: "rich_text",
        body: {
          properties: {
            Snapshot: { title: title(`Snapshot ${key}`) },
            "Snapshot Key": { rich_text: title(key) },
          },
        },
      });
      outcomes.push(result.outcome);
    });

    emulator.setFaults(undefined);
    const pages = emulator.pages(dataSourceId);
    const stored = pages.map((p) => decodeProperty(p.properties["Snapshot Key"]));
    expect(stored).toHaveLength(500);
    expect(new Set(stored).size).toBe(500);
    expect(new Set(stored)).toEqual(new Set(keys));

    // Every kind of fault really happened, including creates stored despite a failure.
    const stats = emulator.stats();
    for (const kind of FAULT_KINDS) expect(stats.faultsByKind[kind] ?? 0, kind).toBeGreaterThan(0);
    expect(stats.ambiguousStored).toBeGreaterThan(0);
    const metrics = client.metrics();
    expect(metrics.recoveredCreates).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o === "found_existing")).toHaveLength(metrics.recoveredCreates);
    expect(metrics.rateLimited).toBeGreaterThan(0);
    expect(metrics.overloaded).toBeGreaterThan(0);
    expect(sink.text()).not.toContain(emulator.token);
  }, 120_000);
});

describe("pagination (emulator)", () => {
  it("passes the per-query row cap (lowered to 40) and reads every row once", async () => {
    let t = Date.parse("2026-01-01T00:00:00Z");
    // Each clock reading moves 7 s on, so rows spread over many created_time minutes.
    const emulator = await start({ queryResultLimit: 40, now: () => (t += 7_000) });
    const parent = emulator.createParentPage("Operations");
    const client = clientFor(emulator);
    const { dataSourceId } = await createDataSource(client, parent, "Network Devices", {
      "Device Name": { title: {} },
      Vendor: { select: {} },
    });
    await pool(
      Array.from({ length: 130 }, (_, i) => i),
      10,
      async (i) => {
        await client.pages.create({
          parent: { data_source_id: dataSourceId },
          properties: {
            "Device Name": { title: title(`device-${i}`) },
            Vendor: { select: { name: i % 2 ? "UniFi" : "NinjaOne" } },
          },
        });
      },
    );

    const statuses: string[] = [];
    const observed = (args: QueryDataSourceParameters) =>
      client.dataSources.query(args).then((r) => {
        statuses.push(r.request_status?.type ?? "complete");
        return r;
      });
    const names: string[] = [];
    for await (const page of queryAll(observed, dataSourceId, { page_size: 25 })) {
      const prop = page.properties["Device Name"] as { title: Array<{ plain_text: string }> };
      names.push(prop.title.map((x) => x.plain_text).join(""));
    }
    expect(statuses).toContain("incomplete");
    expect(names).toHaveLength(130);
    expect(new Set(names).size).toBe(130);

    const unifi: string[] = [];
    for await (const page of client.queryAll(dataSourceId, {
      filter: { property: "Vendor", select: { equals: "UniFi" } },
      sorts: [{ property: "Device Name", direction: "descending" }],
    })) {
      unifi.push(page.id);
    }
    expect(unifi).toHaveLength(65);
    expect(new Set(unifi).size).toBe(65);
  });
});

describe("limits and errors over real HTTP (emulator)", () => {
  it("waits out the emulator's own 429s (Retry-After) and loses nothing", async () => {
    const emulator = await start({ rateLimit: 5, burst: 4 });
    const parent = emulator.createParentPage("Operations");
    const client = clientFor(emulator);
    const { dataSourceId } = await createDataSource(client, parent, "Config Changes", {
      "Change ID": { title: {} },
    });
    await pool(
      Array.from({ length: 8 }, (_, i) => i),
      8,
      async (i) => {
        await client.pages.create({
          parent: { data_source_id: dataSourceId },
          properties: { "Change ID": { title: title(`c-${i}`) } },
        });
      },
    );
    expect(emulator.pages(dataSourceId)).toHaveLength(8);
    expect(client.metrics().rateLimited).toBeGreaterThan(0);
    expect(emulator.stats().rateLimitedByLimiter).toBe(client.metrics().rateLimited);
  });

  it("maps a wrong token, an unshared database and a bad property to typed errors", async () => {
    const emulator = await start();
    const parent = emulator.createParentPage("Operations");
    const client = clientFor(emulator);
    const { databaseId, dataSourceId } = await createDataSource(client, parent, "Customer Sites", {
      "Site Name": { title: {} },
      "Health Score": { number: {} },
    });

    const wrongToken = "secret_not_the_right_one_1234";
    const rejected = await createNotionClient({ token: wrongToken, baseUrl: emulator.url })
      .users.me()
      .catch((e) => e);
    expect(rejected).toBeInstanceOf(NotionAccessError);
    expect(rejected.code).toBe("notion_unauthorized");
    expect(rejected.message).not.toContain(wrongToken);

    emulator.setShared(databaseId, false);
    const notShared = await client.dataSources
      .retrieve({ data_source_id: dataSourceId }, { label: "Customer Sites" })
      .catch((e) => e);
    expect(notShared).toBeInstanceOf(NotionAccessError);
    expect(notShared.code).toBe("notion_not_shared");
    expect(notShared.message).toContain('"Customer Sites" data source');
    emulator.setShared(databaseId, true);

    const invalid = await client.pages
      .create({
        parent: { data_source_id: dataSourceId },
        properties: {
          "Site Name": { title: title("x") },
          "Health Score": { rich_text: title("high") } as never,
        },
      })
      .catch((e) => e);
    expect(invalid).toBeInstanceOf(NotionValidationError);
    expect(invalid.property).toBe("Health Score");
    expect(emulator.stats().byStatus["400"]).toBe(1);
  });
});
