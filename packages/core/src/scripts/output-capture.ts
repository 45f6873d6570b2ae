export interface CapturedOutput {
  /** stdout and stderr interleaved in arrival order, secrets masked, middle cut when over the limit. */
  text: string;
  /** Everything the script wrote, in bytes. */
  totalBytes: number;
  /** Bytes left out of `text` (0 when nothing was cut). */
  omittedBytes: number;
}

export interface OutputCapture {
  write(chunk: Buffer): void;
  /** The captured text with `mask` applied. */
  finish(mask: (text: string) => string): CapturedOutput;
}

export const DEFAULT_OUTPUT_LIMIT_BYTES = 64 * 1024;

/**
 * Keeps the first quarter and the last three quarters of `limitBytes` of a stream (the end is
 * where errors are). When it has to cut, it cuts at line boundaries where it can, so a masked
 * secret is never split into a visible half by the cut.
 */
export function createOutputCapture(limitBytes: number = DEFAULT_OUTPUT_LIMIT_BYTES): OutputCapture {
  const headLimit = Math.floor(limitBytes / 4);
  const tailLimit = limitBytes - headLimit;
  const head: Buffer[] = [];
  let headBytes = 0;
  const tail: Buffer[] = [];
  let tailBytes = 0;
  let totalBytes = 0;

  return {
    write(chunk) {
      totalBytes += chunk.length;
      let rest = chunk;
      if (headBytes < headLimit) {
        const taken = rest.subarray(0, headLimit - headBytes);
        head.push(taken);
        headBytes += taken.length;
        rest = rest.subarray(taken.length);
      }
      if (rest.length === 0) return;
      tail.push(rest);
      tailBytes += rest.length;
      while (tail.length > 1 && tailBytes - tail[0]!.length >= tailLimit) tailBytes -= tail.shift()!.length;
    },
    finish(mask) {
      const headBuffer = Buffer.concat(head);
      let tailBuffer = Buffer.concat(tail);
      if (totalBytes <= limitBytes) {
        return {
          text: mask(Buffer.concat([headBuffer, tailBuffer]).toString("utf8")),
          totalBytes,
          omittedBytes: 0,
        };
      }
      tailBuffer = tailBuffer.subarray(tailBuffer.length - tailLimit);
      const headEnd = headBuffer.lastIndexOf(0x0a);
      const keptHead = headEnd >= headLimit / 2 ? headBuffer.subarray(0, headEnd + 1) : headBuffer;
      const tailStart = tailBuffer.indexOf(0x0a);
      const keptTail =
        tailStart !== -1 && tailStart < tailLimit / 2 ? tailBuffer.subarray(tailStart + 1) : tailBuffer;
      const omittedBytes = totalBytes - keptHead.length - keptTail.length;
      const headText = keptHead.toString("utf8");
      const separator = headText.endsWith("\n") ? "" : "\n";
      const text = `${mask(headText)}${separator}… ${omittedBytes} bytes omitted …\n${mask(keptTail.toString("utf8"))}`;
      return { text, totalBytes, omittedBytes };
    },
  };
}
