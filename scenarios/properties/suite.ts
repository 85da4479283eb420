/**
 * The property suite: random sequences of commands (fast-check's model-based testing) played
 * through the client on any target, checked against the model after every command. On failure it
 * prints the seed and the path and writes the shrunk sequence as a scenario file whose replay
 * fails the same way.
 */
import { join } from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import type { Scenario } from "../../contracts/scenarios.ts";
import { startWebhookReceiver } from "../../mock-server/testing/webhook-receiver.ts";
import { createStepRunner, type RunContext } from "../engine/run-scenario.ts";
import { createUidSource } from "../engine/run.ts";
import { schemaRefFor, writeScenarioFile } from "../engine/scenario-file.ts";
import type { Target } from "../engine/targets.ts";
import { PropertyCommand, type Player } from "./command.ts";
import { Again, Audit, GetToken, IssueKey, KeyedPayment, Refund } from "./commands/cards.ts";
import {
  ChangeShipping,
  Deposit,
  EscrowPayment,
  IssueReceipt,
  IssueVbank,
  ModifyVbank,
  RefundTransfer,
  RegisterShipping,
  RevokeReceipt,
  RevokeVbank,
} from "./commands/cash.ts";
import { AdvanceClock, ChangeRatios, Schedule, setRatios, Unschedule } from "./commands/time.ts";
import { emptyModel, START_RATIOS, type Model, type Steps } from "./model.ts";

const amount = fc.integer({ min: 1, max: 100 }).map((n) => n * 100);
const index = fc.nat({ max: 9 });
const portion = fc.constantFrom("rest" as const, "half" as const, "tooMuch" as const);

/** Every command family; on live, only those that need no mock. */
function commandArbitraries(live: boolean): fc.Arbitrary<PropertyCommand>[] {
  const all: fc.Arbitrary<PropertyCommand>[] = [
    fc.constant(new GetToken()),
    fc
      .tuple(
        amount,
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom("json" as const, "form" as const),
        fc.option(index, { freq: 4 }),
      )
      .map(
        ([a, declined, routed, encoding, reuse]) => new KeyedPayment(a, declined, routed, encoding, reuse ?? undefined),
      ),
    fc.boolean().map((superKey) => new IssueKey(superKey)),
    fc.tuple(index, amount).map(([key, a]) => new Again(key, a, live)),
    ...often(
      2,
      fc.tuple(index, portion).map(([order, part]) => new Refund(order, part)),
    ),
    ...often(
      3,
      fc.tuple(index, portion).map(([order, part]) => new Refund(order, part, true)),
    ),
    fc.constant(new Audit()),
    ...often(
      2,
      fc
        .tuple(
          fc.constantFrom("smartro_v2" as const, "nice_v2" as const),
          amount,
          fc.option(fc.integer({ min: 1, max: 8 })),
        )
        .map(([pg, a, hours]) => new IssueVbank(pg, a, hours ?? undefined)),
    ),
    ...often(
      4,
      index.map((i) => new Deposit(i)),
    ),
    index.map((i) => new ModifyVbank(i)),
    index.map((i) => new RevokeVbank(i)),
    ...often(
      5,
      fc
        .tuple(index, fc.constantFrom("transferred" as const, "failed" as const))
        .map(([i, outcome]) => new RefundTransfer(i, outcome)),
    ),
    ...often(
      2,
      index.map((i) => new IssueReceipt(i)),
    ),
    ...often(
      3,
      index.map((i) => new RevokeReceipt(i)),
    ),
    amount.map((a) => new EscrowPayment(a)),
    index.map((i) => new RegisterShipping(i)),
    index.map((i) => new ChangeShipping(i)),
    fc
      .tuple(index, fc.integer({ min: 1, max: 6 }), amount, fc.option(index, { freq: 4 }))
      .map(([key, hours, a, reuse]) => new Schedule(key, hours, a, reuse ?? undefined)),
    index.map((i) => new Unschedule(i)),
    fc.integer({ min: 1, max: 8 }).map((halfHours) => new AdvanceClock(halfHours)),
    ratiosArbitrary.map((ratios) => new ChangeRatios(ratios)),
  ];
  return live ? all.filter((arbitrary) => !sample(arbitrary).mockOnly) : all;
}

/**
 * fast-check picks among the entries evenly; commands that need others before them (a transfer
 * needs a Smartro v2 account deposited and refunded) get more entries so that they run at all.
 */
const often = <T>(times: number, arbitrary: fc.Arbitrary<T>) => Array.from({ length: times }, () => arbitrary);

/** Three whole ratios summing to 100. */
const ratiosArbitrary = fc
  .tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
  .map(([a, b]): [number, number, number] => {
    const first = Math.min(a, b);
    const second = Math.max(a, b) - first;
    return [first, second, 100 - first - second];
  });

/** Whether a family needs the mock is a property of its class, not of its arguments. */
const sample = (arbitrary: fc.Arbitrary<PropertyCommand>) => fc.sample(arbitrary, { numRuns: 1, seed: 1 })[0]!;

export interface PropertySuiteOptions {
  target: Target;
  seed: number;
  numRuns: number;
  /** Commands per run (fast-check's maxCommands). */
  maxCommands: number;
  /** Where a shrunk counterexample is written as a scenario file. */
  counterexampleDir: string;
  /** Called after each run, for progress on long suites. */
  onRun?: (run: number) => void;
}

export interface PropertySuiteResult {
  passed: boolean;
  seed: number;
  numRuns: number;
  /** How many commands of each family ran, over every run (shrinking included). */
  families: Record<string, number>;
  /** fast-check's path to replay the shrunk failure (`{ seed, path }`). */
  path?: string;
  /** The failing command sequence, one per line. */
  commands?: string;
  /** The first failing step and why. */
  reason?: string;
  /** The counterexample as a scenario file. */
  file?: string;
  /** Why nothing ran (the target is unavailable, e.g. live without credentials, or lacks an input on live). */
  skipped?: string;
  /** Why nothing could run on a target that should have been usable (unreachable, an input missing on a mock). */
  unusable?: string;
}

/** The inputs the commands use: the demo merchant's channels, group and Smartro v2 key; on live only what the live-safe commands need. */
function suiteInputs(live: boolean): string[] {
  const credentials = ["imp_key", "imp_secret"];
  if (live) return [...credentials, "customer_smartro_v2"];
  return [
    ...credentials,
    "channel_nice_v2",
    "channel_smartro_v2",
    "channel_kcp",
    "channel_tosspayments",
    "channel_group",
    "customer_smartro_v2",
  ];
}

/** The steps that open every run: a run prefix for merchant_uids, and the group's starting ratios on a mock. */
function openingSteps(live: boolean): { vars: Record<string, unknown>; steps: Steps } {
  return { vars: { run: "p{{$uid}}" }, steps: live ? [] : [setRatios(START_RATIOS)] };
}

export async function runPropertySuite(options: PropertySuiteOptions): Promise<PropertySuiteResult> {
  const { target } = options;
  if (target.unavailable)
    return { passed: true, seed: options.seed, numRuns: 0, families: {}, skipped: target.unavailable };
  const live = target.kind === "live";
  const base = { seed: options.seed, numRuns: 0, families: {} };
  // One look at the target first, so an unreachable one or a missing input is said as such, not as a broken model.
  let missing: string[];
  try {
    const session = await target.session();
    missing = suiteInputs(live).filter((name) => session.inputs[name] === undefined);
    await session.close();
  } catch (error) {
    return { ...base, passed: false, unusable: `the target is not usable: ${(error as Error).message}` };
  }
  if (missing.length && live)
    return {
      ...base,
      passed: true,
      skipped: `inputs without a value: ${missing.join(", ")} (give them with --var name=value or IAMPORT_VAR_<NAME>)`,
    };
  if (missing.length)
    return {
      ...base,
      passed: false,
      unusable: `the mock's merchant has no ${missing.join(", ")}: the suite needs the demo merchant's channels, group and Smartro v2 key`,
    };
  const receiver = live ? undefined : await startWebhookReceiver();
  const context: RunContext = {
    target,
    receiver,
    uid: createUidSource(options.seed, target.kind === "inprocess" ? "" : Date.now().toString(36)),
  };
  let runs = 0;
  const families: Record<string, number> = {};
  try {
    const property = fc.asyncProperty(
      fc.commands(commandArbitraries(live), { maxCommands: options.maxCommands, size: "+2" }),
      async (commands) => {
        const session = await target.session();
        const runner = createStepRunner(session, context, runs++);
        let played = 0;
        const player: Player = {
          async play(steps) {
            for (const step of steps) {
              const result = await runner.run(step, played++);
              if (result.outcome === "failed") throw new Error(`${result.label}: ${result.reason}`);
              // Only the live API may skip a step (no control API there); on a mock a skip hides a check.
              if (result.outcome === "skipped" && !live)
                throw new Error(`${result.label} was skipped: ${result.reason}`);
            }
          },
          ran: (family) => void (families[family] = (families[family] ?? 0) + 1),
        };
        try {
          const opening = openingSteps(live);
          await runner.setVars(opening.vars);
          await player.play(opening.steps);
          await fc.asyncModelRun(async () => ({ model: emptyModel(), real: player }), commands);
        } finally {
          await session.close();
          options.onRun?.(runs);
        }
      },
    );
    const details = await fc.check(property, { seed: options.seed, numRuns: options.numRuns });
    if (!details.failed) return { passed: true, seed: options.seed, numRuns: options.numRuns, families };
    const [commands] = details.counterexample ?? [];
    const reason =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const played = (commands ? [...commands] : []) as unknown as { cmd: PropertyCommand }[];
    const scenario = counterexampleScenario(played, live, options.seed, reason);
    const file = join(options.counterexampleDir, `counterexample-seed${options.seed}.yaml`);
    const schema = schemaRefFor(file);
    writeScenarioFile(
      file,
      `${schema ? `# yaml-language-server: $schema=${schema}\n` : ""}${stringify(scenario, { lineWidth: 0 })}`,
    );
    return {
      passed: false,
      seed: options.seed,
      numRuns: options.numRuns,
      families,
      path: details.counterexamplePath ?? undefined,
      commands: commands ? String(commands).replace(/\s*\/\*replayPath=.*\*\/$/, "") : "",
      reason,
      file,
    };
  } finally {
    await receiver?.close();
  }
}

/** The shrunk sequence as a scenario: the same opening, then each command's steps, from a fresh model. */
function counterexampleScenario(
  commands: Iterable<PropertyCommand | { cmd: PropertyCommand }>,
  live: boolean,
  seed: number,
  reason: string,
): Scenario {
  const model: Model = emptyModel();
  const opening = openingSteps(live);
  const steps: Steps = [...opening.steps];
  const names: string[] = [];
  for (const entry of commands) {
    const command = "cmd" in entry ? entry.cmd : entry;
    if (!command.check(model)) continue;
    names.push(command.toString());
    steps.push(...command.perform(model));
  }
  return {
    name: `property counterexample (seed ${seed})`,
    description: `Shrunk by fast-check from the property suite: ${names.join(", ")}. It failed with: ${reason}`,
    tags: ["counterexample"],
    inputs: [
      ...new Set(
        JSON.stringify(steps)
          .match(/\{\{(channel_\w+|customer_\w+|imp_key|imp_secret)\}\}/g)
          ?.map((t) => t.slice(2, -2)) ?? [],
      ),
    ],
    vars: opening.vars,
    steps,
  };
}
