import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  NotionAccessError,
  NotionRequestError,
  NotionRetriesExhaustedError,
  NotionValidationError,
  UsageError,
} from "../errors.js";
import { createLogger, createMemorySink } from "../log/index.js";
import { createNotionClient, type NotionClientOptions } from "./client.js";
import { NotionAmbiguousWriteError } from "./errors-map.js";
import { backoffDelay, DEFAULT_RETRY_POLICY } from "./retry-policy.js";
import {
  DATA_SOURCE_ID,
  type Handler,
  htmlBadGateway,
  json,
  list,
  networkError,
  notionError,
  PAGE_ID,
  pageObject,
  scriptedFetch,
} from "./test-support/scripted-fetch.js";

const TOKEN = "ntn_4242424242abcdefghijklmnopSECRET";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

function setup(handler: Handler, options: Partial<NotionClientOptions> = {}) {
  const fetch = scriptedFetch(handler);
  const sink = createMemorySink();
  const client = createNotionClient({
    token: TOKEN,
    rateLimit: 3,
    burst: 2,
    random: () => 0.5,
    fetch,
    logger: createLogger(sink),
    ...options,
  });
  return { client, fetch, sink };
}

/** Runs `promise` to completion while advancing fake time; returns its value or its error. */
async function settle<T>(promise: Promise<T>, ms = 3_600_000): Promise<T | Error> {
  const outcome = promise.then(
    (v) => v,
    (e: Error) => e,
  );
  await vi.advanceTimersByTimeAsync(ms);
  return outcome;
}

const okPage = () => json(200, pageObject(PAGE_ID, "ACME-001"));

describe("rate limiting", () => {
  it("a 429 with Retry-After: 7 pauses every caller for at least 7 s", async () => {
    const { client, fetch } = setup((_call, i) =>
      i === 0
        ? notionError(429, "rate_limited", "You have been rate limited.", { "retry-after": "7" })
        : okPage(),
    );
    const results = await settle(
      Promise.all(Array.from({ length: 6 }, () => client.pages.retrieve({ page_id: PAGE_ID }))),
    );
    expect(results).toHaveLength(6);
    const first429At = fetch.calls[0]!.at;
    const later = fetch.calls.slice(1);
    // Only the request already let through with the 429'd one (burst of 2) went out before the
    // 429 arrived; everyone else, including the retry, waited out the whole pause.
    expect(later.filter((c) => c.at === first429At)).toHaveLength(1);
    expect(later.filter((c) => c.at > first429At && c.at < first429At + 7_000)).toHaveLength(0);
    expect(later.filter((c) => c.at >= first429At + 7_000)).toHaveLength(5);
    expect(client.metrics().rateLimited).toBe(1);
    expect(client.metrics().retryAfterWaitMs).toBeGreaterThanOrEqual(7_000 - 1);
  });

  it("holds back every request that starts during the pause, not just the one that got the 429", async () => {
    let rateLimited = false;
    const { client, fetch } = setup(() => {
      if (!rateLimited) {
        rateLimited = true;
        return notionError(429, "rate_limited", "slow down", { "retry-after": "7" });
      }
      return okPage();
    });
    const first = client.pages.retrieve({ page_id: PAGE_ID });
    await vi.advanceTimersByTimeAsync(10); // the 429 arrived at t = 0 and paused the client
    expect(fetch.calls).toHaveLength(1);
    const late = Array.from({ length: 3 }, () => client.pages.retrieve({ page_id: PAGE_ID }));
    await settle(Promise.all([first, ...late]), 20_000);
    const starts = fetch.calls.slice(1).map((c) => c.at);
    expect(Math.min(...starts)).toBeGreaterThanOrEqual(7_000);
  });

  it("honours a Retry-After of 120 s (never capped at the SDK's 60 s)", async () => {
    const { client, fetch } = setup((_call, i) =>
      i === 0 ? notionError(429, "rate_limited", "workspace limit", { "retry-after": "120" }) : okPage(),
    );
    const page = await settle(client.pages.retrieve({ page_id: PAGE_ID }));
    expect(page).toMatchObject({ id: PAGE_ID });
    expect(fetch.calls[1]!.at - fetch.calls[0]!.at).toBeGreaterThanOrEqual(120_000);
  });

  it("treats 529 service_overload like 429 (client-wide pause for Retry-After), for writes too", async () => {
    const { client, fetch } = setup((_call, i) =>
      i === 0 ? notionError(529, "service_overload", "overloaded", { "retry-after": "3" }) : okPage(),
    );
    const page = await settle(
      client.pages.create({ parent: { data_source_id: DATA_SOURCE_ID }, properties: {} }),
    );
    expect(page).toMatchObject({ id: PAGE_ID });
    expect(fetch.calls).toHaveLength(2);
    expect(fetch.calls[1]!.at - fetch.calls[0]!.at).toBeGreaterThanOrEqual(3_000);
    expect(client.metrics().overloaded).toBe(1);
  });

  it("runs out of patience with a typed rate-limit error naming the attempts and time", async () => {
    const { client, fetch } = setup(
      () => notionError(429, "rate_limited", "slow down", { "retry-after": "10" }),
      { maxRetries: 3 },
    );
    const error = await settle(
      client.dataSources.query({ data_source_id: DATA_SOURCE_ID }, { label: "Customer Sites" }),
    );
    expect(error).toBeInstanceOf(NotionRetriesExhaustedError);
    const e = error as NotionRetriesExhaustedError;
    expect(e.code).toBe("notion_rate_limit_exhausted");
    expect(fetch.calls).toHaveLength(4);
    expect(e.message).toContain('dataSources.query on the "Customer Sites" data source');
    expect(e.message).toContain("after 4 attempts over 30 s");
    expect(e.message).toContain("4 × 429 rate_limited");
    expect(e.message).toContain("NOTION_OPS_RATE_LIMIT");
  });

  it("gives up before a Retry-After that would overrun the retry time budget", async () => {
    const { client, fetch } = setup(
      () => notionError(429, "rate_limited", "slow down", { "retry-after": "600" }),
      { maxRetryTimeMs: 300_000 },
    );
    const error = await settle(client.pages.retrieve({ page_id: PAGE_ID }));
    expect(error).toBeInstanceOf(NotionRetriesExhaustedError);
    expect((error as Error).message).toContain("the next wait of 10 min would pass the 5 min retry budget");
    expect(fetch.calls).toHaveLength(1);
  });
});

describe("retries and backoff", () => {
  it("backs off exponentially with jitter between retries of a 502 HTML page", async () => {
    const randoms = [0.1, 0.9, 0.3, 0.7];
    let r = 0;
    const { client, fetch } = setup((_call, i) => (i < 4 ? htmlBadGateway() : okPage()), {
      random: () => randoms[r++ % randoms.length]!,
      rateLimit: 1000,
    });
    const page = await settle(client.pages.retrieve({ page_id: PAGE_ID }));
    expect(page).toMatchObject({ id: PAGE_ID });
    const gaps = fetch.calls.slice(1).map((c, i) => c.at - fetch.calls[i]!.at);
    const policy = { ...DEFAULT_RETRY_POLICY };
    expect(gaps).toEqual(randoms.map((x, i) => backoffDelay(i + 1, policy, () => x)));
    expect(gaps).toEqual([550, 1900, 2600, 6800]);
    // Each step's range doubles: [500,1000], [1000,2000], [2000,4000], [4000,8000].
    const ceilings = [1000, 2000, 4000, 8000];
    gaps.forEach((g, i) => {
      expect(g).toBeGreaterThanOrEqual(ceilings[i]! / 2);
      expect(g).toBeLessThanOrEqual(ceilings[i]!);
    });
    expect(client.metrics().retries).toBe(4);
  });

  it("backoff is capped at maxDelayMs and spreads with the random source", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, maxDelayMs: 30_000 };
    expect(backoffDelay(20, policy, () => 1)).toBe(30_000);
    expect(backoffDelay(20, policy, () => 0)).toBe(15_000);
    expect(new Set([0, 0.25, 0.5, 0.75].map((x) => backoffDelay(3, policy, () => x))).size).toBe(4);
  });

  it.each([
    ["409 conflict_error", () => notionError(409, "conflict_error", "Conflict occurred while saving.")],
    ["500 internal_server_error", () => notionError(500, "internal_server_error", "Unexpected error.")],
    ["502 HTML", htmlBadGateway],
    ["503 service_unavailable", () => notionError(503, "service_unavailable", "Notion is unavailable.")],
    [
      "503 database_connection_unavailable (not in the SDK's enum)",
      () => notionError(503, "database_connection_unavailable", "Database unavailable."),
    ],
    ["504 gateway_timeout", () => notionError(504, "gateway_timeout", "Timed out.")],
  ])("retries a POST query (a read) after %s", async (_, failure) => {
    const { client, fetch } = setup((_call, i) => (i === 0 ? failure() : json(200, list([]))));
    const result = await settle(client.dataSources.query({ data_source_id: DATA_SOURCE_ID }));
    expect(result).toMatchObject({ object: "list" });
    expect(fetch.calls.map((c) => c.method)).toEqual(["POST", "POST"]);
  });

  it.each([
    ["ECONNRESET", networkError("ECONNRESET")],
    ["socket hang up", Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })],
    ["UND_ERR_SOCKET (other side closed)", networkError("UND_ERR_SOCKET")],
  ])("retries a read after a dropped connection (%s)", async (_, error) => {
    const { client, fetch } = setup((_call, i) => {
      if (i === 0) throw error;
      return okPage();
    });
    expect(await settle(client.pages.retrieve({ page_id: PAGE_ID }))).toMatchObject({ id: PAGE_ID });
    expect(fetch.calls).toHaveLength(2);
  });

  it("times out a request that never answers, aborts it, and retries", async () => {
    const { client, fetch } = setup((_call, i) => (i === 0 ? "hang" : okPage()), { timeoutMs: 5_000 });
    expect(await settle(client.pages.retrieve({ page_id: PAGE_ID }))).toMatchObject({ id: PAGE_ID });
    expect(fetch.calls).toHaveLength(2);
    expect(fetch.calls[1]!.at).toBeGreaterThanOrEqual(5_000);
    expect(client.metrics().byOutcome.timeout).toBe(1);
  });

  it("ends with a typed error after the attempt budget, saying what failed, how often and for how long", async () => {
    const { client, fetch } = setup(() => notionError(503, "service_unavailable", "Notion is unavailable."), {
      maxRetries: 4,
    });
    const error = await settle(client.pages.retrieve({ page_id: PAGE_ID }));
    expect(error).toBeInstanceOf(NotionRetriesExhaustedError);
    const e = error as NotionRetriesExhaustedError;
    expect(e.code).toBe("notion_retries_exhausted");
    expect(fetch.calls).toHaveLength(5);
    expect(e.message).toMatch(/Gave up on pages\.retrieve on page \S+ after 5 attempts over \d/);
    expect(e.message).toContain("retry limit of 4 reached");
    expect(e.message).toContain("5 × 503 service_unavailable");
    expect(e.message).toContain("Last error: 503 service_unavailable: Notion is unavailable.");
    expect(e.details).toMatchObject({ attempts: 5 });
  });

  it("uses only its own retry policy: the SDK sends exactly one HTTP request per attempt", async () => {
    const { client, fetch } = setup((_call, i) =>
      i === 0 ? notionError(500, "internal_server_error", "boom") : okPage(),
    );
    await settle(client.pages.retrieve({ page_id: PAGE_ID }));
    expect(fetch.calls).toHaveLength(2);
    expect(client.metrics().requests).toBe(2);
  });

  it("sends the token, Notion-Version 2025-09-03 and the configured base URL", async () => {
    const { client, fetch } = setup(() => json(200, { object: "user", id: "bot", type: "bot", bot: {} }), {
      baseUrl: "http://127.0.0.1:9999",
    });
    await settle(client.users.me());
    expect(fetch.calls[0]!.path).toBe("/v1/users/me");
    expect(fetch.calls[0]!.headers["Notion-Version"]).toBe("2025-09-03");
    expect(fetch.calls[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe("failures that are never retried", () => {
  it("400 validation_error: one attempt, NotionValidationError naming the property and quoting Notion", async () => {
    const message =
      'body failed validation: body.properties.Health Score.number should be a number, instead was `"high"`.';
    const { client, fetch } = setup(() => notionError(400, "validation_error", message));
    const error = await settle(
      client.pages.update({ page_id: PAGE_ID, properties: { "Health Score": { number: null } } }),
    );
    expect(fetch.calls).toHaveLength(1);
    expect(error).toBeInstanceOf(NotionValidationError);
    const e = error as NotionValidationError;
    expect(e.property).toBe("Health Score");
    expect(e.code).toBe("notion_validation");
    expect(e.message).toContain('for property "Health Score"');
    expect(e.message).toContain(message);
  });

  it("401: NotionAccessError notion_unauthorized saying the token was rejected and where to get one", async () => {
    const { client, fetch, sink } = setup(() => notionError(401, "unauthorized", "API token is invalid."));
    const error = await settle(client.users.me());
    expect(fetch.calls).toHaveLength(1);
    expect(error).toBeInstanceOf(NotionAccessError);
    const e = error as NotionAccessError;
    expect(e.code).toBe("notion_unauthorized");
    expect(e.message).toContain("Notion rejected the token");
    expect(e.message).toContain("NOTION_TOKEN");
    expect(e.message).toContain("https://www.notion.so/profile/integrations");
    expect(e.message).not.toContain(TOKEN);
    expect(sink.text()).not.toContain(TOKEN);
  });

  it("404 on a data source: notion_not_shared naming it and giving the Connections fix", async () => {
    const { client, fetch } = setup(() =>
      notionError(404, "object_not_found", `Could not find data_source with ID: ${DATA_SOURCE_ID}.`),
    );
    const error = await settle(
      client.dataSources.retrieve({ data_source_id: DATA_SOURCE_ID }, { label: "Daily Health" }),
    );
    expect(fetch.calls).toHaveLength(1);
    expect(error).toBeInstanceOf(NotionAccessError);
    const e = error as NotionAccessError;
    expect(e.code).toBe("notion_not_shared");
    expect(e.message).toContain(`the "Daily Health" data source ${DATA_SOURCE_ID}`);
    expect(e.message).toContain("not shared with the integration");
    expect(e.message).toContain("••• → Connections → add your integration");
  });

  it("403 restricted_resource: notion_restricted naming the missing capability", async () => {
    const { client } = setup(() =>
      notionError(403, "restricted_resource", "Integration doesn't have insert content capabilities."),
    );
    const error = await settle(
      client.pages.create({ parent: { data_source_id: DATA_SOURCE_ID }, properties: {} }),
    );
    expect(error).toBeInstanceOf(NotionAccessError);
    expect((error as NotionAccessError).code).toBe("notion_restricted");
    expect((error as Error).message).toContain('"Insert content" capability');
  });

  it("other 400s become NotionRequestError quoting Notion", async () => {
    const { client, fetch } = setup(() => notionError(400, "invalid_request", "Invalid request."));
    const error = await settle(client.search({ query: "x" }));
    expect(fetch.calls).toHaveLength(1);
    expect(error).toBeInstanceOf(NotionRequestError);
    expect((error as Error).message).toBe(
      'Notion rejected search on the workspace (400 invalid_request: "Invalid request.")',
    );
  });

  it("never puts the token in a message, even when Notion echoes it", async () => {
    const { client, sink } = setup(() => notionError(400, "invalid_request", `bad header Bearer ${TOKEN}`));
    const error = await settle(client.search({ query: "x" }));
    expect((error as Error).message).toContain("Bearer ***");
    expect((error as Error).message).not.toContain(TOKEN);
    expect(sink.text()).not.toContain(TOKEN);
  });
});

describe("creates are never duplicated", () => {
  it.each([
    ["504 gateway_timeout", () => notionError(504, "gateway_timeout", "Timed out.")],
    ["500 internal_server_error", () => notionError(500, "internal_server_error", "boom")],
    ["502 HTML", htmlBadGateway],
  ])("a plain pages.create that fails with %s is not retried blindly", async (_, failure) => {
    const { client, fetch } = setup(failure);
    const error = await settle(
      client.pages.create({ parent: { data_source_id: DATA_SOURCE_ID }, properties: {} }),
    );
    expect(error).toBeInstanceOf(NotionAmbiguousWriteError);
    expect(fetch.calls).toHaveLength(1);
    expect((error as Error).message).toContain("may or may not have been applied");
  });

  it("a connection reset on a create is ambiguous; a refused connection is not (it is retried)", async () => {
    const reset = setup(() => {
      throw networkError("ECONNRESET");
    });
    expect(
      await settle(reset.client.pages.create({ parent: { data_source_id: DATA_SOURCE_ID }, properties: {} })),
    ).toBeInstanceOf(NotionAmbiguousWriteError);
    expect(reset.fetch.calls).toHaveLength(1);

    const refused = setup((_call, i) => {
      if (i === 0) throw networkError("ECONNREFUSED");
      return okPage();
    });
    expect(
      await settle(
        refused.client.pages.create({ parent: { data_source_id: DATA_SOURCE_ID }, properties: {} }),
      ),
    ).toMatchObject({ id: PAGE_ID });
    expect(refused.fetch.calls).toHaveLength(2);
  });

  it("a create after a 409 or 429 (not applied) is retried", async () => {
    const { client, fetch } = setup((_call, i) =>
      i === 0
        ? notionError(409, "conflict_error", "Conflict")
        : i === 1
          ? notionError(429, "rate_limited", "x")
          : okPage(),
    );
    expect(
      await settle(client.pages.create({ parent: { data_source_id: DATA_SOURCE_ID }, properties: {} })),
    ).toMatchObject({ id: PAGE_ID });
    expect(fetch.calls.map((c) => c.path)).toEqual(["/v1/pages", "/v1/pages", "/v1/pages"]);
  });

  it("createPageKeyed: after an ambiguous 504 it finds the page that landed and does not create again", async () => {
    const { client, fetch } = setup((call) => {
      if (call.path === "/v1/pages") return notionError(504, "gateway_timeout", "Timed out."); // it landed anyway
      return json(200, list([pageObject(PAGE_ID, "ACME-001")]));
    });
    const result = await settle(
      client.createPageKeyed({
        dataSourceId: DATA_SOURCE_ID,
        keyProperty: "Site Key",
        keyValue: "ACME-001",
        keyType: "rich_text",
        body: { properties: { "Site Key": { rich_text: [{ text: { content: "ACME-001" } }] } } },
      }),
    );
    expect(result).toMatchObject({ outcome: "found_existing", ambiguousFailures: 1, value: { id: PAGE_ID } });
    expect(fetch.calls.filter((c) => c.path === "/v1/pages")).toHaveLength(1);
    const lookup = fetch.calls.find((c) => c.path.endsWith("/query"))!;
    expect(lookup.body).toMatchObject({
      filter: { property: "Site Key", rich_text: { equals: "ACME-001" } },
    });
    expect(client.metrics().recoveredCreates).toBe(1);
  });

  it("createPageKeyed: when the lookup finds nothing it creates again, once", async () => {
    let creates = 0;
    const { client, fetch } = setup((call) => {
      if (call.path === "/v1/pages") {
        creates += 1;
        if (creates === 1) throw networkError("ECONNRESET");
        return okPage();
      }
      // A page with a similar but different key must not count as a match.
      return json(200, list([pageObject("99999999-6b7a-4988-9a0b-1c2d3e4f5a6b", "ACME-0011")]));
    });
    const result = await settle(
      client.createPageKeyed({
        dataSourceId: DATA_SOURCE_ID,
        keyProperty: "Site Key",
        keyValue: "ACME-001",
        keyType: "rich_text",
        body: { properties: {} },
      }),
    );
    expect(result).toMatchObject({ outcome: "created", ambiguousFailures: 1, value: { id: PAGE_ID } });
    expect(fetch.calls.filter((c) => c.path === "/v1/pages")).toHaveLength(2);
    expect(fetch.calls[0]!.body).toMatchObject({
      parent: { type: "data_source_id", data_source_id: DATA_SOURCE_ID },
    });
  });

  it("createPageKeyed: a validation error is raised at once, without a lookup", async () => {
    const { client, fetch } = setup(() =>
      notionError(400, "validation_error", "Site Key is expected to be rich_text."),
    );
    const error = await settle(
      client.createPageKeyed({
        dataSourceId: DATA_SOURCE_ID,
        keyProperty: "Site Key",
        keyValue: "A",
        keyType: "rich_text",
        body: { properties: { "Site Key": { title: [] } } },
      }),
    );
    expect(error).toBeInstanceOf(NotionValidationError);
    expect((error as NotionValidationError).property).toBe("Site Key");
    expect(fetch.calls).toHaveLength(1);
  });
});

describe("options", () => {
  it("refuses a missing token and a non-https, non-loopback base URL", () => {
    expect(() => createNotionClient({ token: " " })).toThrow(UsageError);
    expect(() => createNotionClient({ token: TOKEN, baseUrl: "http://notion.example.com" })).toThrow(
      /must use https/,
    );
    expect(() => createNotionClient({ token: TOKEN, baseUrl: "http://localhost:3000" })).not.toThrow();
    expect(() => createNotionClient({ token: TOKEN, rateLimit: 0 })).toThrow(/greater than 0/);
  });

  it("counts requests by kind, retries, 429s and waits", async () => {
    const { client } = setup((_call, i) =>
      i === 1 ? notionError(429, "rate_limited", "x", { "retry-after": "2" }) : json(200, list([])),
    );
    await settle(
      (async () => {
        await client.dataSources.query({ data_source_id: DATA_SOURCE_ID });
        await client.dataSources.query({ data_source_id: DATA_SOURCE_ID });
        await client.blocks.children.list({ block_id: PAGE_ID });
      })(),
    );
    const m = client.metrics();
    expect(m.byKind).toEqual({ "dataSources.query": 3, "blocks.children.list": 1 });
    expect(m.requests).toBe(4);
    expect(m.retries).toBe(1);
    expect(m.rateLimited).toBe(1);
    expect(m.byOutcome).toEqual({ ok: 3, "429": 1 });
    expect(m.retryAfterWaitMs).toBeGreaterThanOrEqual(2_000);
  });
});
