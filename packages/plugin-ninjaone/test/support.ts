import { readFileSync } from "node:fs";
import { createLogger, createMemorySink, type PluginContext } from "@notion-ops/core";
import nock from "nock";
import { type NinjaOneConfig, type NinjaOneConfigInput, ninjaoneConfigSchema } from "../src/config.js";

export const BASE = "https://eu.ninjarmm.com";
export const CLIENT_ID = "fixture-client-id-7Qe2"; // not a secret, but never logged either way
export const CLIENT_SECRET = "s3cr3t-Fixture-Client-Secret-zT9";
export const TOKEN_1 = "eyJhbGciOiJSUzI1NiJ9.fixture-access-token-1";
export const TOKEN_2 = "eyJhbGciOiJSUzI1NiJ9.fixture-access-token-2";

export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), "utf8")) as T;
}

export function tokenBody(
  accessToken: string,
  expiresIn: number | undefined = 3600,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...fixture<Record<string, unknown>>("token"),
    access_token: accessToken,
  };
  if (expiresIn === undefined) delete body.expires_in;
  else body.expires_in = expiresIn;
  return body;
}

/** The exact token request: form-encoded client credentials with scope "monitoring management" and nothing else. */
export const TOKEN_FORM = {
  grant_type: "client_credentials",
  client_id: CLIENT_ID,
  client_secret: CLIENT_SECRET,
  scope: "monitoring management",
};

export function nockToken(accessToken: string, expiresIn?: number, base = BASE): nock.Scope {
  return nock(base, { reqheaders: { "content-type": "application/x-www-form-urlencoded" } })
    .post("/ws/oauth/token", TOKEN_FORM)
    .reply(200, tokenBody(accessToken, expiresIn));
}

/** An API host that only answers requests bearing `token`. */
export function api(token: string, base = BASE): nock.Scope {
  return nock(base, { reqheaders: { authorization: `Bearer ${token}` } });
}

export interface Harness {
  context: PluginContext<NinjaOneConfig>;
  sleeps: number[];
  sink: ReturnType<typeof createMemorySink>;
  clock: { now: () => Date; advance(ms: number): void };
}

export function harness(
  options: { config?: Partial<NinjaOneConfigInput>; env?: Record<string, string | undefined> } = {},
): Harness {
  const sink = createMemorySink();
  const sleeps: number[] = [];
  let nowMs = Date.parse("2025-03-19T20:00:00.000Z");
  const clock = {
    now: () => new Date(nowMs),
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
  const config = ninjaoneConfigSchema.parse({ region: "eu", pageSize: 2, ...options.config });
  return {
    context: {
      config,
      env: { NINJAONE_CLIENT_ID: CLIENT_ID, NINJAONE_CLIENT_SECRET: CLIENT_SECRET, ...options.env },
      logger: createLogger(sink),
      now: clock.now,
      sleep: async (ms) => void sleeps.push(ms),
    },
    sleeps,
    sink,
    clock,
  };
}

/** Every interceptor of a complete run over the multi-page fixtures (pageSize 2), authorised with `token`. */
export function nockCompleteRun(token: string, base = BASE): nock.Scope {
  return api(token, base)
    .get("/v2/organizations")
    .query({ pageSize: "2" })
    .reply(200, fixture("organizations-page-1"))
    .get("/v2/organizations")
    .query({ pageSize: "2", after: "3" })
    .reply(200, fixture("organizations-page-2"))
    .get("/v2/organizations")
    .query({ pageSize: "2", after: "7" })
    .reply(200, fixture("organizations-page-3"))
    .get("/v2/devices-detailed")
    .query({ pageSize: "2" })
    .reply(200, fixture("devices-page-1"))
    .get("/v2/devices-detailed")
    .query({ pageSize: "2", after: "7" })
    .reply(200, fixture("devices-page-2"))
    .get("/v2/devices-detailed")
    .query({ pageSize: "2", after: "11" })
    .reply(200, fixture("devices-page-3"))
    .get("/v2/devices-detailed")
    .query({ pageSize: "2", after: "14" })
    .reply(200, fixture("devices-page-4"))
    .get("/v2/queries/device-health")
    .query({ pageSize: "2" })
    .reply(200, fixture("device-health-page-1"))
    .get("/v2/queries/device-health")
    .query({ pageSize: "2", cursor: "f3b1c2d4-device-health" })
    .reply(200, fixture("device-health-page-2"))
    .get("/v2/alerts")
    .reply(200, fixture("alerts"))
    .get("/v2/backup/jobs")
    .query({ pageSize: "2" })
    .reply(200, fixture("backup-jobs-page-1"))
    .get("/v2/backup/jobs")
    .query({ pageSize: "2", cursor: "9a8b7c6d-backup-jobs" })
    .reply(200, fixture("backup-jobs-page-2"))
    .get("/v2/backup/jobs")
    .query({ pageSize: "2", cursor: "9a8b7c6d-backup-jobs" })
    .reply(200, fixture("backup-jobs-page-3"))
    .get("/v2/backup/jobs")
    .query({ pageSize: "2", cursor: "9a8b7c6d-backup-jobs" })
    .reply(200, fixture("backup-jobs-page-4"))
    .get("/v2/ticketing/trigger/boards")
    .reply(200, fixture("ticket-boards"))
    .post("/v2/ticketing/trigger/board/2/run", { pageSize: 2 })
    .reply(200, fixture("board-run-page-1"))
    .post("/v2/ticketing/trigger/board/2/run", { pageSize: 2, lastCursorId: 1262 })
    .reply(200, fixture("board-run-page-2"));
}

/** Everything a run showed a user: thrown messages, record errors, notes and every log line. */
export function everythingShown(h: Harness, extra: unknown[] = []): string {
  return [
    ...h.sink.lines.map((line) => line.message),
    ...extra.map((value) => {
      if (value instanceof Error) {
        const cause = (value as { cause?: unknown }).cause;
        return [value.message, JSON.stringify(value), cause instanceof Error ? cause.message : ""].join("\n");
      }
      return JSON.stringify(value);
    }),
  ].join("\n");
}

export function useNock(): void {
  // called from each test file's hooks
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
}
