import { afterEach, describe, expect, it, vi } from "vitest";
import { createActionsSink } from "./actions-sink.js";
import { createCliSink } from "./cli-sink.js";
import { createLogger } from "./logger.js";
import { createMemorySink } from "./memory-sink.js";

const TOKEN = "ntn_5551234567890abcdefSECRET";

function captureStream() {
  const chunks: string[] = [];
  return { stream: { write: (c: string) => chunks.push(c) }, text: () => chunks.join("") };
}

describe("logger secret masking", () => {
  afterEach(() => vi.restoreAllMocks());

  it("masks a registered secret in CLI mode, including debug lines and URL-encoded forms", () => {
    const out = captureStream();
    const log = createLogger(createCliSink({ verbose: true, stream: out.stream }));
    log.addSecret("pa ss/word+1");
    log.addSecret(TOKEN);
    log.info(`token is ${TOKEN}`);
    log.debug(`Authorization: Bearer ${TOKEN}`);
    log.error(`url https://x.test/?p=${encodeURIComponent("pa ss/word+1")}`, {
      file: "notion-ops.yml",
      line: 3,
    });
    const text = out.text();
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("pa ss/word+1");
    expect(text).not.toContain(encodeURIComponent("pa ss/word+1"));
    expect(text).toContain("token is ***");
    expect(text).toContain("debug: Authorization: Bearer ***");
    expect(text).toContain("error: notion-ops.yml:3:1: url https://x.test/?p=***");
  });

  it("hides debug lines without --verbose", () => {
    const out = captureStream();
    const log = createLogger(createCliSink({ stream: out.stream }));
    log.debug("hidden");
    log.info("shown");
    expect(out.text()).toBe("shown\n");
  });

  it("masks a registered secret in GitHub Actions mode and registers it with add-mask", () => {
    const writes: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    const log = createLogger(createActionsSink());
    log.addSecret(TOKEN);
    log.warn(`bad token ${TOKEN}`, { file: "notion-ops.yml", line: 14, column: 5 });
    log.info(`plain ${TOKEN}`);
    const text = writes.join("");
    expect(text).toContain(`::add-mask::${TOKEN}`);
    const withoutMaskCommand = text.replace(`::add-mask::${TOKEN}`, "");
    expect(withoutMaskCommand).not.toContain(TOKEN);
    expect(text).toContain("::warning file=notion-ops.yml,line=14,col=5::bad token ***");
    expect(text).toContain("plain ***");
  });

  it("groups and progress lines", async () => {
    const sink = createMemorySink();
    const log = createLogger(sink);
    await log.group("customer-sites", async () => {
      for (let i = 1; i <= 98; i++) log.progress("customer-sites", i, 98);
    });
    const progress = sink.lines.map((l) => l.message);
    expect(progress.length).toBeLessThanOrEqual(12);
    expect(progress.at(-1)).toBe("customer-sites: 98/98");
    expect(sink.lines.every((l) => l.group[0] === "customer-sites")).toBe(true);
  });
});
