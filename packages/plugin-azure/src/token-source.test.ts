import type { AccessToken } from "@azure/core-auth";
import { DataSourceError } from "@notion-ops/core";
import { describe, expect, it } from "vitest";
import { createTokenSource } from "./token-source.js";

function source(expiresInMs: number, refreshAfterMs?: number) {
  let now = Date.parse("2025-06-01T08:00:00Z");
  let issued = 0;
  const tokens = createTokenSource(
    {
      method: "injected",
      description: "a test credential",
      credential: {
        getToken: async (): Promise<AccessToken> => ({
          token: `t${++issued}`,
          expiresOnTimestamp: now + expiresInMs,
          ...(refreshAfterMs === undefined ? {} : { refreshAfterTimestamp: now + refreshAfterMs }),
        }),
      },
    },
    "https://management.azure.com/.default",
    { now: () => new Date(now) },
  );
  return {
    tokens,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("createTokenSource", () => {
  it("reuses a token until two minutes before it expires", async () => {
    const { tokens, advance } = source(60 * 60_000);
    expect(await tokens.token()).toBe("t1");
    advance(57 * 60_000);
    expect(await tokens.token()).toBe("t1");
    advance(1 * 60_000 + 1);
    expect(await tokens.token()).toBe("t2");
    expect(tokens.secrets()).toEqual(["t1", "t2"]);
  });

  it("honours refreshAfterTimestamp and invalidate()", async () => {
    const { tokens, advance } = source(60 * 60_000, 30 * 60_000);
    expect(await tokens.token()).toBe("t1");
    advance(30 * 60_000);
    expect(await tokens.token()).toBe("t2");
    tokens.invalidate();
    expect(await tokens.token()).toBe("t3");
  });

  it("wraps a sign-in failure with the scope, the method and advice", async () => {
    const tokens = createTokenSource(
      {
        method: "client-secret",
        description: "client secret of client 123",
        credential: {
          getToken: async () => {
            throw new Error("AADSTS7000222: The provided client secret keys for app '123' are expired.");
          },
        },
      },
      "https://management.azure.com/.default",
    );
    const failure = await tokens.token().catch((error: unknown) => error);
    expect(DataSourceError.is(failure)).toBe(true);
    expect((failure as Error).message).toBe(
      "azure: could not get a token for https://management.azure.com/.default with client secret of client 123: AADSTS7000222: The provided client secret keys for app '123' are expired. (AADSTS7000222: the client secret has expired; create a new one for the app registration)",
    );
  });
});
