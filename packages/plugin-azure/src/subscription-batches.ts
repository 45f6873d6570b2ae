/** Resource Graph guidance: query subscriptions in groups rather than one by one, at most 300 at a time. */
export const MAX_SUBSCRIPTIONS_PER_QUERY = 300;

export function subscriptionBatches(
  subscriptions: readonly string[],
  size: number = MAX_SUBSCRIPTIONS_PER_QUERY,
): string[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`batch size must be a positive integer, got ${size}`);
  const batches: string[][] = [];
  for (let start = 0; start < subscriptions.length; start += size) {
    batches.push(subscriptions.slice(start, start + size));
  }
  return batches;
}
