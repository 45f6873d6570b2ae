import { createServer } from "node:net";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { unifiPlugin } from "../src/index.js";
import {
  API_KEY,
  closeServer,
  fixture,
  HOST_B,
  SITE_MANAGER,
  selfSignedConsole,
  unifiContext,
} from "./helpers.js";

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
});

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});

const api = () => nock(SITE_MANAGER, { reqheaders: { "x-api-key": API_KEY } });

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("unifi check", () => {
  it("accepts a working Site Manager key with one small request", async () => {
    api().get("/v1/hosts").query({ pageSize: "1" }).reply(200, fixture("hosts.json"));
    const { context } = unifiContext();
    await expect(unifiPlugin.check(context)).resolves.toEqual({
      ok: true,
      messages: ["Site Manager API key accepted (https://api.ui.com)"],
    });
  });

  it("says the key was rejected on 401, and where to make one", async () => {
    api().get("/v1/hosts").query({ pageSize: "1" }).reply(401, fixture("error-401.json"));
    const { context } = unifiContext();
    const result = await unifiPlugin.check(context);
    expect(result).toEqual({
      ok: false,
      messages: [
        "Site Manager API: API key rejected (401): create a Site Manager API key at unifi.ui.com → API (a key made on a console is not accepted by the cloud) [trace id 4a4b4c4d4e4f40414243444546474849]",
      ],
    });
  });

  it("says the key is not allowed on 403", async () => {
    api().get("/v1/hosts").query({ pageSize: "1" }).reply(403, fixture("error-403.json"));
    const { context } = unifiContext();
    const result = await unifiPlugin.check(context);
    expect(result.ok).toBe(false);
    expect(result.messages[0]).toMatch(/^Site Manager API: API key not allowed \(403\): /);
  });

  it("says when the API cannot be reached", async () => {
    const port = await closedPort();
    const { context } = unifiContext({}, { UNIFI_BASE_URL: `http://127.0.0.1:${port}` });
    const result = await unifiPlugin.check(context);
    expect(result.ok).toBe(false);
    expect(result.messages[0]).toMatch(
      new RegExp(`^Site Manager API: cannot reach http://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`),
    );
  });

  it("says which credential is missing or wrong", async () => {
    const missing = await unifiPlugin.check(unifiContext({}, { UNIFI_API_KEY: undefined }).context);
    expect(missing).toEqual({ ok: false, messages: [expect.stringMatching(/^UNIFI_API_KEY is not set: /)] });
    const insecure = await unifiPlugin.check(
      unifiContext({}, { UNIFI_BASE_URL: "http://api.ui.com" }).context,
    );
    expect(insecure.messages[0]).toMatch(/^UNIFI_BASE_URL must use https/);
  });

  it("checks each configured console through the connector", async () => {
    api()
      .get("/v1/hosts")
      .query({ pageSize: "1" })
      .reply(200, fixture("hosts.json"))
      .get(`/v1/connector/consoles/${HOST_B}/proxy/network/integration/v1/info`)
      .reply(200, fixture("integration-info.json"))
      .get("/v1/connector/consoles/ABC:1/proxy/network/integration/v1/info")
      .reply(404, fixture("error-404.json"));
    const { context } = unifiContext({ mode: "connector", hostIds: [HOST_B, "ABC:1"] });
    const result = await unifiPlugin.check(context);
    expect(result.ok).toBe(false);
    expect(result.messages).toEqual([
      "Site Manager API key accepted (https://api.ui.com)",
      `console ${HOST_B} through the cloud connector: API key accepted (Network 10.5.66)`,
      expect.stringMatching(/^console ABC:1 through the cloud connector: .*returned 404: thing not found/),
    ]);
  });

  it("explains a console's self-signed certificate, and accepts it when allowed", async () => {
    const { url, server } = await selfSignedConsole((_path, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(fixture("integration-info.json")));
    });
    try {
      const strict = await unifiPlugin.check(unifiContext({ mode: "local", consoleUrl: url }).context);
      expect(strict.ok).toBe(false);
      expect(strict.messages[0]).toBe(
        `console ${url}: GET /proxy/network/integration/v1/info failed: TLS certificate not trusted (DEPTH_ZERO_SELF_SIGNED_CERT) — if the console uses its factory self-signed certificate, set sources.unifi.allowSelfSignedTls: true`,
      );
      const lenient = await unifiPlugin.check(
        unifiContext({ mode: "local", consoleUrl: url, allowSelfSignedTls: true }).context,
      );
      expect(lenient).toEqual({ ok: true, messages: [`console ${url}: API key accepted (Network 10.5.66)`] });
    } finally {
      await closeServer(server);
    }
  });
});
