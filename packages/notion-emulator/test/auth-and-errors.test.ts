import { Client } from "@notionhq/client";
import { afterEach, describe, expect, it } from "vitest";
import { startNotionEmulator } from "../src/index.js";
import { expectNotionError, type Harness, sdkClient, startHarness } from "./support/harness.js";

let h: Harness;
afterEach(async () => {
  expect(h.emulator.internalErrors()).toEqual([]);
  await h.emulator.stop();
});

async function raw(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  const res = await fetch(`${h.emulator.url}${path}`, init);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

describe("authentication and versioning", () => {
  it("answers GET users/me with the bot user", async () => {
    h = await startHarness();
    const me = await h.notion.users.me({});
    expect(me).toMatchObject({
      object: "user",
      type: "bot",
      bot: { owner: { type: "workspace", workspace: true } },
    });
  });

  it("refuses a missing or wrong token with 401 unauthorized", async () => {
    h = await startHarness();
    await expectNotionError(sdkClient(h.emulator, { auth: "secret_wrong" }).users.me({}), {
      status: 401,
      code: "unauthorized",
      message: "API token is invalid.",
    });
    const anonymous = new Client({ baseUrl: h.emulator.url, retry: false, logger: () => {} });
    await expectNotionError(anonymous.users.me({}), { status: 401, code: "unauthorized" });
  });

  it("accepts any bearer token with anyToken", async () => {
    h = { ...(await startHarness({ anyToken: true })) };
    await expect(sdkClient(h.emulator, { auth: "ntn_whatever" }).users.me({})).resolves.toMatchObject({
      object: "user",
    });
  });

  it("requires the Notion-Version header (400 missing_version) and only implements 2025-09-03", async () => {
    h = await startHarness();
    const missing = await raw("/v1/users/me", { headers: { authorization: `Bearer ${h.emulator.token}` } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ object: "error", code: "missing_version" });
    expect(missing.body.message).toMatch(/Notion-Version header should be defined/);
    const old = await raw("/v1/users/me", {
      headers: { authorization: `Bearer ${h.emulator.token}`, "notion-version": "2022-06-28" },
    });
    expect(old.body).toMatchObject({ code: "validation_error" });
  });
});

describe("error envelope", () => {
  const headers = () => ({
    authorization: `Bearer ${h.emulator.token}`,
    "notion-version": "2025-09-03",
    "content-type": "application/json",
  });

  it("answers unknown objects with 404 object_not_found and Notion's sharing hint", async () => {
    h = await startHarness();
    const id = "0f3a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b";
    await expectNotionError(h.notion.pages.retrieve({ page_id: id }), {
      status: 404,
      code: "object_not_found",
      message: `Could not find page with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
    });
    await expectNotionError(h.notion.dataSources.retrieve({ data_source_id: id }), {
      status: 404,
      code: "object_not_found",
      message: /Could not find data source with ID/,
    });
  });

  it("hides pages that are not shared with the integration", async () => {
    h = await startHarness();
    const hidden = h.emulator.createParentPage("Private", { shared: false });
    await expectNotionError(h.notion.pages.retrieve({ page_id: hidden }), {
      status: 404,
      code: "object_not_found",
    });
    h.emulator.setShared(hidden, true);
    await expect(h.notion.pages.retrieve({ page_id: hidden })).resolves.toMatchObject({ id: hidden });
  });

  it("accepts compact ids and rejects malformed ones", async () => {
    h = await startHarness();
    const compact = h.parentPageId.replaceAll("-", "");
    await expect(h.notion.pages.retrieve({ page_id: compact })).resolves.toMatchObject({
      id: h.parentPageId,
    });
    await expectNotionError(h.notion.pages.retrieve({ page_id: "not-an-id" }), {
      status: 400,
      code: "validation_error",
      message: /path\.page_id should be a valid uuid/,
    });
  });

  it("answers malformed JSON with invalid_json and unknown paths with invalid_request_url", async () => {
    h = await startHarness();
    const bad = await raw("/v1/pages", { method: "POST", headers: headers(), body: "{not json" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: "invalid_json" });
    const unknown = await raw("/v1/nothing-here", { headers: headers() });
    expect(unknown.body).toMatchObject({ status: 400, code: "invalid_request_url" });
    expect(unknown.headers.get("x-notion-request-id")).toBe(unknown.body.request_id);
  });
});

describe("startNotionEmulator", () => {
  it("listens on 127.0.0.1 with a usable base URL for the SDK", async () => {
    const emulator = await startNotionEmulator({ rateLimit: 0 });
    h = { emulator, notion: sdkClient(emulator), parentPageId: "" };
    expect(emulator.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.token).toBe("secret_emulator");
    await expect(h.notion.users.me({})).resolves.toMatchObject({ object: "user" });
  });
});
