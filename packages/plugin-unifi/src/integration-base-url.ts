/** `https://<console>/proxy/network/integration`, unless the URL already ends in `/integration`. */
export function localIntegrationBaseUrl(consoleUrl: URL | string): URL {
  const url = new URL(consoleUrl);
  const path = url.pathname.replace(/\/+$/, "");
  url.pathname = /\/integration$/.test(path) ? path : `${path}/proxy/network/integration`;
  return url;
}

/** `{UNIFI_BASE_URL}/v1/connector/consoles/{hostId}/proxy/network/integration`; the host id keeps its ":". */
export function connectorIntegrationBaseUrl(baseUrl: URL | string, hostId: string): URL {
  const url = new URL(baseUrl);
  const segment = encodeURIComponent(hostId).replace(/%3A/gi, ":");
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/v1/connector/consoles/${segment}/proxy/network/integration`;
  return url;
}
