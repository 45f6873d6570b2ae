import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { notionOptionsFromEnv } from "./env-options.js";

describe("notionOptionsFromEnv", () => {
  it("reads the token, base URL, rate limit and the retry and timeout knobs", () => {
    expect(
      notionOptionsFromEnv({
        NOTION_TOKEN: " secret_x ",
        NOTION_BASE_URL: "http://127.0.0.1:4010",
        NOTION_OPS_RATE_LIMIT: "2.5",
        NOTION_OPS_RETRY_BASE_MS: "50",
        NOTION_OPS_TIMEOUT_MS: "1500",
      }),
    ).toEqual({
      token: "secret_x",
      baseUrl: "http://127.0.0.1:4010",
      rateLimit: 2.5,
      baseDelayMs: 50,
      timeoutMs: 1500,
    });
  });

  it("leaves unset and empty variables to the client's defaults", () => {
    expect(
      notionOptionsFromEnv({ NOTION_TOKEN: "t", NOTION_OPS_RETRY_BASE_MS: "", NOTION_OPS_TIMEOUT_MS: " " }),
    ).toEqual({
      token: "t",
    });
  });

  it.each([
    [
      "NOTION_OPS_RATE_LIMIT",
      "fast",
      'NOTION_OPS_RATE_LIMIT must be a number of requests per second above 0, got "fast".',
    ],
    [
      "NOTION_OPS_RETRY_BASE_MS",
      "0",
      'NOTION_OPS_RETRY_BASE_MS must be a number of milliseconds above 0, got "0".',
    ],
    [
      "NOTION_OPS_TIMEOUT_MS",
      "-5",
      'NOTION_OPS_TIMEOUT_MS must be a number of milliseconds above 0, got "-5".',
    ],
  ])("refuses %s=%s with a message naming it", (name, value, message) => {
    const error = (() => {
      try {
        notionOptionsFromEnv({ NOTION_TOKEN: "t", [name]: value });
      } catch (e) {
        return e;
      }
    })();
    expect(UsageError.is(error)).toBe(true);
    expect((error as Error).message).toBe(message);
  });
});
