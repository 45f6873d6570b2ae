import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { createLogger, createMemorySink, type PluginContext } from "@notion-ops/core";
import { type UnifiConfig, type UnifiConfigInput, unifiConfigSchema } from "../src/config.js";

export const API_KEY = "unifi_test_key_7Hq2ZpX9vR4sT1uW";
export const SITE_MANAGER = "https://api.ui.com";
export const NOW = new Date("2026-03-01T10:00:00.000Z");

export const HOST_A = "900A6F00301100000000074A6BA90000000007A3387E0000000063EC9853:123456789";
export const HOST_B = "70A7419783ED0000000006797A4A0000000006B3B2C6000000006304BB23:1261206302";
export const HOST_C = "942A6F26C6CA0000000007146FD70000000007B1F7D1000000006570A5A2:714694";
export const TOKEN_1 = "602232A870250000000006C514FF00000000073A79F8000000006369FDA2:1467082514";
export const TOKEN_2 = "602232A870250000000006C514FF00000000073A79F8000000006369FDA2:1467082999";
export const DEVICE_TOKEN_1 = "602232A870250000000006C514FF00000000073A79F8000000006369FDA2:1467085000";
export const DEVICE_TOKEN_2 = "602232A870250000000006C514FF00000000073A79F8000000006369FDA2:1467085999";

export function fixture<T = unknown>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")) as T;
}

export function fixturePath(name: string): URL {
  return new URL(`./fixtures/${name}`, import.meta.url);
}

/** A plugin context with a memory logger, recorded (not slept) pauses and a fixed clock. */
export function unifiContext(config: UnifiConfigInput = {}, env: Record<string, string | undefined> = {}) {
  const sleeps: number[] = [];
  const sink = createMemorySink();
  const context: PluginContext<UnifiConfig> = {
    config: unifiConfigSchema.parse(config),
    env: { UNIFI_API_KEY: API_KEY, ...env },
    logger: createLogger(sink),
    sleep: async (ms) => void sleeps.push(ms),
    now: () => NOW,
  };
  return { context, sleeps, sink };
}

export type Handler = (req: IncomingMessage, res: ServerResponse, seen: number) => void;

/** A real loopback server (for timeouts and dropped connections, which nock cannot fake with fetch). */
export async function loopbackServer(
  route: (path: string) => Handler | undefined,
): Promise<{ url: string; server: Server; paths: string[] }> {
  const counts = new Map<string, number>();
  const paths: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    paths.push(req.url ?? "");
    const seen = (counts.get(path) ?? 0) + 1;
    counts.set(path, seen);
    const handler = route(path);
    if (!handler) {
      res.statusCode = 404;
      res.end(JSON.stringify({ code: "NOT_FOUND", httpStatusCode: 404, message: `no route ${path}` }));
      return;
    }
    handler(req, res, seen);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, paths };
}

export function json(body: unknown, status = 200): Handler {
  return (_req, res) => {
    res.statusCode = status;
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(body));
  };
}

export async function closeServer(server: Server | HttpsServer): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A loopback https server with a self-signed certificate, like a UniFi console out of the box. */
export async function selfSignedConsole(
  handler: (path: string, res: ServerResponse) => void,
): Promise<{ url: string; server: HttpsServer }> {
  const server = createHttpsServer(
    {
      key: readFileSync(fixturePath("tls/self-signed-key.pem")),
      cert: readFileSync(fixturePath("tls/self-signed-cert.pem")),
    },
    (req, res) => handler(new URL(req.url ?? "/", "https://127.0.0.1").pathname, res),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `https://127.0.0.1:${port}`, server };
}
