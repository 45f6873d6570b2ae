/** A short, single-line rendering of an unexpected input for messages and breakdown notes. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "(a list)" : "(an object)";
  if (typeof value === "function") return "(a function)";
  return String(value);
}
