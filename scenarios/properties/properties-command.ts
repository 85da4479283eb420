/**
 * `iamport-mock properties --target …`: the property suite on any target, with a progress line,
 * the families that ran, and on failure the seed, the path, the shrunk commands and the
 * counterexample file to replay with `iamport-mock scenarios <file>`.
 */
import type { CliIo } from "../../mock-server/cli-io.ts";
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
  io.stderr(
    `property suite on ${target.description}: ${options.runs} runs of up to ${options.maxCommands} commands, seed ${seed}\n`,
  );
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
  if (result.unusable) {
    io.stderr(`${result.unusable}\nnothing was run.\n`);
    return 2;
  }
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
  const where = `--target ${options.target}${options.baseUrl ? ` --base-url ${options.baseUrl}` : ""}${varFlags(options.vars)}`;
  io.stdout(
    [
      `the model was broken (seed ${seed}, fast-check path ${result.path})`,
      `  shrunk to: ${result.commands}`,
      `  ${result.reason}`,
      `  counterexample: ${result.file}`,
      `  replay it:      iamport-mock scenarios ${result.file} ${where}`,
      `  or the suite:   iamport-mock properties ${where} --seed ${seed} --runs ${options.runs} --max-commands ${options.maxCommands}`,
      "0 passed, 1 failed",
      "",
    ].join("\n"),
  );
  return 1;
}

/** The `--var` flags given, for the commands that repeat a run (credentials are not repeated). */
function varFlags(vars: Record<string, string>): string {
  return Object.entries(vars)
    .filter(([name]) => name !== "imp_key" && name !== "imp_secret")
    .map(([name, value]) => ` --var ${name}=${JSON.stringify(value)}`)
    .join("");
}
