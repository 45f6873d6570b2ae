import { DataSourceError } from "@notion-ops/core";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ninjaonePlugin } from "../src/plugin.js";
import { api, fixture, harness, nockToken, TOKEN_1, useNock } from "./support.js";

beforeAll(useNock);
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

interface Replies {
  health?: [number, unknown];
  alerts?: [number, unknown];
  backups?: [number, unknown];
}

/** Organizations 2 and 3 with devices 5 and 7 (both in org 2), then the optional inputs as given. */
function run(replies: Replies = {}): nock.Scope {
  nockToken(TOKEN_1);
  return api(TOKEN_1)
    .get("/v2/organizations")
    .query({ pageSize: "50" })
    .reply(200, fixture("organizations-page-1"))
    .get("/v2/devices-detailed")
    .query({ pageSize: "50" })
    .reply(200, fixture("devices-page-1"))
    .get("/v2/queries/device-health")
    .query({ pageSize: "50" })
    .reply(...(replies.health ?? [200, fixture("device-health-page-1")]))
    .get("/v2/alerts")
    .reply(...(replies.alerts ?? [200, fixture("alerts")]))
    .get("/v2/backup/jobs")
    .query({ pageSize: "50" })
    .reply(...(replies.backups ?? [200, fixture("backup-jobs-page-1")]));
}

describe("inputs the run can do without", () => {
  it("skips open tickets with a note when ticketing is not available (403), not an error", async () => {
    run().get("/v2/ticketing/trigger/boards").reply(403, { errorMessage: "Insufficient scope" });
    const h = harness({ config: { pageSize: 50 } });
    const result = await ninjaonePlugin.collect(h.context);
    expect(result.errors).toEqual([]);
    expect(result.notes).toEqual([
      "4 alert(s) are on devices of no known organization and were not counted", // alerts on devices 9, 14, 999
      "ticketing not available to this NinjaOne API app (HTTP 403): open tickets are not counted",
    ]);
    for (const site of result.sites) expect(site).not.toHaveProperty("openTickets");
    expect(result.sites[0]).toMatchObject({ criticalAlerts: 1, warningAlerts: 1, backupStatus: "success" });
  });

  it("notes a missing ticket board by name and lists the boards there are", async () => {
    run().get("/v2/ticketing/trigger/boards").reply(200, fixture("ticket-boards"));
    const h = harness({ config: { pageSize: 50, ticketBoard: "Service desk" } });
    const result = await ninjaonePlugin.collect(h.context);
    expect(result.notes).toContainEqual(
      'open tickets are not counted: no ticket board named "Service desk" (boards: 1 "Unassigned tickets", 2 "All tickets", 4 "Open tickets"); set sources.ninjaone.ticketBoard to a board id or name',
    );
    for (const site of result.sites) expect(site).not.toHaveProperty("openTickets");
  });

  it("runs the board given by id and pages it by lastCursorId", async () => {
    run()
      .get("/v2/ticketing/trigger/boards")
      .reply(200, fixture("ticket-boards"))
      .post("/v2/ticketing/trigger/board/4/run", { pageSize: 50 })
      .reply(200, fixture("board-run-page-2"));
    const h = harness({ config: { pageSize: 50, ticketBoard: 4 } });
    const result = await ninjaonePlugin.collect(h.context);
    expect(result.sites.map((s) => [s.sourceId, s.openTickets])).toEqual([
      ["2", 1],
      ["3", 0],
    ]);
  });

  it("leaves backup status empty with a note when backup is not available (404)", async () => {
    run({ backups: [404, { errorMessage: "Not found" }] });
    const h = harness({ config: { pageSize: 50, openTickets: false } });
    const result = await ninjaonePlugin.collect(h.context);
    expect(result.notes).toContain(
      "backup jobs not available to this NinjaOne API app (HTTP 404): backup status is left empty",
    );
    for (const site of result.sites) expect(site).not.toHaveProperty("backupStatus");
    expect(result.errors).toEqual([]);
  });

  it("reports alerts that keep failing as an error and leaves alert counts empty", async () => {
    run({ alerts: [500, { errorMessage: "Internal error" }] })
      .get("/v2/alerts")
      .times(4)
      .reply(500, { errorMessage: "Internal error" });
    const h = harness({ config: { pageSize: 50, openTickets: false } });
    const result = await ninjaonePlugin.collect(h.context);
    expect(h.sleeps).toHaveLength(4);
    expect(result.errors).toEqual([
      {
        source: "ninjaone",
        entity: "alert",
        message: expect.stringMatching(
          /^alerts could not be read: GET \/v2\/alerts returned 500 after 5 attempts.*Internal error; alert counts are left empty$/,
        ),
      },
    ]);
    for (const site of result.sites) {
      expect(site).not.toHaveProperty("criticalAlerts");
      expect(site).not.toHaveProperty("warningAlerts");
    }
    expect(result.sites[0]).toMatchObject({ devicesOnline: 1, devicesTotal: 2, backupStatus: "success" });
  });

  it("classifies alerts without device health when the health report is not available", async () => {
    run({ health: [403, {}] });
    const h = harness({ config: { pageSize: 50, openTickets: false } });
    const result = await ninjaonePlugin.collect(h.context);
    // the CPU alert on device 7 is no longer known to be on an UNHEALTHY device
    expect(result.sites[0]).toMatchObject({ criticalAlerts: 0, warningAlerts: 2 });
    expect(result.notes).toContain(
      "device health not available to this NinjaOne API app (HTTP 403): alerts are classified without device health",
    );
  });

  it("reports a health report that is not a cursor report as an error and goes on", async () => {
    run({ health: [200, "<html>maintenance</html>"] });
    const h = harness({ config: { pageSize: 50, openTickets: false } });
    const result = await ninjaonePlugin.collect(h.context);
    expect(result.errors).toEqual([
      expect.objectContaining({
        entity: "device",
        message: expect.stringMatching(
          /^device health could not be read: \/v2\/queries\/device-health returned string, expected a \{cursor, results\} report/,
        ),
      }),
    ]);
    expect(result.sites).toHaveLength(2);
  });

  it("fails the run when the organization list is not a bare array", async () => {
    nockToken(TOKEN_1);
    api(TOKEN_1).get("/v2/organizations").query({ pageSize: "2" }).reply(200, { data: [] });
    const error = await ninjaonePlugin.collect(harness().context).catch((e: unknown) => e);
    expect(DataSourceError.is(error)).toBe(true);
    expect((error as Error).message).toBe(
      "ninjaone: /v2/organizations returned object, expected a JSON array; is NINJAONE_BASE_URL a NinjaOne instance?",
    );
  });

  it("reports malformed alerts, backup jobs and tickets per record", async () => {
    nockToken(TOKEN_1);
    api(TOKEN_1)
      .get("/v2/organizations")
      .query({ pageSize: "50" })
      .reply(200, fixture("organizations-page-1"))
      .get("/v2/devices-detailed")
      .query({ pageSize: "50" })
      .reply(200, fixture("devices-page-1"))
      .get("/v2/queries/device-health")
      .query({ pageSize: "50" })
      .reply(200, { cursor: null, results: [{ deviceId: "seven", healthStatus: "HEALTHY" }] })
      .get("/v2/alerts")
      .reply(200, [
        { deviceId: 5, sourceType: "AGENT_OFFLINE" },
        { uid: "a-ok", deviceId: 5, sourceType: "AGENT_OFFLINE" },
      ])
      .get("/v2/backup/jobs")
      .query({ pageSize: "50" })
      .reply(200, { cursor: null, results: [{ jobId: "j-1", deviceId: 5 }] })
      .get("/v2/ticketing/trigger/boards")
      .reply(200, [{ id: 2, name: "All tickets" }, { name: "no id" }])
      .post("/v2/ticketing/trigger/board/2/run", { pageSize: 50 })
      .reply(200, {
        data: [{ id: "x" }, { id: 9, organization: "Acme Corp" }],
        metadata: { lastCursorId: 9 },
      });
    const result = await ninjaonePlugin.collect(harness({ config: { pageSize: 50 } }).context);
    expect(result.errors.map((e) => [e.entity, e.id, e.message.replace(/:.*/, "")])).toEqual([
      ["device", "seven", "malformed device-health row seven"],
      ["alert", undefined, "malformed alert #1 (no usable id)"],
      ["backup", "j-1", "malformed backup job j-1"],
      ["other", undefined, "malformed ticket board #2 (no usable id)"],
      ["other", "x", "malformed ticket x"],
    ]);
    expect(result.sites[0]).toMatchObject({
      criticalAlerts: 0,
      warningAlerts: 1,
      backupStatus: "unknown",
      openTickets: 1,
    });
  });
});
