/**
 * The `iamport-mock` command line (commander): `serve`, the default, puts the mock on 127.0.0.1 and
 * prints how to use it; `scenarios` runs scenario files; `record` writes a session with an upstream
 * as one. `main` runs in-process, so tests call it with a recording `io`; `cli-entry.ts` binds it to
 * the real process. With serve-command.ts, the only place that opens a socket on its own (the
 * recorder's proxy aside).
 *
 * Up front it loads commander and the option table only: each command imports what it runs when it
 * runs, so `--help` and `--version` answer at once.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { Command, CommanderError } from "commander";
import type { RecordCommandOptions } from "../scenarios/record/record-command.ts";
import type { TargetKind } from "../scenarios/engine/targets.ts";
import type { ScenariosCommandOptions } from "../scenarios/run-command.ts";
import type { CliIo } from "./cli-io.ts";
import { addOptions, portNumber, seedNumber, serveOptions, switchEnvProblem, type ServeFlags } from "./cli-options.ts";
import { DEFAULT_PORT } from "./defaults.ts";
import type { MockServer } from "./server.ts";

export interface MainOptions {
  /**
   * Called once `serve` listens. `main` then resolves 0 and the mock keeps running: the process entry
   * closes it on SIGINT/SIGTERM, a test with `await mock.close()`.
   */
  onListening?: (serving: { mock: MockServer; url: string }) => void;
}

/** Bad options, arguments or config: one line naming the option and the rule (a config: a line per problem). */
const USAGE_ERROR = 2;
/** The runner's targets (scenarios/engine/targets.ts), listed here so that `--help` loads no runner code. */
const TARGETS = ["inprocess", "url", "live"] as const satisfies readonly TargetKind[];

type Fail = (message: string) => never;

/**
 * Runs one command line (`argv` without node and the script) and resolves to its exit code: 0 for
 * help and for a mock that is listening, 2 for usage errors, a scenario run's or a recording's own
 * code otherwise (a recording resolves once it is stopped and its file written).
 */
export async function main(argv: string[], io: CliIo, options: MainOptions = {}): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, options, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    // exitOverride turns every exit commander would make (help included) into this error.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : USAGE_ERROR;
    throw error;
  }
  return exitCode;
}

function buildProgram(io: CliIo, options: MainOptions, setExitCode: (code: number) => void): Command {
  const program = new Command("iamport-mock")
    .description("A local stand-in for the iamport (PortOne V1) REST API.")
    // Set before the subcommands are added, which copy these settings from their parent.
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .version(packageVersion(), "-v, --version", "print the version");
  addServeCommand(program, io, options, setExitCode);
  addScenariosCommand(program, io, setExitCode);
  addPropertiesCommand(program, io, setExitCode);
  addRecordCommand(program, io, setExitCode);
  return program;
}

/** The command's own `error`, worded as commander's own: written through `io`, and exit code 2. */
const failWith =
  (command: Command): Fail =>
  (message) =>
    command.error(message.startsWith("error: ") ? message : `error: ${message}`, {
      exitCode: USAGE_ERROR,
      code: "iamport-mock.usage",
    });

/** This package's version, from the package.json above this module (in the sources and in dist/ alike). */
function packageVersion(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === "iamport-mock" && manifest.version) return manifest.version;
    } catch {
      // No package.json here: look further up.
    }
    if (dirname(dir) === dir) return "unknown";
  }
}

function wholeNumber(name: string, text: string, fail: Fail): number {
  if (!/^\d+$/.test(text)) fail(`--${name} must be a whole number (got ${JSON.stringify(text)})`);
  return Number(text);
}

// ---- serve ---------------------------------------------------------------------------------

function addServeCommand(program: Command, io: CliIo, options: MainOptions, setExitCode: (code: number) => void): void {
  const command = program.command("serve", { isDefault: true }).description("serve the mock (the default command)");
  addOptions(command, serveOptions).action(async (flags: ServeFlags, command: Command) => {
    const fail = failWith(command);
    const envProblem = switchEnvProblem(command, serveOptions);
    if (envProblem) fail(envProblem);
    // Loaded only here: --help and --version never load the server.
    const { serve } = await import("./serve-command.ts");
    await serve(flags, io, options.onListening, fail);
    setExitCode(0);
  });
}

// ---- scenarios -------------------------------------------------------------------------------

interface ScenarioFlags {
  target: string;
  baseUrl?: string;
  junit?: string;
  grep?: string;
  bail?: boolean;
  failOnDrift?: boolean;
  seed?: number;
  var?: string[];
}

/** `--var name=value`, repeatable. No default array: commander would print it as "(default: [])" in the help. */
const collectVars = (text: string, seen: string[] = []) => [...seen, text];

function parseTarget(text: string, fail: Fail): TargetKind {
  const target = TARGETS.find((t) => t === text);
  if (!target) fail(`--target must be one of ${TARGETS.join(", ")} (got ${JSON.stringify(text)})`);
  return target;
}

function addScenariosCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("scenarios")
    .description("run scenario files (see scenarios/README.md)")
    .argument("<paths...>", "scenario files or folders")
    .option("--target <target>", `where the scenarios run: ${TARGETS.join(", ")}`, "inprocess")
    .option("--base-url <url>", "the API's base URL (for --target url or live)")
    .option("--junit <file>", "also write the results as JUnit XML")
    .option("--grep <pattern>", "run only the scenarios whose name or file matches")
    .option("--bail", "stop at the first failing scenario")
    .option("--fail-on-drift", "exit 1 when an answer differs from the contracts")
    .option("--seed <n>", "seed for the run's random choices", seedNumber)
    .option("--var <name=value>", "a variable for the scenarios (repeatable)", collectVars)
    .action(async (paths: string[], flags: ScenarioFlags, command: Command) => {
      const options = scenarioOptions(flags, failWith(command));
      // Loaded only here: serving never pays for the scenario runner and what it imports.
      const { runScenariosCommand } = await import("../scenarios/run-command.ts");
      setExitCode(await runScenariosCommand(paths, options, io));
    });
}

function scenarioOptions(flags: ScenarioFlags, fail: Fail): ScenariosCommandOptions {
  return {
    target: parseTarget(flags.target, fail),
    baseUrl: flags.baseUrl,
    junit: flags.junit,
    grep: flags.grep,
    bail: flags.bail ?? false,
    failOnDrift: flags.failOnDrift ?? false,
    seed: flags.seed,
    vars: parseVars(flags.var ?? [], fail),
  };
}

/** `--var name=value`, repeated; the value may itself hold `=`. */
function parseVars(texts: string[], fail: Fail): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const text of texts) {
    const match = /^([^=]+)=(.*)$/s.exec(text);
    if (!match) fail(`--var must be name=value (got ${JSON.stringify(text)})`);
    vars[match[1]!] = match[2]!;
  }
  return vars;
}

// ---- properties ------------------------------------------------------------------------------

interface PropertyFlags {
  target: string;
  baseUrl?: string;
  runs: string;
  maxCommands: string;
  seed?: number;
  var?: string[];
  outDir: string;
}

function addPropertiesCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("properties")
    .description("run the property suite: random command sequences held to a model (see README.md, Property suites)")
    .option("--target <target>", `where it runs: ${TARGETS.join(", ")}`, "inprocess")
    .option("--base-url <url>", "the API's base URL (for --target url or live)")
    .option("--runs <n>", "how many random sequences", "50")
    .option("--max-commands <n>", "commands per sequence at most", "60")
    .option("--seed <n>", "seed of the sequences (printed; repeats a run)", seedNumber)
    .option(
      "--var <name=value>",
      "a value for the suite's inputs, e.g. customer_smartro_v2 on live (repeatable)",
      collectVars,
    )
    .option("--out-dir <dir>", "where a failing run's counterexample scenario is written", "counterexamples")
    .action(async (flags: PropertyFlags, command: Command) => {
      const fail: Fail = failWith(command);
      const target = parseTarget(flags.target, fail);
      const runs = wholeNumber("runs", flags.runs, fail);
      const maxCommands = wholeNumber("max-commands", flags.maxCommands, fail);
      if (runs < 1 || maxCommands < 1) fail("--runs and --max-commands must be at least 1");
      const options = {
        target,
        baseUrl: flags.baseUrl,
        runs,
        maxCommands,
        seed: flags.seed,
        vars: parseVars(flags.var ?? [], fail),
        outDir: flags.outDir,
      };
      // Loaded only here, like the scenario runner.
      const { runPropertiesCommand } = await import("../scenarios/properties/properties-command.ts");
      setExitCode(await runPropertiesCommand(options, io));
    });
}

// ---- record ----------------------------------------------------------------------------------

interface RecordFlags {
  upstream: string;
  out: string;
  port: number;
  host: string;
  name?: string;
}

function addRecordCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("record")
    .description("write a session with an upstream as a scenario")
    .requiredOption("--upstream <url>", `where requests go: a mock (http://127.0.0.1:${DEFAULT_PORT}) or the live API`)
    .requiredOption("--out <file>", "the scenario file written when recording stops (Ctrl-C)")
    .option("--port <port>", "port the recorder listens on (0 picks a free one)", portNumber, 4011)
    .option("--host <host>", "address to bind", "127.0.0.1")
    .option("--name <name>", "the scenario's name (default: where and when it was recorded)")
    .action(async (flags: RecordFlags, command: Command) => {
      const options = recordOptions(flags, failWith(command));
      // Loaded only here, as the scenario runner is.
      const { runRecordCommand } = await import("../scenarios/record/record-command.ts");
      setExitCode(await runRecordCommand(options, io));
    });
}

function recordOptions(flags: RecordFlags, fail: Fail): RecordCommandOptions {
  if (!isHttpUrl(flags.upstream))
    fail(`--upstream must be an http or https URL (got ${JSON.stringify(flags.upstream)})`);
  return { upstream: flags.upstream, out: flags.out, port: flags.port, host: flags.host, name: flags.name };
}

function isHttpUrl(text: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
