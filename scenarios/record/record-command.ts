/**
 * `iamport-mock record --upstream <url> --out <file>`: records until Ctrl-C or SIGTERM, then writes
 * the scenario file. The options arrive checked (mock-server/cli.ts); the signal is injectable so
 * tests stop a recording without signalling their own process. `--out` is checked before
 * listening, and should writing it still fail at the end, the scenario goes to stdout instead.
 */
import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type { FetchLike } from "../../client/index.ts";
import { schemaRefFor } from "../engine/scenario-file.ts";
import { startRecorder } from "./recorder.ts";
import { count } from "./to-scenario.ts";
import type { CliIo } from "../../mock-server/cli-io.ts";

export interface RecordCommandOptions {
  upstream: string;
  out: string;
  port: number;
  host: string;
  name?: string | undefined;
}

/** When to stop recording; `dispose` forgets the trigger (the recording could not start). */
export interface StopTrigger {
  stopped: Promise<void>;
  dispose(): void;
}

/**
 * Exit code: 0 once the file is written (or there was nothing to write); 1 when it could not be
 * written at the end (the scenario is then printed to stdout); 2, before recording anything, when
 * `out` cannot be written or the port cannot be had.
 */
export async function runRecordCommand(
  options: RecordCommandOptions,
  io: CliIo,
  stop: StopTrigger = processSignals(),
  fetch?: FetchLike,
): Promise<number> {
  const { upstream, port, host, out, name } = options;
  const unwritable = whyUnwritable(out);
  if (unwritable) {
    stop.dispose();
    io.stderr(`cannot write ${out}: ${unwritable}; nothing was recorded\n`);
    return 2;
  }
  let recorder;
  try {
    recorder = await startRecorder({ upstream, port, host, out, name, fetch, log: (line) => io.stderr(`${line}\n`) });
  } catch (error) {
    stop.dispose();
    io.stderr(`cannot listen on ${host}:${port}: ${(error as Error).message}\n`);
    return 2;
  }
  io.stdout(
    `recording ${upstream}: point your client at ${recorder.url}\nCtrl-C (or SIGTERM) stops and writes ${out}\n`,
  );
  await stop.stopped;
  try {
    await recorder.close();
  } catch (error) {
    io.stderr(`cannot write ${out}: ${(error as Error).message}\n`);
    // The session cannot be had again: it goes to stdout rather than nowhere.
    if (recorder.scenario().steps.length) {
      io.stderr("the scenario follows on stdout instead\n");
      io.stdout(recorder.yaml(undefined, { schemaRef: schemaRefFor(out) }));
    }
    return 1;
  }
  const steps = recorder.scenario().steps.length;
  const exchanges = count(recorder.exchanges.length, "exchange");
  if (!steps) {
    io.stderr(`nothing to write: none of the ${exchanges} became a step; ${out} was not written\n`);
    return 0;
  }
  io.stderr(`wrote ${out}: ${count(steps, "step")} from ${exchanges}\n`);
  io.stderr(`replay it: npx iamport-mock scenarios ${out} --target inprocess\n`);
  return 0;
}

/**
 * Why `out` could not be written, or undefined when it can: its folder is made now (as writing
 * would), then the file, if it is there, must be a file that opens for appending (which leaves it
 * as it is), or else the folder must be writable. Nothing is created when there is no file yet, so
 * a session without a step still leaves none.
 */
export function whyUnwritable(out: string): string | undefined {
  try {
    mkdirSync(dirname(out), { recursive: true });
    if (!existsSync(out)) {
      accessSync(dirname(out), constants.W_OK);
      return undefined;
    }
    if (statSync(out).isDirectory()) return "it is a folder";
    closeSync(openSync(out, "a"));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** SIGINT or SIGTERM, once; both handlers go as soon as either fires. */
export function processSignals(): StopTrigger {
  let fire!: () => void;
  const stopped = new Promise<void>((resolveStop) => (fire = resolveStop));
  const dispose = () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
  const onSignal = () => {
    dispose();
    fire();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return { stopped, dispose };
}
