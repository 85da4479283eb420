/**
 * `iamport-mock scenarios <files or folders> --target …`: loads every file first (a malformed one
 * stops the run before anything is sent), runs them with a progress line each, prints the summary
 * and writes JUnit XML when asked. Exit code: 0 when nothing failed, 1 when something did, 2 for
 * bad files or options.
 */
import { accessSync, constants, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { findScenarioFiles, loadScenarios, ScenarioFileError } from "./engine/load.ts";
import { junitXml, progressLine, summaryText } from "./engine/report.ts";
import { runScenarios } from "./engine/run.ts";
import { createTarget, type TargetKind } from "./engine/targets.ts";
import type { CliIo } from "../mock-server/cli-io.ts";

export interface ScenariosCommandOptions {
  target: TargetKind;
  baseUrl?: string;
  junit?: string;
  grep?: string;
  bail: boolean;
  /** Exit 1 when an answer differs from the contracts, even if every expectation held. */
  failOnDrift?: boolean;
  seed?: number;
  vars: Record<string, string>;
}

export async function runScenariosCommand(
  paths: string[],
  options: ScenariosCommandOptions,
  io: CliIo,
): Promise<number> {
  let scenarios;
  let grep: RegExp | undefined;
  try {
    scenarios = loadScenarios(findScenarioFiles(paths));
    grep = options.grep === undefined ? undefined : new RegExp(options.grep, "u");
  } catch (error) {
    if (error instanceof ScenarioFileError || error instanceof SyntaxError) {
      io.stderr(`${error.message}\nnothing was run.\n`);
      return 2;
    }
    throw error;
  }
  if (!scenarios.length) {
    io.stderr(`no scenario files (*.yaml, *.yml) in ${paths.join(", ")}\n`);
    return 2;
  }
  if (grep && !scenarios.some((s) => grep.test(s.name) || grep.test(s.file))) {
    io.stderr(`no scenario's name or file matches --grep ${options.grep}; nothing was run.\n`);
    return 2;
  }
  const junitProblem = options.junit === undefined ? undefined : unwritable(options.junit);
  if (junitProblem) {
    io.stderr(`--junit ${options.junit}: ${junitProblem}; nothing was run.\n`);
    return 2;
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const target = createTarget({ kind: options.target, baseUrl: options.baseUrl, seed, vars: options.vars });
  if (target.unavailable) io.stderr(`skipping every scenario: ${target.unavailable}\n`);
  io.stderr(`running ${scenarios.length} scenario file(s) on ${target.description}, seed ${seed}\n`);
  const summary = await runScenarios(scenarios, target, {
    seed,
    grep,
    bail: options.bail,
    onScenarioStart: (loaded, index, total) => {
      if (io.isTTY) io.stderr(`\r\x1b[K[${index + 1}/${total}] … ${loaded.name}`);
    },
    onScenarioDone: (result, index, total) =>
      io.stderr(`${io.isTTY ? "\r\x1b[K" : ""}${progressLine(result, index, total)}\n`),
  });
  io.stdout(summaryText(summary));
  if (options.junit) {
    mkdirSync(dirname(options.junit), { recursive: true });
    writeFileSync(options.junit, junitXml(summary));
    io.stderr(`JUnit XML written to ${options.junit}\n`);
  }
  if (summary.failed > 0) return 1;
  return options.failOnDrift && summary.drifted > 0 ? 1 : 0;
}

/** Why a report file cannot be written there, checked before the run rather than after it. */
function unwritable(file: string): string | undefined {
  try {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) return "is a folder";
    mkdirSync(dirname(file), { recursive: true });
    accessSync(dirname(file), constants.W_OK);
    return undefined;
  } catch (error) {
    return `cannot be written (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
}
