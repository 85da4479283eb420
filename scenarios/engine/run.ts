/**
 * Runs many scenarios on one target: one webhook receiver for the run, seeded uids, `grep` and
 * `bail`, and a callback after each scenario for progress lines.
 */
import { createHash } from "node:crypto";
import { startWebhookReceiver } from "../../mock-server/testing/webhook-receiver.ts";
import type { LoadedScenario } from "./load.ts";
import { runScenario, type ScenarioResult } from "./run-scenario.ts";
import type { Target } from "./targets.ts";

export interface RunOptions {
  /** Seeds `{{$uid}}` (and the in-process mock); printed in the summary so a run can be repeated. */
  seed: number;
  /** Only scenarios whose name or file matches. */
  grep?: RegExp | undefined;
  /** Stop after the first failed scenario (the rest are reported as not run). */
  bail?: boolean | undefined;
  onScenarioStart?: ((loaded: LoadedScenario, index: number, total: number) => void) | undefined;
  onScenarioDone?: ((result: ScenarioResult, index: number, total: number) => void) | undefined;
}

export interface RunSummary {
  target: string;
  seed: number;
  results: ScenarioResult[];
  passed: number;
  failed: number;
  skipped: number;
  /** Scenarios with at least one answer that differs from the contracts (see each step's drift). */
  drifted: number;
  durationMs: number;
}

export async function runScenarios(
  scenarios: LoadedScenario[],
  target: Target,
  options: RunOptions,
): Promise<RunSummary> {
  const started = performance.now();
  const chosen = options.grep
    ? scenarios.filter((s) => options.grep!.test(s.name) || options.grep!.test(s.file))
    : scenarios;
  // A fresh mock per scenario can repeat uids from run to run; a shared one (url, live) must not.
  const uid = createUidSource(options.seed, target.kind === "inprocess" ? "" : Date.now().toString(36));
  // The live service cannot reach a receiver on this machine; mock targets send it their webhooks.
  const receiver = target.kind === "live" || target.unavailable ? undefined : await startWebhookReceiver();
  const results: ScenarioResult[] = [];
  try {
    for (const [index, loaded] of chosen.entries()) {
      if (options.bail && results.some((r) => r.outcome === "failed")) {
        results.push({
          file: loaded.file,
          name: loaded.name,
          outcome: "skipped",
          reason: "not run: --bail after a failure",
          steps: [],
          durationMs: 0,
        });
        continue;
      }
      options.onScenarioStart?.(loaded, index, chosen.length);
      const result = await runScenario(loaded, { target, receiver, uid }, index);
      results.push(result);
      options.onScenarioDone?.(result, index, chosen.length);
    }
  } finally {
    await receiver?.close();
  }
  const count = (outcome: ScenarioResult["outcome"]) => results.filter((r) => r.outcome === outcome).length;
  const drifted = results.filter((r) => r.steps.some((step) => step.drift.length > 0)).length;
  return {
    target: target.description,
    seed: options.seed,
    results,
    passed: count("passed"),
    failed: count("failed"),
    skipped: count("skipped"),
    drifted,
    durationMs: performance.now() - started,
  };
}

/**
 * Uids of letters and digits only (Smartro v2 refuses anything else in merchant_uid): a run prefix
 * from the seed (and `unique`, e.g. the time, for targets that outlive a run), then a counter, so
 * one run never repeats itself and two seeds do not collide.
 */
export function createUidSource(seed: number, unique = ""): () => string {
  // A hash spreads neighbouring seeds apart, where a generator's first draw would not.
  const prefix = `u${createHash("sha256").update(String(seed)).digest("hex").slice(0, 6)}${unique}`;
  let counter = 0;
  return () => `${prefix}${(++counter).toString().padStart(4, "0")}`;
}
