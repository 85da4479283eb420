/**
 * `createMockServer`: one isolated mock instance. Nothing lives at module level, so tests create
 * as many as they like side by side. Use `app.request` / `fetch` in-process, or `listen()` for a
 * real socket.
 */
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import type { Hono } from "hono";
import type { MockConfig, MockConfigInput, MessageMode } from "../contracts/mock/config.ts";
import type { JournalRecord } from "./core/journal.ts";
import { createVirtualClock, type ClockMode, type VirtualClock } from "./core/clock.ts";
import { createMockCore, type MockCore } from "./core/mock-core.ts";
import { createSeededRandom } from "./core/random.ts";
import demoConfigJson from "./config/demo-config.generated.json" with { type: "json" };
import { ConfigError, parseConfig, requireRatioChangesAhead } from "./config/load-config.ts";
import { MockError } from "./core/errors.ts";
import { createApp } from "./http/app.ts";
import type { MockEnv } from "./http/env.ts";
import { createPingbacks, type Pingbacks } from "./pingback/pingbacks.ts";

export interface MockServerOptions {
  /** Merchants and channels; the demo merchant when left out. */
  config?: MockConfigInput | MockConfig;
  /** Seeds identifiers and random choices; a random seed (see `seed` on the result) when left out. */
  seed?: number;
  clock?: { mode?: ClockMode; start?: number };
  /** Check every answer against its response schema (on by default; the benchmark turns it off to measure both). */
  checkResponses?: boolean;
  /** Serve the control API (`/__mock/...`); on by default. Off, those paths are unknown ones, as on the real service. */
  control?: boolean;
  /** Hears of every request the journal records (the control API's own calls are not), as it is recorded. */
  onRequest?: (entry: Omit<JournalRecord, "id">) => void;
  /** What a refusal's `message` says, over the config's `messages` (the CLI's --messages). */
  messages?: MessageMode;
}

export interface MockServer {
  app: Hono<MockEnv>;
  core: MockCore;
  config: MockConfig;
  seed: number;
  clock: VirtualClock;
  /** Webhook delivery: `await mock.pingbacks.settled()` waits for attempts in flight. */
  pingbacks: Pingbacks;
  /**
   * Runs what came due on the virtual clock and sends what is owed, as every request does first.
   * For a test that moved `mock.clock` directly and wants due retries started without a request.
   */
  tick(): void;
  /** A `fetch` that goes straight into the app, for clients in the same process. */
  fetch: typeof fetch;
  listen(port?: number, host?: string): Promise<{ url: string; port: number; host: string }>;
  close(): Promise<void>;
}

export function createMockServer(options: MockServerOptions = {}): MockServer {
  const parsed = options.config === undefined ? parsedDemoConfig() : parseConfig(options.config);
  const config = options.messages === undefined ? parsed : { ...parsed, messages: options.messages };
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const clock = createVirtualClock(options.clock);
  requireRatioChangesAhead(config, clock.now());
  const core = createCore(config, clock, seed);
  const pingbacks = createPingbacks(core);
  const app = createApp(core, pingbacks, {
    checkResponses: options.checkResponses ?? true,
    control: options.control ?? true,
    onRequest: options.onRequest,
  });
  const tick = () => {
    core.catchUp();
    pingbacks.tick();
  };
  let server: ServerType | undefined;
  // On a wall clock time passes without requests: due retries, schedules and notices still happen.
  let ticker: NodeJS.Timeout | undefined;

  return {
    app,
    core,
    config,
    seed,
    clock,
    pingbacks,
    tick,
    fetch: ((input: Parameters<typeof fetch>[0], init?: RequestInit) => app.request(input, init)) as typeof fetch,
    listen(port = 0, host = "127.0.0.1") {
      if (server) return Promise.reject(new Error("this mock server is already listening"));
      return new Promise((resolve, reject) => {
        const started = serve({ fetch: app.fetch, port, hostname: host }, (info: AddressInfo) => {
          const shown = info.family === "IPv6" ? `[${info.address}]` : info.address;
          resolve({ url: `http://${shown}:${info.port}`, port: info.port, host: info.address });
        });
        started.once("error", reject);
        server = started;
        if (clock.mode === "wall") ticker = setInterval(tick, 1000).unref();
      });
    },
    async close() {
      clearInterval(ticker);
      await pingbacks.close();
      const running = server;
      server = undefined;
      if (!running) return;
      await new Promise<void>((resolve, reject) => {
        running.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections would hold close() open until they time out.
        if ("closeAllConnections" in running) running.closeAllConnections();
      });
    },
  };
}

/**
 * The demo config as `parseConfig` makes it, from the file `npm run generate` writes
 * (test/generated.test.ts keeps it current): a mock started without a config (the CLI's default)
 * skips zod's first parse of the config schema, some 7 % of its start-up CPU. A copy each time, so no
 * mock shares its config objects with another.
 */
const parsedDemoConfig = (): MockConfig => structuredClone(demoConfigJson as MockConfig);

/** The core, with a config whose seeded payments the domain refuses reported as the config error it is. */
function createCore(config: MockConfig, clock: VirtualClock, seed: number): MockCore {
  try {
    return createMockCore(config, clock, createSeededRandom(seed));
  } catch (error) {
    if (error instanceof MockError) throw new ConfigError([error.message], "seeded payments");
    throw error;
  }
}
