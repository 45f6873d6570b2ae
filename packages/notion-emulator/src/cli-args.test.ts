import { describe, expect, it } from "vitest";
import { CliUsageError, parseCliArgs } from "./cli-args.js";

describe("parseCliArgs", () => {
  it("reads every flag, in both --flag value and --flag=value forms", () => {
    expect(
      parseCliArgs([
        "--port",
        "4010",
        "--token=secret_x",
        "--rate-limit",
        "2.5",
        "--burst=4",
        "--state-file",
        "s.json",
        "--plan",
        "free",
        "--seed",
        "9",
        "--any-token",
        "--parent-page",
        "Ops",
      ]),
    ).toEqual({
      port: 4010,
      token: "secret_x",
      rateLimit: 2.5,
      burst: 4,
      stateFile: "s.json",
      plan: "free",
      seed: 9,
      anyToken: true,
      parentPage: "Ops",
      help: false,
    });
    expect(parseCliArgs([])).toEqual({ port: 0, anyToken: false, help: false });
  });

  it("refuses bad input with a message naming the flag", () => {
    expect(() => parseCliArgs(["--port", "http"])).toThrow(
      new CliUsageError("--port needs a number, got http."),
    );
    expect(() => parseCliArgs(["--port", "70000"])).toThrow(/--port must be 0–65535/);
    expect(() => parseCliArgs(["--plan", "team"])).toThrow(
      /--plan must be one of free, plus, business, enterprise, got team/,
    );
    expect(() => parseCliArgs(["--token"])).toThrow(/--token needs a value/);
    expect(() => parseCliArgs(["--verbose"])).toThrow(/Unknown option --verbose/);
  });
});
