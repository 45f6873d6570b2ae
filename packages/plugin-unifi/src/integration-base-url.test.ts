import { describe, expect, it } from "vitest";
import { connectorIntegrationBaseUrl, localIntegrationBaseUrl } from "./integration-base-url.js";

describe("integration API base URLs", () => {
  it("adds the console proxy path unless it is there", () => {
    expect(localIntegrationBaseUrl("https://192.168.1.1").href).toBe(
      "https://192.168.1.1/proxy/network/integration",
    );
    expect(localIntegrationBaseUrl("https://unifi.lan:11443/").href).toBe(
      "https://unifi.lan:11443/proxy/network/integration",
    );
    expect(localIntegrationBaseUrl("https://192.168.1.1/proxy/network/integration/").href).toBe(
      "https://192.168.1.1/proxy/network/integration",
    );
  });

  it("builds the cloud connector path, keeping the host id's ':'", () => {
    expect(connectorIntegrationBaseUrl(new URL("https://api.ui.com"), "70A7:1261206302").href).toBe(
      "https://api.ui.com/v1/connector/consoles/70A7:1261206302/proxy/network/integration",
    );
    expect(connectorIntegrationBaseUrl("http://127.0.0.1:9000/mock/", "a/b").pathname).toBe(
      "/mock/v1/connector/consoles/a%2Fb/proxy/network/integration",
    );
  });
});
