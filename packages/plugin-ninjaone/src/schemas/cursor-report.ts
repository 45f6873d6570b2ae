import { z } from "zod";
import { lenient } from "./lenient.js";

/** The envelope of `/v2/queries/*` reports and `/v2/backup/jobs`: `{cursor, results}`. */
export const cursorReportSchema = z.looseObject({
  cursor: lenient(
    z.looseObject({
      name: lenient(z.string()),
      offset: lenient(z.number()),
      count: lenient(z.number()),
      expires: lenient(z.number()),
    }),
  ),
  results: z.array(z.unknown()),
});
export type CursorReport = z.infer<typeof cursorReportSchema>;

/** Entity lists (`/v2/organizations`, `/v2/devices-detailed`) are bare arrays. */
export const bareArraySchema = z.array(z.unknown());
