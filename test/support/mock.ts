/**
 * A mock instance for a test, talked to in-process (no socket), with small helpers to send JSON
 * or form bodies exactly as a client would. The seed is fixed per instance and printed if the
 * test fails, so a failure replays with the same identifiers.
 */
import qs from "qs";
import { encodeBody, type Encoding } from "../../client/encode.ts";
import { onTestFailed } from "vitest";
import type { MockConfigInput } from "../../contracts/mock/config.ts";
import { createMockServer, DEMO_IMP_KEY, DEMO_IMP_SECRET, type MockServer } from "../../mock-server/index.ts";
import { EXPLANATION_HEADER } from "../../contracts/messages.ts";
import { requireDocumentedStatus } from "./documented-statuses.ts";

export const START = 1_767_225_600; // 2026-01-01T00:00:00Z
export const SMARTRO = "channel-key-demo-smartro-v2";
export const NICE = "channel-key-demo-nice-v2";
export const TOSS = "channel-key-demo-tosspayments";
export const KCP = "channel-key-demo-kcp";
export const INICIS = "channel-key-demo-inicis";
export const SMARTRO_CUSTOMER = "demo-smartro-customer";
export const CARD = { card_number: "4242424242424242", expiry: "2030-12" };

/** The demo credentials with one NICE v2 channel `ck`, plus whatever top-level settings a test needs. */
export const oneChannelConfig = (
  settings: Partial<MockConfigInput> = {},
  channel: Record<string, unknown> = {},
): MockConfigInput => ({
  merchants: [
    {
      store_code: "imp10000000",
      imp_key: "demo_imp_key",
      imp_secret: "demo_imp_secret",
      channels: [{ channel_key: "ck", pg_provider: "nice_v2", pg_id: "m", ...channel }],
    },
  ],
  ...settings,
});

export type { Encoding };
export const ENCODINGS: Encoding[] = ["json", "form"];

export interface Answer {
  status: number;
  // Tests read whatever the envelope holds; the contracts' own tests check its types.
  body: { code: number; message: string | null; response: any };
  headers: Headers;
  /** The mock's explanation of a refusal (the X-Iamport-Mock-Explanation header, decoded); null on success. */
  explanation: string | null;
}

export interface CallOptions {
  token?: string | null;
  json?: unknown;
  form?: Record<string, unknown>;
  body?: { encoding: Encoding; value: Record<string, unknown> };
  raw?: string;
  headers?: Record<string, string>;
  query?: Record<string, unknown>;
}

export interface TestMock {
  server: MockServer;
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  token(impKey?: string, impSecret?: string): Promise<string>;
  /** POST with the body in the given encoding and the demo merchant's token. */
  post(path: string, encoding: Encoding, value: Record<string, unknown>): Promise<Answer>;
  get(path: string, query?: Record<string, unknown>): Promise<Answer>;
  /** Forget the cached token (after a reset, which forgets every token). */
  forgetToken(): void;
  state(storeCode?: string): Promise<Answer["body"]["response"]>;
  /** Webhook deliveries, oldest first (GET /__mock/webhooks). */
  deliveries(query?: Record<string, unknown>): Promise<any[]>;
  /** Webhooks owed, oldest first: one per event, with the URLs its deliveries went to (null: no URL). */
  owedWebhooks(): Promise<any[]>;
}

export function createTestMock(options: { seed?: number; config?: MockConfigInput } = {}): TestMock {
  const server = createMockServer({
    seed: options.seed ?? 20260101,
    clock: { start: START },
    ...(options.config ? { config: options.config } : {}),
  });
  onTestFailed(() => {
    console.error(`mock seed ${server.seed}`);
  });
  // Refreshed when the virtual clock has moved past it, so tests can travel in time freely.
  let cached: { token: string; expired_at: number } | undefined;
  const mock: TestMock = {
    server,
    async call(method, path, { token, json, form, body, raw, headers = {}, query } = {}) {
      const init: RequestInit & { headers: Record<string, string> } = { method, headers: { ...headers } };
      const authorization = token === undefined ? await mock.token() : token;
      if (authorization !== null && !("authorization" in init.headers)) init.headers.authorization = authorization;
      // Encoded as the client encodes them (client/encode.ts), so the tests send what users send.
      const encoded =
        json !== undefined
          ? encodeBody("json", json as Record<string, unknown>)
          : form !== undefined
            ? encodeBody("form", form)
            : body
              ? encodeBody(body.encoding, body.value)
              : undefined;
      if (encoded) {
        init.headers["content-type"] ??= encoded.contentType;
        init.body = encoded.text;
      } else if (raw !== undefined) {
        init.body = raw;
      }
      const search = query ? `?${qs.stringify(query, { arrayFormat: "brackets" })}` : "";
      const response = await server.app.request(`${path}${search}`, init);
      requireDocumentedStatus(method, path, response.status);
      const explanation = response.headers.get(EXPLANATION_HEADER);
      return {
        status: response.status,
        body: (await response.json()) as Answer["body"],
        headers: response.headers,
        explanation: explanation === null ? null : decodeURIComponent(explanation),
      };
    },
    async token(impKey = DEMO_IMP_KEY, impSecret = DEMO_IMP_SECRET) {
      if (impKey === DEMO_IMP_KEY && cached && server.clock.now() < cached.expired_at) return cached.token;
      const answer = await mock.call("POST", "/users/getToken", {
        token: null,
        json: { imp_key: impKey, imp_secret: impSecret },
      });
      if (answer.status !== 200) throw new Error(`getToken failed: ${answer.status} ${answer.body.message}`);
      const token = answer.body.response.access_token as string;
      if (impKey === DEMO_IMP_KEY) cached = { token, expired_at: answer.body.response.expired_at };
      return token;
    },
    post: (path, encoding, value) => mock.call("POST", path, { body: { encoding, value } }),
    get: (path, query) => mock.call("GET", path, query ? { query } : {}),
    forgetToken() {
      cached = undefined;
    },
    async state(storeCode) {
      const answer = await mock.call("GET", "/__mock/state", {
        token: null,
        ...(storeCode ? { query: { store_code: storeCode } } : {}),
      });
      return answer.body.response;
    },
    async deliveries(query = {}) {
      const answer = await mock.call("GET", "/__mock/webhooks", { token: null, query: { limit: 100_000, ...query } });
      if (answer.body.code !== 0) throw new Error(`GET /__mock/webhooks failed: ${answer.body.message}`);
      return answer.body.response.reverse();
    },
    async owedWebhooks() {
      const events = new Map<string, any>();
      for (const {
        event_id,
        imp_uid,
        merchant_uid,
        status,
        cancellation_id,
        cause,
        at,
        url,
      } of await mock.deliveries()) {
        const event = events.get(event_id) ?? { imp_uid, merchant_uid, status, cancellation_id, urls: [], cause, at };
        event.urls.push(url);
        events.set(event_id, event);
      }
      return [...events.values()];
    },
  };
  return mock;
}

let orderCounter = 0;
/** A merchant_uid every PG accepts (Smartro v2: letters and digits only). */
export const orderId = (prefix = "order") => `${prefix}${++orderCounter}`;

/**
 * A payment completed in the browser checkout (POST /__mock/payments): 10000 won, a fresh
 * merchant_uid and a buyer_tel (Smartro v2's browser flow needs one) unless given.
 */
export async function checkout(mock: TestMock, fields: Record<string, unknown>) {
  const answer = await mock.call("POST", "/__mock/payments", {
    token: null,
    json: { merchant_uid: orderId(), amount: 10000, buyer_tel: "010-1234-5678", ...fields },
  });
  if (answer.body.code !== 0) throw new Error(`checkout failed: ${answer.body.message}`);
  return answer.body.response;
}

/**
 * The envelope with the mock's explanation where `message` is: for tests that check a refusal's
 * code and why in one object (the real text is checked where the catalogue is, and by default every
 * refusal carries it).
 */
export const explained = (answer: Answer) => ({ ...answer.body, message: answer.explanation });
