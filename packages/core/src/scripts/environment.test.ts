import { describe, expect, it } from "vitest";
import { buildChildEnvironment } from "./environment.js";

describe("child environment", () => {
  const parent = {
    PATH: "/usr/bin",
    HOME: "/home/runner",
    CI: "true",
    LANG: "C.UTF-8",
    TMPDIR: "/tmp/x",
    SHELL: "/bin/zsh",
    NOTION_TOKEN: "secret_abc",
    MY_API_KEY: "k-123456",
    DB_PASSWORD: "pw-123456",
    GITHUB_TOKEN: "ghs_123",
    GITHUB_SHA: "abc",
    GITHUB_EVENT_NAME: "schedule",
    GITHUB_APP_KEY: "x",
    GITHUB_CLIENT_SECRET: "y",
    RUNNER_OS: "Linux",
    NODE_OPTIONS: "--require evil.js",
    BASH_ENV: "/tmp/evil.sh",
  };

  it("passes only the base names and non-secret GITHUB_* variables", () => {
    expect(buildChildEnvironment(parent, [])).toEqual({
      env: {
        PATH: "/usr/bin",
        HOME: "/home/runner",
        CI: "true",
        LANG: "C.UTF-8",
        TMPDIR: "/tmp/x",
        GITHUB_SHA: "abc",
        GITHUB_EVENT_NAME: "schedule",
      },
      missing: [],
      secretValues: [],
    });
  });

  it("adds listed names, reporting unset ones and secret-looking values", () => {
    const { env, missing, secretValues } = buildChildEnvironment(parent, [
      "MY_API_KEY",
      "RUNNER_OS",
      "NOT_SET",
    ]);
    expect(env.MY_API_KEY).toBe("k-123456");
    expect(env.RUNNER_OS).toBe("Linux");
    expect(env.NOTION_TOKEN).toBeUndefined();
    expect(missing).toEqual(["NOT_SET"]);
    expect(secretValues).toEqual(["k-123456"]);
  });

  it("falls back to a standard PATH", () => {
    expect(buildChildEnvironment({}, []).env).toEqual({ PATH: "/usr/local/bin:/usr/bin:/bin" });
  });
});
