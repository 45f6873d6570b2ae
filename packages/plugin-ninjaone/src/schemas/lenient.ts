import { z } from "zod";

/**
 * A field the plugin can do without: absent, null or malformed all read as undefined, so one odd
 * cosmetic value never costs the whole record.
 */
export function lenient<T extends z.ZodType>(schema: T) {
  return schema.nullish().catch(undefined);
}

/** A vendor id: NinjaOne ids are non-negative integers. */
export const vendorId = z.number().int().nonnegative();

/** An epoch timestamp (seconds as a float, sometimes milliseconds); see epochToIso. */
export const epochTimestamp = lenient(z.union([z.number(), z.string()]));

/** An array of strings, keeping only the elements that are strings. */
export const stringList = lenient(
  z.array(z.unknown()).transform((items) => items.filter((item): item is string => typeof item === "string")),
);
