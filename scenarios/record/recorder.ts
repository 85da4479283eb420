/**
 * `startRecorder`: the proxy, the exchanges it saw, and the scenario they make. A line per
 * exchange goes to `log` while recording; with `out`, `close()` writes the file (when there is a step to write).
 */
import type { FetchLike } from "../../client/index.ts";
import type { Scenario } from "../../contracts/scenarios.ts";
import { decodeExchange, readEnvelope } from "./decode-exchange.ts";
import type { RecordedExchange } from "./exchange.ts";
import { startProxy } from "./proxy.ts";
import { schemaRefFor, writeScenarioFile } from "../engine/scenario-file.ts";
import { toScenario, toScenarioYaml } from "./to-scenario.ts";

export interface RecorderOptions {
  /** Where requests go: a mock's URL or the live API's. */
  upstream: string;
  /** 0 (the default) picks a free port. */
  port?: number | undefined;
  host?: string | undefined;
  fetch?: FetchLike | undefined;
  /** The scenario file `close()` writes; none without it (take `yaml()` instead). */
  out?: string | undefined;
  /** The scenario's name (default: where and when it was recorded); `scenario(name)` and `yaml(name)` may give another. */
  name?: string | undefined;
  /** One line per exchange (`→ POST /payments/cancel  200 code 0  (cancelPayment)`), without the newline. */
  log?: ((line: string) => void) | undefined;
}

export interface Recorder {
  /** Point the client here. */
  url: string;
  /** What was forwarded so far, in the order the answers came back. */
  exchanges: RecordedExchange[];
  /** Stops forwarding (requests in flight get up to 5 s to finish); with `out`, then writes the file if the session made at least one step. */
  close(): Promise<void>;
  scenario(name?: string): Scenario;
  /** `schemaRef`: the JSON Schema relative to where the file goes, for the editor modeline. */
  yaml(name?: string, options?: { schemaRef?: string | undefined }): string;
}

export async function startRecorder(options: RecorderOptions): Promise<Recorder> {
  const recordedAt = new Date().toISOString();
  const exchanges: RecordedExchange[] = [];
  const proxy = await startProxy({
    upstream: options.upstream,
    port: options.port,
    host: options.host,
    fetch: options.fetch,
    onExchange(exchange) {
      exchanges.push(exchange);
      options.log?.(exchangeLine(exchange));
    },
  });
  const facts = (name = options.name) => ({ upstream: options.upstream, recordedAt, name });
  const scenario = (name?: string) => toScenario(exchanges, facts(name));
  const yaml = (name?: string, yamlOptions: { schemaRef?: string | undefined } = {}) =>
    toScenarioYaml(exchanges, { ...facts(name), schemaRef: yamlOptions.schemaRef });
  let closing: Promise<void> | undefined;
  const close = async () => {
    await proxy.close();
    const { out } = options;
    if (out && scenario().steps.length) writeScenarioFile(out, yaml(undefined, { schemaRef: schemaRefFor(out) }));
  };
  // Once: a second close() (a test's clean-up) neither waits on a closed server nor writes again.
  return { url: proxy.url, exchanges, close: () => (closing ??= close()), scenario, yaml };
}

/** `→ POST /subscribe/payments/onetime  200 code 0  (onetime)`: what happened and what the file will make of it. */
export function exchangeLine(exchange: RecordedExchange): string {
  const decoded = decodeExchange(exchange);
  const code = readEnvelope(exchange.responseBody, exchange.status)?.code;
  const outcome = `${exchange.status}${code === undefined ? "" : ` code ${code}`}`;
  const fate =
    decoded.kind === "step"
      ? decoded.operation.kind === "control"
        ? `control ${decoded.operation.key}`
        : decoded.operation.key
      : decoded.kind === "token"
        ? "getToken: not written"
        : `not replayed, written as a comment: ${decoded.reason}`;
  return `→ ${exchange.method} ${exchange.path}  ${outcome}  (${fate})`;
}
