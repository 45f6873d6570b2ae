import { createHttpClient } from "@notion-ops/core";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { pagesAfterId, pagesByCursor } from "./pagination.js";

const BASE = "https://eu.ninjarmm.com";
const http = createHttpClient({ source: "ninjaone", baseUrl: BASE, sleep: async () => {} });

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

async function collect(pages: AsyncIterable<unknown[]>): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe("pagesAfterId", () => {
  it("uses the highest id of a full page as `after`, stopping on a short page", async () => {
    nock(BASE)
      .get("/v2/organizations")
      .query({ pageSize: "2" })
      .reply(200, [{ id: 4 }, { id: 2 }])
      .get("/v2/organizations")
      .query({ pageSize: "2", after: "4" })
      .reply(200, [{ id: 9 }]);
    expect(await collect(pagesAfterId(http, "/v2/organizations", { pageSize: 2 }))).toEqual([
      [{ id: 4 }, { id: 2 }],
      [{ id: 9 }],
    ]);
  });

  it("stops with an error when a full page does not move past the previous one", async () => {
    nock(BASE)
      .get("/v2/organizations")
      .query({ pageSize: "1" })
      .reply(200, [{ id: 4 }])
      .get("/v2/organizations")
      .query({ pageSize: "1", after: "4" })
      .reply(200, [{ id: 4 }]);
    await expect(collect(pagesAfterId(http, "/v2/organizations", { pageSize: 1 }))).rejects.toThrow(
      /full page whose ids do not advance past 4/,
    );
  });

  it("stops between pages when aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      collect(pagesAfterId(http, "/v2/organizations", { pageSize: 1, signal: controller.signal })),
    ).rejects.toThrow();
  });
});

describe("pagesByCursor", () => {
  it("passes cursor=<cursor.name> until a short page", async () => {
    nock(BASE)
      .get("/v2/queries/device-health")
      .query({ pageSize: "1" })
      .reply(200, {
        cursor: { name: "cur-1", offset: 0, count: 1, expires: 1742412552.1 },
        results: [{ deviceId: 1 }],
      })
      .get("/v2/queries/device-health")
      .query({ pageSize: "1", cursor: "cur-1" })
      .reply(200, { cursor: { name: "cur-1", offset: 1, count: 0 }, results: [] });
    expect(await collect(pagesByCursor(http, "/v2/queries/device-health", { pageSize: 1 }))).toEqual([
      [{ deviceId: 1 }],
      [],
    ]);
  });

  it("stops on a full page without a cursor name", async () => {
    nock(BASE)
      .get("/v2/backup/jobs")
      .query({ pageSize: "1" })
      .reply(200, { cursor: null, results: [{ jobId: "j" }] });
    expect(await collect(pagesByCursor(http, "/v2/backup/jobs", { pageSize: 1 }))).toEqual([
      [{ jobId: "j" }],
    ]);
  });
});
