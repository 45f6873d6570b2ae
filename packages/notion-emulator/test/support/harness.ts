import { APIResponseError, Client } from "@notionhq/client";
import { expect } from "vitest";
import { type NotionEmulator, type NotionEmulatorOptions, startNotionEmulator } from "../../src/index.js";

/** Notion responses are read loosely in tests; assertions pin the shapes down. */
// biome-ignore lint/suspicious/noExplicitAny: JSON read shapes are asserted field by field.
export type AnyRecord = Record<string, any>;

export interface Harness {
  emulator: NotionEmulator;
  notion: Client;
  parentPageId: string;
}

/** A test clock: starts at a fixed instant and only moves when told to. */
export function manualClock(start = Date.parse("2026-03-02T10:00:00.000Z")) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
    set(ms: number) {
      t = ms;
    },
  };
}

export function sdkClient(
  emulator: NotionEmulator,
  options: { timeoutMs?: number; auth?: string } = {},
): Client {
  return new Client({
    auth: options.auth ?? emulator.token,
    baseUrl: emulator.url,
    retry: false,
    timeoutMs: options.timeoutMs ?? 10_000,
    logger: () => {},
  });
}

/** An emulator without rate limiting (unless asked), an SDK client with retries off, and a parent page. */
export async function startHarness(options: NotionEmulatorOptions = {}): Promise<Harness> {
  const emulator = await startNotionEmulator({ rateLimit: 0, seed: 7, ...options });
  return { emulator, notion: sdkClient(emulator), parentPageId: emulator.createParentPage("Operations") };
}

/** Asserts that a call fails with Notion's error envelope, and returns the error. */
export async function expectNotionError(
  call: Promise<unknown>,
  expected: { status: number; code: string; message?: string | RegExp },
): Promise<APIResponseError> {
  let caught: unknown;
  try {
    await call;
  } catch (error) {
    caught = error;
  }
  expect(caught, "the call should have failed").toBeDefined();
  expect(APIResponseError.isAPIResponseError(caught)).toBe(true);
  const error = caught as APIResponseError;
  expect({ status: error.status, code: error.code }).toEqual({
    status: expected.status,
    code: expected.code,
  });
  if (typeof expected.message === "string") expect(error.message).toBe(expected.message);
  else if (expected.message) expect(error.message).toMatch(expected.message);
  const body = JSON.parse(error.body) as Record<string, unknown>;
  expect(body).toMatchObject({ object: "error", status: expected.status, code: expected.code });
  expect(typeof body.request_id).toBe("string");
  return error;
}

export const text = (content: string) => [{ type: "text" as const, text: { content } }];

/** Creates a database with one property of every type the product writes, plus read-only ones. */
export async function createKitchenSink(h: Harness, extra: Record<string, unknown> = {}) {
  const target = await h.notion.databases.create({
    parent: { type: "page_id", page_id: h.parentPageId },
    title: text("Customer Sites"),
    initial_data_source: { properties: { "Site Name": { title: {} }, "Site Key": { rich_text: {} } } },
  });
  const targetDs = (target as { data_sources: { id: string }[] }).data_sources[0]?.id as string;
  const db = await h.notion.databases.create({
    parent: { type: "page_id", page_id: h.parentPageId },
    title: text("Network Devices"),
    initial_data_source: {
      properties: {
        "Device Name": { title: {} },
        "Device Key": { rich_text: {} },
        Score: { number: { format: "number" } },
        Vendor: { select: { options: [{ name: "UniFi", color: "blue" }, { name: "MikroTik" }] } },
        Tags: { multi_select: { options: [{ name: "core" }, { name: "edge" }] } },
        Stage: { status: {} },
        "Last Seen": { date: {} },
        Online: { checkbox: {} },
        Dashboard: { url: {} },
        Owner: { email: {} },
        Phone: { phone_number: {} },
        Site: { relation: { data_source_id: targetDs, type: "single_property", single_property: {} } },
        Formula: { formula: { expression: "1 + 1" } },
        Created: { created_time: {} },
        Edited: { last_edited_time: {} },
        Ref: { unique_id: { prefix: "DEV" } },
        ...extra,
      } as never,
    },
  });
  const dsId = (db as { data_sources: { id: string }[] }).data_sources[0]?.id as string;
  return { databaseId: db.id, dataSourceId: dsId, siteDatabaseId: target.id, siteDataSourceId: targetDs };
}
