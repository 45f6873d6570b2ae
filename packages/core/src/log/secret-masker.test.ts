import { describe, expect, it } from "vitest";
import { SecretMasker } from "./secret-masker.js";

const SECRET = "nj1S3cr3t+Hostile/Client~Secret=Value";

describe("SecretMasker", () => {
  const masker = new SecretMasker();
  masker.add(SECRET);
  const b64 = (text: string) => Buffer.from(text).toString("base64");

  it("masks the raw, URL-encoded, form-encoded and JSON-escaped forms", () => {
    for (const form of [
      SECRET,
      encodeURIComponent(SECRET),
      new URLSearchParams({ s: SECRET }).toString().slice(2),
      JSON.stringify(`a"${SECRET}`).slice(1, -1),
    ]) {
      expect(masker.mask(`x ${form} y`)).not.toContain(form.slice(4, -4));
    }
  });

  it("masks base64 of the secret at every alignment inside a longer text (a Basic auth header)", () => {
    for (const prefix of ["", "u", "us", "user:"]) {
      const encoded = b64(`${prefix}${SECRET} and more`);
      const masked = masker.mask(`Authorization: Basic ${encoded}`);
      expect(masked).toContain("***");
      // What is left cannot be decoded back to the secret.
      expect(Buffer.from(masked.split(" ").at(-1)!.replace("***", ""), "base64").toString()).not.toContain(
        SECRET.slice(0, 8),
      );
    }
    expect(masker.mask(Buffer.from(SECRET).toString("base64url"))).toContain("***");
  });

  it("leaves ordinary text alone and ignores short values", () => {
    const short = new SecretMasker();
    short.add("abc");
    short.add("abcdefgh");
    expect(short.mask("abc abcdefg")).toBe("abc abcdefg");
    expect(short.mask("xx abcdefgh")).toBe("xx ***");
  });
});
