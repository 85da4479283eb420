/**
 * `iamport-mock record --upstream <url> --out <file>`: records until Ctrl-C or SIGTERM, then writes
 * the scenario file. The options arrive checked (mock-server/cli.ts); the signal is injectable so
 * tests stop a recording without signalling their own process.
 */
import type { FetchLike } from "./proxy.ts";
import { startRecorder } from "./recorder.ts";
import { count } from "./to-scenario.ts";

export interface RecordCommandOptions {
  upstream: string;
  out: string;
  port: number;
  host: string;
  name?: string | undefined;
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** When to stop recording; `dispose` forgets the trigger (the recording could not start). */
export interface StopTrigger {
  stopped: Promise<void>;
  dispose(): void;
}

/** Exit code: 0 once the file is written (or there was nothing to write), 1 when it cannot be, 2 when the port cannot be had. */
export async function runRecordCommand(
  options: RecordCommandOptions,
  io: CliIo,
  stop: StopTrigger = processSignals(),
  fetch?: FetchLike,
): Promise<number> {
  const { upstream, port, host, out, name } = options;
  let recorder;
  try {
    recorder = await startRecorder({ upstream, port, host, out, name, fetch, log: (line) => io.stderr(`${line}\n`) });
  } catch (error) {
    stop.dispose();
    io.stderr(`cannot listen on ${host}:${port}: ${(error as Error).message}\n`);
    return 2;
  }
  io.stdout(`recording ${upstream}: point your client at ${recorder.url}\nCtrl-C (or SIGTERM) stops and writes ${out}\n`);
  await stop.stopped;
  try {
    await recorder.close();
  } catch (error) {
    io.stderr(`cannot write ${out}: ${(error as Error).message}\n`);
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
