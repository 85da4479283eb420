/**
 * The options of `iamport-mock serve`, as one table. An entry is all an option needs: its commander
 * flags, the help line, a default, and a rule (`parse`) or its values (`choices`). Each gets an
 * environment variable named after its long flag (`--port` → `IAMPORT_MOCK_PORT`, `--no-control` →
 * `IAMPORT_MOCK_NO_CONTROL`), and the parsed flags' type follows from the table.
 *
 * Light on purpose: cli.ts imports it before anything else, and `--help` must not load the server.
 */
import { type Command, InvalidArgumentError, Option } from "commander";
import { DEFAULT_HOST, DEFAULT_PORT } from "./defaults.ts";

export interface OptionSpec {
  flags: string;
  description: string;
  default?: unknown;
  /** Turns the text into the value, or throws `InvalidArgumentError` with the rule it broke. */
  parse?: (text: string) => unknown;
  choices?: readonly string[];
}

/** A rule for a whole number in [min, max]; its message is the rule, commander names the option and the value. */
const wholeNumberIn =
  (min: number, max: number) =>
  (text: string): number => {
    const value = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(value >= min && value <= max))
      throw new InvalidArgumentError(`It must be a whole number from ${min} to ${max}.`);
    return value;
  };

/** A TCP port; 0 asks the system for a free one. */
export const portNumber = wholeNumberIn(0, 65_535);
/** The seeded generator takes 31-bit seeds; a random one is drawn from the same range. */
export const seedNumber = wholeNumberIn(0, 2 ** 31 - 1);

export const serveOptions = {
  port: {
    flags: "--port <port>",
    description: "port to listen on (0 picks a free one)",
    default: DEFAULT_PORT,
    parse: portNumber,
  },
  host: { flags: "--host <host>", description: "address to bind", default: DEFAULT_HOST },
  config: { flags: "--config <file.json>", description: "merchants and channels as JSON (default: the demo merchant)" },
  seed: {
    flags: "--seed <n>",
    description: "seed for identifiers and random choices (default: random, printed)",
    parse: seedNumber,
  },
  clock: {
    flags: "--clock <mode>",
    description: "wall: the virtual clock follows real time; frozen: it moves only when told",
    choices: ["wall", "frozen"],
    default: "wall",
  },
  control: {
    flags: "--no-control",
    description: "serve without the control API (/__mock/...), as the real service has none",
    default: true,
  },
  quiet: { flags: "--quiet", description: "no line per request on stdout", default: false },
  messages: {
    flags: "--messages <text>",
    description:
      "what a refusal's message says: real (the live API's text) or explanation (the mock's own: field, rule, PG); the explanation is always in the X-Iamport-Mock-Explanation header (default: the config's, else real)",
    choices: ["real", "explanation"],
  },
} as const satisfies Record<string, OptionSpec>;

type ValueOf<S> = S extends { parse: (text: string) => infer T }
  ? T
  : S extends { choices: readonly (infer C)[] }
    ? C
    : S extends { flags: `${string}<${string}>` }
      ? string
      : boolean;

/** The parsed flags of a table: with a default an option always has a value. */
type FlagsOf<Table> = {
  -readonly [K in keyof Table]: Table[K] extends { default: unknown }
    ? ValueOf<Table[K]>
    : ValueOf<Table[K]> | undefined;
};
export type ServeFlags = FlagsOf<typeof serveOptions>;

/** `--no-control` → `IAMPORT_MOCK_NO_CONTROL`. */
export function envName(flags: string): string {
  const long = new Option(flags).long!;
  return `IAMPORT_MOCK_${long.slice(2).toUpperCase().replaceAll("-", "_")}`;
}

/** Adds a table's options to a command, each with its environment variable. */
export function addOptions(command: Command, table: Record<string, OptionSpec>): Command {
  for (const [key, spec] of Object.entries(table)) {
    const option = new Option(spec.flags, spec.description).env(envName(spec.flags));
    if (option.attributeName() !== key) throw new Error(`option ${spec.flags} must be keyed ${option.attributeName()}`);
    if (spec.default !== undefined && !option.negate) option.default(spec.default);
    if (spec.parse) option.argParser(spec.parse);
    if (spec.choices) option.choices(spec.choices);
    command.addOption(option);
  }
  return command;
}

const SWITCHED_ON = new Set(["1", "true"]);

/**
 * commander turns a switch (`--quiet`, `--no-control`) on whenever its variable is set, whatever the
 * value; so that `IAMPORT_MOCK_QUIET=0` does not mean quiet, a switch's variable must be 1 or true.
 * The first problem, or undefined.
 */
export function switchEnvProblem(command: Command, table: Record<string, OptionSpec>): string | undefined {
  for (const [key, spec] of Object.entries(table)) {
    if (spec.flags.includes("<") || command.getOptionValueSource(key) !== "env") continue;
    const name = envName(spec.flags);
    const value = process.env[name] ?? "";
    if (!SWITCHED_ON.has(value.toLowerCase()))
      return `error: ${name} turns ${spec.flags} on and must be 1 or true (got ${JSON.stringify(value)}); leave it unset otherwise`;
  }
  return undefined;
}
