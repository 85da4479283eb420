/**
 * What a run tells a person: a progress line per scenario, a summary ending in `N passed, M
 * failed`, and JUnit XML for CI (junit-report-builder). Step results arrive with secrets already
 * scrubbed (run-scenario.ts).
 */
import junitModule, { type Builder } from "junit-report-builder";
import type { ScenarioResult } from "./run-scenario.ts";
import type { RunSummary } from "./run.ts";

// The package is CommonJS whose types declare an ES default export: Node hands ESM importers the
// builder itself as the default, bundlers hand them `{ default: builder }`. Accept either.
const junit: Builder = (junitModule as unknown as { default?: Builder }).default ?? (junitModule as unknown as Builder);

const MARK = { passed: "✓", failed: "✗", skipped: "-" } as const;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** `[3/17] ✓ smartro-v2-again-buyer-fields (0.04 s)`. */
export function progressLine(result: ScenarioResult, index: number, total: number): string {
  const detail =
    result.outcome === "passed" ? ` (${seconds(result.durationMs)})` : `: ${result.reason ?? result.outcome}`;
  return `[${index + 1}/${total}] ${MARK[result.outcome]} ${result.name}${detail}`;
}

export function summaryText(summary: RunSummary): string {
  const lines = [`scenarios on ${summary.target} (seed ${summary.seed}, ${seconds(summary.durationMs)})`, ""];
  for (const result of summary.results) {
    lines.push(`${MARK[result.outcome]} ${result.name}  ${result.file}`);
    if (result.outcome !== "passed")
      lines.push(`    ${result.outcome === "failed" ? "failed" : "skipped"}: ${result.reason ?? ""}`);
    for (const step of result.steps) {
      if (step.outcome === "skipped") lines.push(`    - ${step.label} skipped: ${step.reason}`);
      for (const drift of step.drift) lines.push(`    ! ${step.label} contract drift: ${drift}`);
    }
    const failedStep = result.steps.find((step) => step.outcome === "failed");
    if (failedStep?.request !== undefined) lines.push(`    sent: ${JSON.stringify(failedStep.request)}`);
    if (failedStep?.answer !== undefined) lines.push(`    got:  ${JSON.stringify(failedStep.answer).slice(0, 600)}`);
  }
  lines.push("");
  if (summary.drifted)
    lines.push(`${summary.drifted} scenario(s) saw answers that differ from the contracts (lines marked !)`);
  lines.push(`${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
  return `${lines.join("\n")}\n`;
}

/** JUnit XML: one suite for the run, one test case per scenario (class name: the file). */
export function junitXml(summary: RunSummary): string {
  const builder = junit.newBuilder();
  const suite = builder
    .testSuite()
    .name(`iamport-mock scenarios on ${summary.target}`)
    .property("seed", String(summary.seed));
  for (const result of summary.results) {
    const testCase = suite
      .testCase()
      .className(result.file)
      .name(result.name)
      .time(Math.round(result.durationMs) / 1000);
    if (result.outcome === "failed") testCase.failure(result.reason ?? "failed");
    if (result.outcome === "skipped") testCase.skipped();
    const steps = result.steps.flatMap((step) => [
      `${MARK[step.outcome]} ${step.label}${step.reason ? `: ${step.reason}` : ""}`,
      ...step.drift.map((drift) => `  ! contract drift: ${drift}`),
    ]);
    if (result.outcome === "skipped" && result.reason) steps.unshift(`skipped: ${result.reason}`);
    if (steps.length) testCase.standardOutput(steps.join("\n"));
  }
  return builder.build();
}
