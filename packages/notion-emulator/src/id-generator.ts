import { createPrng, type Prng } from "./prng.js";

/**
 * Generates the ids the emulator hands out: UUIDs for objects and requests, and Notion's short
 * URL-encoded property ids. Driven by a seeded PRNG whose state is persisted with the workspace, so
 * a seeded emulator produces the same ids run after run and a reloaded one never reuses an id.
 */
export interface IdGenerator {
  uuid(): string;
  /** A short property id like Notion's (`%3AUPp`, `BJXS`); never `title`. */
  propertyId(): string;
  state(): number;
}

const PROPERTY_ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:;<=>?@[]^_{|}~";

export function createIdGenerator(seedOrState: number): IdGenerator {
  const prng: Prng = createPrng(seedOrState);
  const hex32 = (): string => prng.nextUint32().toString(16).padStart(8, "0");
  return {
    uuid() {
      const h = `${hex32()}${hex32()}${hex32()}${hex32()}`;
      const variant = ((Number.parseInt(h[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
    propertyId() {
      let raw = "";
      for (let i = 0; i < 4; i++) raw += PROPERTY_ID_CHARS[prng.nextInt(PROPERTY_ID_CHARS.length)];
      return encodeURIComponent(raw);
    },
    state: () => prng.state(),
  };
}
