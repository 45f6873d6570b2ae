import { UsageError } from "../errors.js";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * Base URLs exist for proxies, regions and tests. Anything but https is refused unless it points
 * at this machine, so a typo can never send a token in clear text across a network.
 */
export function parseBaseUrl(value: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`${name} is not a valid URL: "${value}"`);
  }
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && isLoopback(url.hostname)) return url;
  throw new UsageError(
    `${name} must use https (got "${url.protocol}//${url.host}"); plain http is allowed only for loopback addresses`,
  );
}
