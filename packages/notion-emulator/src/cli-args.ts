import { NOTION_PLANS, type NotionPlan } from "./settings.js";

export interface CliOptions {
  port: number;
  host?: string;
  token?: string;
  anyToken: boolean;
  rateLimit?: number;
  burst?: number;
  stateFile?: string;
  plan?: NotionPlan;
  seed?: number;
  /** Title of a top-level page to create (unless one with that title exists) and print. */
  parentPage?: string;
  help: boolean;
}

export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliUsageError";
  }
}

export const USAGE = `Usage: notion-emulator [options]

  --port <n>          port to listen on (default 0: a free port)
  --host <addr>       interface to bind (default 127.0.0.1)
  --token <t>         integration token clients must send (default secret_emulator)
  --any-token         accept any bearer token
  --rate-limit <r>    average requests per second (default 3; 0 disables)
  --burst <n>         token bucket size (default 2 x rate)
  --state-file <f>    load the workspace from <f> and save it there on exit
  --plan <p>          free | plus | business | enterprise (default business)
  --seed <n>          seed for ids and faults
  --parent-page <t>   ensure a top-level page titled <t> exists and print its id
  --help              show this help`;

function numberArg(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || value.trim() === "" || Number.isNaN(n))
    throw new CliUsageError(`${flag} needs a number, got ${value ?? "nothing"}.`);
  return n;
}

/** Parses the bin's flags (`--flag value` or `--flag=value`). */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { port: 0, anyToken: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new CliUsageError(`${flag} needs a value.`);
      return v;
    };
    switch (flag) {
      case "--port": {
        const port = numberArg(flag, value());
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new CliUsageError(`--port must be 0–65535, got ${port}.`);
        options.port = port;
        break;
      }
      case "--host":
        options.host = value();
        break;
      case "--token":
        options.token = value();
        break;
      case "--any-token":
        options.anyToken = true;
        break;
      case "--rate-limit":
        options.rateLimit = numberArg(flag, value());
        if (options.rateLimit < 0) throw new CliUsageError("--rate-limit cannot be negative.");
        break;
      case "--burst":
        options.burst = numberArg(flag, value());
        break;
      case "--state-file":
        options.stateFile = value();
        break;
      case "--plan": {
        const plan = value();
        if (!(NOTION_PLANS as readonly string[]).includes(plan)) {
          throw new CliUsageError(`--plan must be one of ${NOTION_PLANS.join(", ")}, got ${plan}.`);
        }
        options.plan = plan as NotionPlan;
        break;
      }
      case "--seed":
        options.seed = numberArg(flag, value());
        break;
      case "--parent-page":
        options.parentPage = value();
        break;
      case "--help":
      case "-h":
        options.help = true;
        break;
      default:
        throw new CliUsageError(`Unknown option ${arg}.`);
    }
  }
  return options;
}
