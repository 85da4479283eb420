/**
 * Where scenarios run. One switch for every suite and the runner:
 * - `inprocess`: a fresh mock for each scenario, in this process, no socket;
 * - `url`: any running mock (`--base-url`, default where `iamport-mock` serves: http://127.0.0.1:4020),
 *   shared by the scenarios;
 * - `live`: PortOne's API (`https://api.iamport.kr`, or `--base-url`), with IMP_KEY and IMP_SECRET
 *   from the environment. There is no control API there: mock-only steps are skipped.
 */
import {
  createControlClient,
  createIamportClient,
  type ControlClient,
  type FetchLike,
  type IamportClient,
} from "../../client/index.ts";
import { DEMO_IMP_KEY, DEMO_IMP_SECRET } from "../../mock-server/config/demo-config.ts";
import { DEFAULT_HOST, DEFAULT_PORT } from "../../mock-server/defaults.ts";
import { createMockServer } from "../../mock-server/server.ts";

export type TargetKind = "inprocess" | "url" | "live";

export const LIVE_API_URL = "https://api.iamport.kr";
export const DEFAULT_MOCK_URL = `http://${DEFAULT_HOST}:${DEFAULT_PORT}`;
/** The virtual clock's start for in-process mocks: 2026-01-01T00:00:00Z, as in the unit tests. */
export const INPROCESS_CLOCK_START = 1_767_225_600;

export interface TargetOptions {
  kind: TargetKind;
  baseUrl?: string | undefined;
  /** The in-process mock's seed (identifiers, smart-routing picks). */
  seed?: number | undefined;
  /** Values for scenario `inputs`, and `imp_key` / `imp_secret`; they win over what the target finds. */
  vars?: Record<string, string> | undefined;
  /** Read for the live target's credentials and `IAMPORT_VAR_*` inputs (default: process.env). */
  env?: Record<string, string | undefined> | undefined;
  /** Wraps every request the scenario's clients send (tests use it to break a target on purpose). */
  wrapFetch?: ((fetch: FetchLike) => FetchLike) | undefined;
}

/** One scenario's view of the target. */
export interface TargetSession {
  client: IamportClient;
  /** The mock's control API; absent on live. */
  control: ControlClient | undefined;
  /** What scenario `inputs` can name: the credentials (`imp_key`, `imp_secret`), and the channel keys, group ids and billing keys the target holds. */
  inputs: Record<string, unknown>;
  /** The target's clock, unix seconds (the mock's virtual clock; real time on live). */
  now(): Promise<number>;
  close(): Promise<void>;
}

export interface Target {
  kind: TargetKind;
  /** One line for the report, e.g. `url http://127.0.0.1:4010`. */
  description: string;
  /** Why every scenario is skipped here (e.g. no live credentials); undefined when the target is usable. */
  unavailable: string | undefined;
  session(): Promise<TargetSession>;
}

export function createTarget(options: TargetOptions): Target {
  const env = options.env ?? process.env;
  const vars = options.vars ?? {};
  const wrap = options.wrapFetch ?? ((fetch: FetchLike) => fetch);
  const networkFetch: FetchLike = (request) => fetch(request);

  if (options.kind === "inprocess") {
    return {
      kind: "inprocess",
      description: "inprocess (a fresh mock per scenario)",
      unavailable: undefined,
      async session() {
        const mock = createMockServer({ seed: options.seed, clock: { mode: "frozen", start: INPROCESS_CLOCK_START } });
        const fetch = wrap(mock.fetch as FetchLike);
        try {
          return await mockSession(`http://mock.inprocess`, fetch, vars, async () => mock.close());
        } catch (error) {
          await mock.close();
          throw error;
        }
      },
    };
  }
  if (options.kind === "url") {
    const baseUrl = options.baseUrl ?? DEFAULT_MOCK_URL;
    return {
      kind: "url",
      description: `url ${baseUrl}`,
      unavailable: undefined,
      session: () => mockSession(baseUrl, wrap(networkFetch), vars, async () => undefined),
    };
  }
  const baseUrl = options.baseUrl ?? env.IAMPORT_API_URL ?? LIVE_API_URL;
  const impKey = vars.imp_key ?? env.IMP_KEY;
  const impSecret = vars.imp_secret ?? env.IMP_SECRET;
  return {
    kind: "live",
    description: `live ${baseUrl}`,
    unavailable:
      impKey && impSecret
        ? undefined
        : "the live target needs IMP_KEY and IMP_SECRET in the environment (a test merchant's REST API key and secret); none were given, so nothing ran against the live API",
    async session() {
      const client = createIamportClient({
        baseUrl,
        impKey: impKey!,
        impSecret: impSecret!,
        fetch: wrap(networkFetch),
        validate: "report",
      });
      const credentials = { imp_key: impKey, imp_secret: impSecret };
      return {
        client,
        control: undefined,
        inputs: { ...liveInputs(env), ...credentials, ...vars },
        now: async () => Math.floor(Date.now() / 1000),
        close: async () => undefined,
      };
    },
  };
}

async function mockSession(
  baseUrl: string,
  fetch: FetchLike,
  vars: Record<string, string>,
  close: () => Promise<void>,
): Promise<TargetSession> {
  const credentials = { imp_key: vars.imp_key ?? DEMO_IMP_KEY, imp_secret: vars.imp_secret ?? DEMO_IMP_SECRET };
  const client = createIamportClient({
    baseUrl,
    impKey: credentials.imp_key,
    impSecret: credentials.imp_secret,
    fetch,
    validate: "report",
  });
  const control = createControlClient({ baseUrl, fetch });
  const found = await mockInputs(control, vars.store_code);
  return {
    client,
    control,
    inputs: { ...found, ...credentials, ...vars },
    async now() {
      const clock = await control.call("getClock");
      if (!clock.ok) throw new Error(`cannot read the mock's clock at ${baseUrl}: ${clock.message}`);
      return clock.response.now;
    },
    close,
  };
}

/**
 * What the mock's merchant holds, under names scenarios can use whatever the config:
 * `store_code`, `channel_<pg_provider>` (the first channel of that PG), `channel_group` (the first
 * smart-routing group) and `customer_<pg_provider>` (the first billing key on a channel of that PG).
 */
async function mockInputs(control: ControlClient, storeCode: string | undefined): Promise<Record<string, unknown>> {
  const state = await control.call("getState", storeCode ? { query: { store_code: storeCode } } : {});
  if (!state.ok)
    throw new Error(`cannot read the mock's state (is the control API on?): ${state.message ?? state.kind}`);
  const { store_code, channels, channel_groups, billing_keys } = state.response;
  const inputs: Record<string, unknown> = { store_code };
  for (const channel of channels) inputs[`channel_${channel.pg_provider}`] ??= channel.channel_key;
  if (channel_groups[0]) inputs.channel_group = channel_groups[0].id;
  for (const key of billing_keys) if ("pg_provider" in key) inputs[`customer_${key.pg_provider}`] ??= key.customer_uid;
  return inputs;
}

/** `IAMPORT_VAR_CHANNEL_SMARTRO_V2=…` → input `channel_smartro_v2`. */
function liveInputs(env: Record<string, string | undefined>): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const [name, value] of Object.entries(env))
    if (name.startsWith("IAMPORT_VAR_") && value !== undefined)
      inputs[name.slice("IAMPORT_VAR_".length).toLowerCase()] = value;
  return inputs;
}
