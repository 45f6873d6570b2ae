import { describe, expect, it } from "vitest";
import { azureErrorCode, azureErrorMessage, azureTraceId } from "./azure-error.js";

describe("azureErrorMessage", () => {
  it("joins code, message and details that add something", () => {
    expect(
      azureErrorMessage({
        error: {
          code: "BadRequest",
          message: "Please provide below info when asking for support",
          details: [
            { code: "InvalidQuery", message: "Query is invalid." },
            { code: "BadRequest", message: "Please provide below info when asking for support" },
          ],
        },
      }),
    ).toBe("BadRequest: Please provide below info when asking for support (InvalidQuery: Query is invalid.)");
    expect(azureErrorMessage({ error: { code: "AuthorizationFailed" } })).toBe("AuthorizationFailed");
    expect(azureErrorCode({ error: { code: "AuthorizationFailed" } })).toBe("AuthorizationFailed");
  });

  it("leaves other bodies to the HTTP client's summary", () => {
    expect(azureErrorMessage("<html>Bad Gateway</html>")).toBeUndefined();
    expect(azureErrorMessage({ message: "nope" })).toBeUndefined();
    expect(azureErrorMessage({ error: {} })).toBeUndefined();
  });
});

describe("azureTraceId", () => {
  it("prefers the correlation id", () => {
    expect(azureTraceId(new Headers({ "x-ms-request-id": "r", "x-ms-correlation-request-id": "c" }))).toBe(
      "c",
    );
    expect(azureTraceId(new Headers({ "x-ms-request-id": "r" }))).toBe("r");
    expect(azureTraceId(new Headers())).toBeUndefined();
  });
});
