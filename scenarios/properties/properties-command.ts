/**
 * `iamport-mock properties --target …`: the property suite on any target, with a progress line,
 * the families that ran, and on failure the seed, the path, the shrunk commands and the
 * counterexample file to replay with `iamport-mock scenarios <file>`.
 */
import type { CliIo } from "../run-command.ts";
import { createTarget, type TargetKind } from "../engine/targets.ts";
import { runPropertySuite } from "./suite.ts";

export interface PropertiesCommandOptions {
  target: TargetKind;
  baseUrl?: string | undefined;
  runs: number;
  maxCommands: number;
  seed?: number | undefined;
  vars: Record<string, string>;
  /** Where a counterexample is written. */
  outDir: string;
}

export async function runPropertiesCommand(options: PropertiesCommandOptions, io: CliIo): Promise<number> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const target = createTarget({ kind: options.target, baseUrl: options.baseUrl, seed, vars: options.vars });
  io.stderr(`property suite on ${target.description}: ${options.runs} runs of up to ${options.maxCommands} commands, seed ${seed}\n`);
  const result = await runPropertySuite({
    target,
    seed,
    numRuns: options.runs,
    maxCommands: options.maxCommands,
    counterexampleDir: options.outDir,
    onRun: (run) => {
      if (io.isTTY) io.stderr(`\r\x1b[Krun ${run}`);
    },
  });
  if (io.isTTY) io.stderr("\r\x1b[K");
  if (result.skipped) {
    io.stdout(`skipped: ${result.skipped}\n0 passed, 0 failed, 1 skipped\n`);
    return 0;
  }
  const families = Object.entries(result.families)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([family, count]) => `${family} ${count}`)
    .join(", ");
  io.stdout(`commands run: ${families}\n`);
  if (result.passed) {
    io.stdout(`the model held for ${result.numRuns} runs (seed ${seed})\n1 passed, 0 failed\n`);
    return 0;
  }
  io.stdout(
    [
      `the model was broken (seed ${seed}, path ${result.path})`,
      `  shrunk to: ${result.commands}`,
      `  ${result.reason}`,
      `  counterexample: ${result.file}`,
      `  replay it:      iamport-mock scenarios ${result.file} --target ${options.target}`,
      `  or the suite:   iamport-mock properties --target ${options.target} --seed ${seed}`,
      "0 passed, 1 failed",
      "",
    ].join("\n"),
  );
  return 1;
}
