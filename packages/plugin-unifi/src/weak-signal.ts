/**
 * Weak-signal clients, estimated: neither UniFi API reports a client's signal strength (Site
 * Manager has only site totals; the integration API's client records carry no RSSI). What both
 * report is the share of wireless transmissions that had to be retried, which rises with weak
 * signal, distance and interference. The estimate counts that share of the wifi clients as weak:
 * `round(clients × txRetry% / 100)`, the retry rate clamped to 0..100.
 */
export function weakSignalFromTxRetry(wifiClients: number, txRetryPct: number): number {
  const share = Math.min(100, Math.max(0, txRetryPct)) / 100;
  return Math.min(wifiClients, Math.round(wifiClients * share));
}

/**
 * The same estimate per access point (integration API): each wireless client is weighted by the
 * retry rate of the AP it is connected to (mean over the AP's radios). Clients on an AP whose
 * statistics are unknown are left out of the estimate; undefined when no AP rate is known.
 */
export function weakSignalFromAccessPoints(
  wirelessClientsByAp: ReadonlyMap<string, number>,
  txRetryPctByAp: ReadonlyMap<string, number>,
): number | undefined {
  let weak = 0;
  let known = false;
  for (const [ap, clients] of wirelessClientsByAp) {
    const retry = txRetryPctByAp.get(ap);
    if (retry === undefined) continue;
    known = true;
    weak += clients * (Math.min(100, Math.max(0, retry)) / 100);
  }
  return known ? Math.round(weak) : undefined;
}

/** Mean retry rate over the radios that report one. */
export function meanTxRetry(
  radios: readonly { txRetriesPct?: number | null | undefined }[],
): number | undefined {
  const rates = radios.map((r) => r.txRetriesPct).filter((r): r is number => typeof r === "number");
  return rates.length === 0 ? undefined : rates.reduce((a, b) => a + b, 0) / rates.length;
}
