/**
 * Reads scenario files and refuses a malformed one before anything runs, naming the file, the
 * step and the field. Also checks that every `{{variable}}` is defined before it is used.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join, relative } from "node:path";
import { parse } from "yaml";
import type { z } from "zod";
import { AwaitWebhookStep, CallStep, ControlStep, Scenario, type ScenarioStep } from "../../contracts/scenarios.ts";
import { BUILT_INS, templateNames } from "./template.ts";

export interface LoadedScenario {
  /** The file, relative to the working directory. */
  file: string;
  name: string;
  scenario: Scenario;
}

export class ScenarioFileError extends Error {
  override name = "ScenarioFileError";
  constructor(readonly problems: string[]) {
    super(
      `${problems.length === 1 ? "a problem" : `${problems.length} problems`} in scenario files:\n  ${problems.join("\n  ")}`,
    );
  }
}

const SCENARIO_EXTENSIONS = new Set([".yaml", ".yml"]);

/** The scenario files among the paths: files as given, folders searched recursively (sorted). */
export function findScenarioFiles(paths: string[]): string[] {
  const files: string[] = [];
  const missing: string[] = [];
  const visit = (path: string, named: boolean) => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      missing.push(`${path}: no such file or folder`);
      return;
    }
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path).sort()) visit(join(path, entry), false);
    } else if (named || SCENARIO_EXTENSIONS.has(extname(path))) {
      files.push(path);
    }
  };
  for (const path of paths) visit(path, true);
  if (missing.length) throw new ScenarioFileError(missing);
  return files;
}

/** Every scenario of the files, or a `ScenarioFileError` listing every problem of every file. */
export function loadScenarios(files: string[]): LoadedScenario[] {
  const loaded: LoadedScenario[] = [];
  const problems: string[] = [];
  for (const path of files) {
    const file = relative(process.cwd(), path) || path;
    const result = parseScenario(readFileSync(path, "utf8"), file);
    if ("problems" in result) problems.push(...result.problems);
    else loaded.push(result);
  }
  if (problems.length) throw new ScenarioFileError(problems);
  return loaded;
}

export function parseScenario(text: string, file: string): LoadedScenario | { problems: string[] } {
  let raw: unknown;
  try {
    raw = parse(text, { prettyErrors: true });
  } catch (error) {
    return { problems: [`${file}: not YAML: ${(error as Error).message.split("\n")[0]}`] };
  }
  const parsed = Scenario.safeParse(raw);
  if (!parsed.success) return { problems: describeIssues(file, raw, parsed.error.issues) };
  const scenario = parsed.data;
  const undefinedUses = checkVariables(scenario).map((problem) => `${file}: ${problem}`);
  if (undefinedUses.length) return { problems: undefinedUses };
  return { file, name: scenario.name ?? basename(file, extname(file)), scenario };
}

const STEP_KINDS = { call: CallStep, control: ControlStep, await_webhook: AwaitWebhookStep } as const;

/**
 * zod reports a bad step as "no union member matched"; the author needs the field. So a bad step is
 * checked again against the one schema its kind key names.
 */
function describeIssues(file: string, raw: unknown, issues: z.core.$ZodIssue[]): string[] {
  const steps = (raw as { steps?: unknown[] } | null)?.steps;
  return issues.flatMap((issue) => {
    const [first, index] = issue.path;
    if (
      first === "steps" &&
      typeof index === "number" &&
      Array.isArray(steps) &&
      issue.path.length === 2 &&
      issue.code === "invalid_union"
    ) {
      return describeStep(file, index, steps[index]);
    }
    return [`${file}: ${where(issue.path, steps)}: ${issueMessage(issue)}`];
  });
}

/** A record key's refusal carries the key rule's own message inside it. */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_key" && issue.issues[0]) return issue.issues[0].message;
  return issue.message;
}

function describeStep(file: string, index: number, step: unknown): string[] {
  const at = `${file}: ${stepLabel(index, step)}`;
  if (!step || typeof step !== "object" || Array.isArray(step))
    return [`${at}: a step is a map with one of call, control or await_webhook`];
  const kinds = Object.keys(STEP_KINDS).filter((kind) => kind in step);
  if (kinds.length !== 1)
    return [
      `${at}: a step has exactly one of call, control or await_webhook${kinds.length ? ` (this one has ${kinds.join(" and ")})` : ""}`,
    ];
  const parsed = STEP_KINDS[kinds[0] as keyof typeof STEP_KINDS].safeParse(step);
  if (parsed.success) return [`${at}: not a valid step`];
  return parsed.error.issues.map((issue) => `${at}: ${issue.path.join(".") || "(step)"}: ${issueMessage(issue)}`);
}

function stepLabel(index: number, step: unknown): string {
  const name = (step as { name?: unknown } | null)?.name;
  return `step ${index + 1}${typeof name === "string" ? ` (${name})` : ""}`;
}

function where(path: PropertyKey[], steps: unknown[] | undefined): string {
  if (path[0] === "steps" && typeof path[1] === "number") {
    const rest = path.slice(2).map(String).join(".");
    return `${stepLabel(path[1], steps?.[path[1]])}${rest ? `: ${rest}` : ""}`;
  }
  return path.map(String).join(".") || "(file)";
}

/** Each `{{name}}` must be a built-in, an input, a var set earlier, or captured by an earlier step. */
function checkVariables(scenario: Scenario): string[] {
  const known = new Set<string>([...BUILT_INS, ...(scenario.inputs ?? [])]);
  const problems: string[] = [];
  const require = (value: unknown, place: string) => {
    for (const name of templateNames(value))
      if (!known.has(name))
        problems.push(
          `${place}: {{${name}}} is not defined before this point (inputs, vars, or an earlier step's capture)`,
        );
  };
  for (const [name, value] of Object.entries(scenario.vars ?? {})) {
    require(value, `vars.${name}`);
    known.add(name);
  }
  scenario.steps.forEach((step: ScenarioStep, index) => {
    const { capture, ...rest } = step as ScenarioStep & { capture?: Record<string, string> };
    require(rest, stepLabel(index, step));
    for (const name of Object.keys(capture ?? {})) known.add(name);
  });
  return problems;
}
