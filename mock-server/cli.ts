/**
 * The `iamport-mock` command line (commander): `serve`, the default, puts the mock on 127.0.0.1 and
 * prints how to use it; `scenarios` runs scenario files; `record` writes a session with an upstream
 * as one. `main` runs in-process, so tests call it with a recording `io`; `cli-entry.ts` binds it to
 * the real process. The only place that opens a socket on its own (the recorder's proxy aside).
 */
import { Command, CommanderError } from "commander";
import type { MockConfig } from "../contracts/mock/config.ts";
import type { RecordCommandOptions } from "../scenarios/record/record-command.ts";
import type { TargetKind } from "../scenarios/engine/targets.ts";
import type { ScenariosCommandOptions } from "../scenarios/run-command.ts";
import { ConfigError, loadConfigFile } from "./config/load-config.ts";
import { groupView } from "./core/routing/groups.ts";
import { createMockServer, type MockServer } from "./server.ts";
import type { CliIo } from "./cli-io.ts";

export interface MainOptions {
  /**
   * Called once `serve` listens. `main` then resolves 0 and the mock keeps running: the process entry
   * closes it on SIGINT/SIGTERM, a test with `await mock.close()`.
   */
  onListening?: (serving: { mock: MockServer; url: string }) => void;
}

/** Bad options, arguments or config: the problem, then the command's help. */
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
    .showHelpAfterError();
  addServeCommand(program, io, options, setExitCode);
  addScenariosCommand(program, io, setExitCode);
  addPropertiesCommand(program, io, setExitCode);
  addRecordCommand(program, io, setExitCode);
  return program;
}

/** The command's own `error`: written through `io` with the help after it, and exit code 2. */
const failWith =
  (command: Command): Fail =>
  (message) =>
    command.error(message, { exitCode: USAGE_ERROR, code: "iamport-mock.usage" });

function wholeNumber(name: string, text: string, fail: Fail): number {
  if (!/^\d+$/.test(text)) fail(`--${name} must be a whole number (got ${JSON.stringify(text)})`);
  return Number(text);
}

// ---- serve -----------------------------------------------------------------------------------

interface ServeFlags {
  port: string;
  host: string;
  config?: string;
  seed?: string;
  clock: string;
  control: boolean;
}

function addServeCommand(program: Command, io: CliIo, options: MainOptions, setExitCode: (code: number) => void): void {
  program
    .command("serve", { isDefault: true })
    .description("serve the mock (the default command)")
    .option("--port <port>", "port to listen on (0 picks a free one)", "4010")
    .option("--host <host>", "address to bind", "127.0.0.1")
    .option("--config <file.json>", "merchants and channels as JSON (default: the demo merchant)")
    .option("--seed <n>", "seed for identifiers and random choices (default: random, printed)")
    .option("--clock <mode>", "wall: the virtual clock follows real time; frozen: it moves only when told", "wall")
    .option("--no-control", "serve without the control API (/__mock/...), as the real service has none")
    .action(async (flags: ServeFlags, command: Command) => {
      await serve(flags, io, options, failWith(command));
      setExitCode(0);
    });
}

async function serve(flags: ServeFlags, io: CliIo, { onListening }: MainOptions, fail: Fail): Promise<void> {
  if (flags.clock !== "wall" && flags.clock !== "frozen")
    fail(`--clock must be wall or frozen (got ${JSON.stringify(flags.clock)})`);
  const port = wholeNumber("port", flags.port, fail);
  const mock = configErrorsFail(fail, () => {
    const config = flags.config === undefined ? undefined : loadConfigFile(flags.config);
    const seed = flags.seed === undefined ? undefined : wholeNumber("seed", flags.seed, fail);
    return createMockServer({
      config,
      seed,
      clock: { mode: flags.clock as "wall" | "frozen" },
      control: flags.control,
    });
  });
  let address;
  try {
    address = await mock.listen(port, flags.host);
  } catch (error) {
    fail(`cannot listen on ${flags.host}:${port}: ${(error as Error).message}`);
  }
  // Before the banner: whoever waits for it (a spawned test, a script) may signal at once, and the
  // process entry's SIGTERM handler must be in place by then.
  onListening?.({ mock, url: address.url });
  io.stdout(banner(mock, address.url, flags.control));
}

/** A config's problems (a field, or a ratio change not ahead of the clock) are usage errors naming the field. */
function configErrorsFail<T>(fail: Fail, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

const CONTROL_CALLS = "__mock/state, /__mock/journal, /__mock/clock, /__mock/webhooks, /__mock/pg-notices";
const CONTROL_OFF = "control API: off (--no-control): /__mock/... answers 404 as on the real service";

function banner(mock: MockServer, url: string, control: boolean): string {
  const lines = [`iamport mock listening on ${url}  (seed ${mock.seed}, clock ${mock.clock.mode})`, ""];
  for (const merchant of mock.config.merchants) lines.push(...merchantLines(mock, merchant, control), "");
  const first = mock.config.merchants[0]!;
  lines.push(
    "try:",
    `  curl -s ${url}/users/getToken -H 'Content-Type: application/json' -d '{"imp_key":"${first.imp_key}","imp_secret":"${first.imp_secret}"}'`,
    control ? `control API: ${url}/${CONTROL_CALLS} (see docs/mock-server.md)` : CONTROL_OFF,
    "",
  );
  return lines.join("\n");
}

function merchantLines(mock: MockServer, merchant: MockConfig["merchants"][number], control: boolean): string[] {
  const lines = [`merchant ${merchant.store_code} (${merchant.name})`, `  imp_key    ${merchant.imp_key}`];
  lines.push(`  imp_secret ${merchant.imp_secret}`, "  channels:");
  const defaultKey = merchant.default_channel ?? merchant.channels[0]!.channel_key;
  for (const channel of merchant.channels) {
    const isDefault = channel.channel_key === defaultKey ? "  (default)" : "";
    lines.push(`    ${channel.channel_key.padEnd(34)} ${channel.pg_provider.padEnd(14)} ${channel.pg_id}${isDefault}`);
  }
  const { webhook } = merchant;
  // The delivery log is a control call; without the control API there is nowhere to point.
  const logged = control ? " (all are logged in /__mock/webhooks)" : "";
  lines.push(
    webhook.url
      ? `  webhooks   ${webhook.url} (${webhook.content_type}, retries ${webhook.retries ? "on" : "off"})`
      : `  webhooks   no URL: only a request's notice_url gets them${logged}`,
  );
  for (const key of merchant.billing_keys) lines.push(`  billing key ${key.customer_uid} on ${key.channel_key}`);
  for (const group of mock.core.store.merchantByStoreCode(merchant.store_code)!.groups.values()) {
    const view = groupView(group);
    lines.push(
      `  channel group ${view.id} (${view.name}): ${view.channels.map((c) => `${c.channel_key} ${c.ratio}%`).join(", ")}`,
    );
    for (const warning of view.warnings) lines.push(`    warning: ${warning}`);
  }
  return lines;
}

// ---- scenarios -------------------------------------------------------------------------------

interface ScenarioFlags {
  target: string;
  baseUrl?: string;
  junit?: string;
  grep?: string;
  bail?: boolean;
  failOnDrift?: boolean;
  seed?: string;
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
    .option("--seed <n>", "seed for the run's random choices")
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
    seed: flags.seed === undefined ? undefined : wholeNumber("seed", flags.seed, fail),
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
  seed?: string;
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
    .option("--seed <n>", "seed of the sequences (printed; repeats a run)")
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
        seed: flags.seed === undefined ? undefined : wholeNumber("seed", flags.seed, fail),
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
  port: string;
  host: string;
  name?: string;
}

function addRecordCommand(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  program
    .command("record")
    .description("write a session with an upstream as a scenario")
    .requiredOption("--upstream <url>", "where requests go: a mock (http://127.0.0.1:4010) or the live API")
    .requiredOption("--out <file>", "the scenario file written when recording stops (Ctrl-C)")
    .option("--port <port>", "port the recorder listens on (0 picks a free one)", "4011")
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
  const port = wholeNumber("port", flags.port, fail);
  if (port > 65_535) fail(`--port must be at most 65535 (got ${port})`);
  return { upstream: flags.upstream, out: flags.out, port, host: flags.host, name: flags.name };
}

function isHttpUrl(text: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}
