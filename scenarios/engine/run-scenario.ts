/**
 * Runs one scenario on a target: steps in order, templates resolved from the variables so far,
 * each answer matched against its expectation and its captures stored. The first failing step
 * ends the scenario; mock-only steps are skipped on live with the reason.
 */
import { describeDrift, type IamportResult } from "../../client/index.ts";
import type { AwaitWebhookStep, CallStep, ControlStep, Expectation, ScenarioStep } from "../../contracts/scenarios.ts";
import type { WebhookReceiver } from "../../mock-server/testing/webhook-receiver.ts";
import { REDACTED, SECRET_KEYS, scrubSecrets } from "../record/redact.ts";
import type { LoadedScenario } from "./load.ts";
import { describeMismatch, match } from "./match.ts";
import type { Target, TargetSession } from "./targets.ts";
import { MissingVariable, readPath, resolveTemplates } from "./template.ts";

export type Outcome = "passed" | "failed" | "skipped";

export interface StepResult {
  index: number;
  label: string;
  outcome: Outcome;
  /** Why it failed or was skipped. */
  reason?: string;
  /** What was sent and what came back, for the report. */
  request?: unknown;
  answer?: unknown;
  /** Differences between the answer and the contracts, named by path. */
  drift: string[];
  durationMs: number;
}

export interface ScenarioResult {
  file: string;
  name: string;
  outcome: Outcome;
  /** The first failure's or the skip's reason. */
  reason?: string;
  steps: StepResult[];
  durationMs: number;
}

export interface RunContext {
  target: Target;
  /** Webhooks sent to `{{$webhook_url}}` arrive here; one receiver serves every scenario of a run. */
  receiver: WebhookReceiver | undefined;
  /** A fresh uid at each use of `{{$uid}}`. */
  uid(): string;
}

class SkipStep extends Error {}

export async function runScenario(
  loaded: LoadedScenario,
  context: RunContext,
  scenarioIndex: number,
): Promise<ScenarioResult> {
  const started = performance.now();
  const { scenario } = loaded;
  const base = { file: loaded.file, name: loaded.name };
  const live = context.target.kind === "live";
  if (context.target.unavailable)
    return { ...base, outcome: "skipped", reason: context.target.unavailable, steps: [], durationMs: 0 };
  if (live && scenario.mock_only)
    return {
      ...base,
      outcome: "skipped",
      reason: "mock-only scenario (the live API has no control API)",
      steps: [],
      durationMs: 0,
    };

  let session: TargetSession;
  try {
    session = await context.target.session();
  } catch (error) {
    return {
      ...base,
      outcome: "failed",
      reason: `the target is not usable: ${(error as Error).message}`,
      steps: [],
      durationMs: performance.now() - started,
    };
  }
  const steps: StepResult[] = [];
  const finish = (outcome: Outcome, reason?: string): ScenarioResult => ({
    ...base,
    outcome,
    ...(reason ? { reason } : {}),
    steps,
    durationMs: performance.now() - started,
  });
  try {
    const runner = createStepRunner(session, context, scenarioIndex);
    const missingInputs = (scenario.inputs ?? []).filter((name) => !runner.variables.has(name));
    if (missingInputs.length) {
      const hint = live
        ? "give them with --var name=value or IAMPORT_VAR_<NAME>"
        : "the mock's merchant has no such channel, group or key; give them with --var name=value";
      return finish(live ? "skipped" : "failed", `inputs without a value: ${missingInputs.join(", ")} (${hint})`);
    }
    await runner.setVars(scenario.vars ?? {});
    for (const [index, step] of scenario.steps.entries()) {
      const result = await runner.run(step, index);
      steps.push(result);
      if (result.outcome === "failed") return finish("failed", `${result.label}: ${result.reason}`);
    }
  } catch (error) {
    return finish("failed", (error as Error).message);
  } finally {
    await session.close();
  }
  return finish("passed");
}

/** Runs steps one at a time on a session, keeping the variables between them (scenarios and property suites). */
export interface StepRunner {
  run(step: ScenarioStep, index: number): Promise<StepResult>;
  /** Set `vars` in order, each resolved with the ones before it. */
  setVars(vars: Record<string, unknown>): Promise<void>;
  /** The session's inputs, then vars and captures as they are set. */
  variables: Map<string, unknown>;
}

export function createStepRunner(session: TargetSession, context: RunContext, scenarioIndex: number): StepRunner {
  const live = context.target.kind === "live";
  const webhookPath = `/scenario-${scenarioIndex}`;
  const webhookUrl = context.receiver ? `${context.receiver.url}${webhookPath}` : undefined;
  const variables = new Map<string, unknown>(Object.entries(session.inputs));
  let now: number | undefined;
  const scope = {
    lookup(name: string): unknown {
      if (name === "$uid") return context.uid();
      if (name === "$webhook_url") return webhookUrl;
      if (name === "$now") return now;
      return variables.get(name);
    },
  };
  const resolve = async (value: unknown) => {
    // The clock is read only when a template needs it: a control call can move it between steps.
    if (JSON.stringify(value ?? null).includes("$now")) now = await session.now();
    return resolveTemplates(value, scope);
  };
  const secrets = new Set([session.inputs.imp_secret].filter((value): value is string => typeof value === "string"));
  const at: StepContext = { session, context, live, resolve, variables, webhookPath, webhookUrl, secrets };
  return {
    run: (step, index) => runStep(step, index, at),
    async setVars(vars) {
      for (const [name, value] of Object.entries(vars)) variables.set(name, await resolve(value));
    },
    variables,
  };
}

interface StepContext {
  session: TargetSession;
  context: RunContext;
  live: boolean;
  resolve(value: unknown): Promise<unknown>;
  variables: Map<string, unknown>;
  webhookPath: string;
  /** Undefined when the run has no receiver (live). */
  webhookUrl: string | undefined;
  /** Values never to show in a result: the secret, and every token an answer carried. */
  secrets: Set<string>;
}

/** Tokens in an answer (getToken's access_token) join the values to scrub. */
function rememberTokens(response: unknown, secrets: Set<string>) {
  const token = (response as { access_token?: unknown } | null)?.access_token;
  if (typeof token === "string") secrets.add(token);
}

function redactResult(result: StepResult, secrets: Set<string>): StepResult {
  const scrub = (text: string) => scrubSecrets(text, secrets);
  const redactDeep = (value: unknown): unknown => {
    if (typeof value === "string") return scrub(value);
    if (Array.isArray(value)) return value.map(redactDeep);
    if (value && typeof value === "object")
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [
          k,
          SECRET_KEYS.has(k) && typeof v === "string" ? REDACTED : redactDeep(v),
        ]),
      );
    return value;
  };
  return {
    ...result,
    ...(result.reason === undefined ? {} : { reason: scrub(result.reason) }),
    drift: result.drift.map(scrub),
    ...(result.request === undefined ? {} : { request: redactDeep(result.request) }),
    ...(result.answer === undefined ? {} : { answer: redactDeep(result.answer) }),
  };
}

export function stepLabel(step: ScenarioStep, index: number): string {
  const what = "call" in step ? step.call : "control" in step ? `control ${step.control}` : "await_webhook";
  return `step ${index + 1} (${step.name ?? what})`;
}

async function runStep(step: ScenarioStep, index: number, at: StepContext): Promise<StepResult> {
  const started = performance.now();
  const label = stepLabel(step, index);
  // Results end up in logs and JUnit files: credentials and tokens are scrubbed from them here, once.
  const done = (outcome: Outcome, extra: Partial<StepResult> = {}): StepResult =>
    redactResult({ index, label, outcome, drift: [], durationMs: performance.now() - started, ...extra }, at.secrets);
  const skipReason = mockOnlyReason(step, at.live);
  if (skipReason) return done("skipped", { reason: skipReason });
  try {
    if ("await_webhook" in step) return await awaitWebhook(step, at, done);
    return await callStep(step, at, done);
  } catch (error) {
    // On live a value can be missing because a mock-only step before did not run; on a mock it is a mistake.
    if (error instanceof MissingVariable && at.live)
      return done("skipped", { reason: `${error.message}: a skipped step would have set it` });
    if (error instanceof MissingVariable)
      return done("failed", { reason: `${error.message} (a typo in the name or path, or a path into null?)` });
    if (error instanceof SkipStep) return done("skipped", { reason: error.message });
    return done("failed", { reason: (error as Error).message });
  }
}

function mockOnlyReason(step: ScenarioStep, live: boolean): string | undefined {
  if (!live) return undefined;
  if ("control" in step) return "mock-only: the live API has no control API";
  if ("await_webhook" in step) return "mock-only: the live API cannot reach this machine's webhook receiver";
  if (step.mock_only) return "mock-only step";
  return undefined;
}

type Done = (outcome: Outcome, extra?: Partial<StepResult>) => StepResult;

async function callStep(step: CallStep | ControlStep, at: StepContext, done: Done): Promise<StepResult> {
  const parts = {
    params: step.params,
    query: step.query,
    body: at.webhookUrl ? step.body : withoutWebhookUrl(step.body),
  };
  const input = (await at.resolve(parts)) as Record<string, Record<string, unknown> | undefined>;
  const request = {
    ...stripUndefined(input),
    ...("encoding" in step && step.encoding ? { encoding: step.encoding } : {}),
  };
  // Resolved before sending: a template the expectation cannot fill must not cost a payment first.
  const expected = await expectation(step.expect, at);
  let result: IamportResult<unknown>;
  if ("call" in step) {
    result = await at.session.client.send(step.call, request);
  } else {
    if (!at.session.control) throw new SkipStep("mock-only: this target has no control API");
    result = await at.session.control.send(step.control, request);
  }
  const answer = {
    status: result.status,
    code: result.code,
    message: result.message,
    explanation: result.explanation,
    response: result.response,
  };
  rememberTokens(result.response, at.secrets);
  const drift = result.drift.map(describeDrift);
  if (!result.ok && result.kind === "transport")
    return done("failed", { reason: `no answer: ${result.message}`, request, drift });
  const mismatches = match(expected, answer, "").map((mismatch) =>
    describeMismatch({ ...mismatch, path: mismatch.path.replace(/^\./, "") }),
  );
  if (mismatches.length) return done("failed", { reason: mismatches.join("; "), request, answer, drift });
  capture(step.capture, answer, at.variables);
  return done("passed", { request, answer, drift });
}

/**
 * The step's expectation with its templates filled; with no status or code named, a step expects
 * success: HTTP 200 and code 0. The live API sends no explanation, so one expected is not checked there.
 */
async function expectation(expect: Expectation | undefined, at: StepContext): Promise<unknown> {
  const expected = { ...(expect ?? {}) } as Record<string, unknown>;
  if (at.live) delete expected.explanation;
  if (expected.status === undefined && expected.code === undefined) Object.assign(expected, { status: 200, code: 0 });
  return at.resolve(expected);
}

function capture(captures: Record<string, string> | undefined, from: unknown, variables: Map<string, unknown>) {
  for (const [name, path] of Object.entries(captures ?? {})) {
    const value = readPath(from, `.${path}`);
    if (value === undefined) throw new Error(`capture ${name}: ${path} is not in the answer`);
    variables.set(name, value);
  }
}

async function awaitWebhook(step: AwaitWebhookStep, at: StepContext, done: Done): Promise<StepResult> {
  const receiver = at.context.receiver;
  if (!receiver) throw new SkipStep("no webhook receiver in this run");
  const expected = await at.resolve(step.await_webhook.match);
  // The predicate runs inside the receiver's request handler: nothing may throw out of it.
  const matches = (body: unknown) => {
    try {
      return match(expected, body, "").length === 0;
    } catch {
      return false;
    }
  };
  const arrived = await receiver
    .waitFor((request) => request.path === at.webhookPath && matches(request.body), {
      timeoutMs: step.await_webhook.within_ms,
    })
    .catch(() => undefined);
  if (!arrived) {
    const seen = receiver.received
      .filter((request) => request.path === at.webhookPath)
      .map((request) => JSON.stringify(request.body));
    return done("failed", {
      reason: `no webhook matching ${JSON.stringify(expected)} within ${step.await_webhook.within_ms} ms; this scenario's receiver got ${seen.length ? seen.join(", ") : "nothing"}`,
    });
  }
  const answer = { body: arrived.body, content_type: arrived.contentType };
  capture(step.capture, answer, at.variables);
  return done("passed", { answer });
}

/**
 * Without a receiver (the live API cannot reach this machine), a field whose value is only
 * `{{$webhook_url}}` (notice_url, usually) is left out, so the request itself still runs.
 */
function withoutWebhookUrl(body: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!body) return body;
  const isWebhookUrl = (value: unknown) => typeof value === "string" && /^\{\{\s*\$webhook_url\s*\}\}$/.test(value);
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.filter((item) => !isWebhookUrl(item)).map(strip);
    if (value && typeof value === "object")
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => !isWebhookUrl(v))
          .map(([k, v]) => [k, strip(v)]),
      );
    return value;
  };
  return strip(body) as Record<string, unknown>;
}

function stripUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
