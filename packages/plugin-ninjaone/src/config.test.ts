import { UsageError } from "@notion-ops/core";
import { describe, expect, it } from "vitest";
import { ninjaoneConfigSchema } from "./config.js";
import { resolveConnection } from "./connection.js";

const env = { NINJAONE_CLIENT_ID: "id", NINJAONE_CLIENT_SECRET: "secret-value" };

describe("sources.ninjaone", () => {
  it("needs a known region and fills the defaults", () => {
    expect(ninjaoneConfigSchema.parse({ region: "eu" })).toEqual({
      region: "eu",
      pageSize: 1000,
      openTickets: true,
      ticketBoard: "All tickets",
    });
    expect(ninjaoneConfigSchema.safeParse({}).success).toBe(false);
    expect(ninjaoneConfigSchema.safeParse({ region: "apac" }).success).toBe(false);
  });

  it("rejects unknown keys and out-of-range page sizes", () => {
    const typo = ninjaoneConfigSchema.safeParse({ region: "us", pagesize: 10 });
    expect(typo.success).toBe(false);
    expect(typo.error?.issues[0]?.code).toBe("unrecognized_keys");
    expect(ninjaoneConfigSchema.safeParse({ region: "us", pageSize: 0 }).success).toBe(false);
    expect(ninjaoneConfigSchema.safeParse({ region: "us", pageSize: 1001 }).success).toBe(false);
    expect(ninjaoneConfigSchema.parse({ region: "us", ticketBoard: 4 }).ticketBoard).toBe(4);
  });
});

describe("resolveConnection", () => {
  it("derives the instance from the region", () => {
    const hosts = (["us", "eu", "oc", "ca", "us2", "fed"] as const).map(
      (region) => resolveConnection({ region }, env).baseUrl.origin,
    );
    expect(hosts).toEqual([
      "https://app.ninjarmm.com",
      "https://eu.ninjarmm.com",
      "https://oc.ninjarmm.com",
      "https://ca.ninjarmm.com",
      "https://us2.ninjarmm.com",
      "https://fed.ninjarmm.com",
    ]);
  });

  it("lets NINJAONE_BASE_URL override it, refusing plain http except on loopback", () => {
    expect(
      resolveConnection({ region: "us" }, { ...env, NINJAONE_BASE_URL: "https://proxy.example/ninja" })
        .baseUrl.href,
    ).toBe("https://proxy.example/ninja");
    expect(
      resolveConnection({ region: "us" }, { ...env, NINJAONE_BASE_URL: "http://127.0.0.1:8080" }).baseUrl
        .port,
    ).toBe("8080");
    expect(() =>
      resolveConnection({ region: "us" }, { ...env, NINJAONE_BASE_URL: "http://ninja.example" }),
    ).toThrow(UsageError);
  });

  it("names a missing credential", () => {
    expect(() => resolveConnection({ region: "us" }, { NINJAONE_CLIENT_ID: "id" })).toThrow(
      /NINJAONE_CLIENT_SECRET is not set/,
    );
  });
});
