/**
 * `createIamportClient`: one typed client for the mock and the real service alike. It gets and
 * renews the access token itself, turns every answer into an `IamportResult` (HTTP 200 with
 * `code != 0` is a refusal, not an exception), and can check every answer against the contracts.
 */
import createClient, { type Client } from "openapi-fetch";
import { operations, type Operation } from "../contracts/operations.ts";
import { createExchange, type DriftReport, type Endpoint, type FetchLike, type Validation } from "./exchange.ts";
import type { paths } from "./generated/iamport-v1.d.ts";
import type { CallInput, InputOptional, OperationName, RawCallInput, ResponseOf } from "./operation-types.ts";
import { failure, type Failure, type IamportResult } from "./result.ts";
import { createTokenCache, type IssuedToken, type TokenCache } from "./token.ts";

export interface IamportClientOptions {
  /** `https://api.iamport.kr`, or a mock's base URL. */
  baseUrl: string;
  /** With `impSecret`: the client gets the token itself, keeps it and renews it. */
  impKey?: string;
  impSecret?: string;
  /** Instead of impKey/impSecret: a token you manage (a function is asked per request). */
  accessToken?: string | (() => string | undefined | Promise<string | undefined>);
  /** `bare` (`Authorization: <token>`, as iamport's own examples) or `bearer`; the service takes both. */
  authorization?: "bare" | "bearer";
  /** The transport: global fetch by default; an in-process mock's `fetch`, or a wrapper, in tests. */
  fetch?: FetchLike;
  /**
   * Check every answer against the contracts: `report` lists each difference on the result and in
   * `client.driftReports` (and calls `onDrift`), `throw` also throws a `ContractDriftError`.
   */
  validate?: Validation;
  onDrift?: (report: DriftReport) => void;
  /**
   * The caller's clock in unix seconds (default: real time). The client renews by the service's
   * clock, estimated from the token answer's `now`; pass a mock's virtual clock to follow it.
   */
  clock?: () => number;
  /** Give up on a request after this long (default 30 s); the result is a `transport` failure. */
  timeoutMs?: number;
}

export interface IamportClient {
  /** Call an operation by its key in the operation table (the official operationId). */
  call<K extends OperationName>(
    operation: K,
    ...input: InputOptional<K> extends true ? [CallInput<K>?] : [CallInput<K>]
  ): Promise<IamportResult<ResponseOf<K>>>;
  /** The same, untyped: for operations named at run time (scenario files, recordings). */
  send(operation: string, input?: RawCallInput): Promise<IamportResult<unknown>>;
  /** A token valid now (got or renewed as needed); only with impKey/impSecret or accessToken. */
  token(): Promise<string>;
  /** Path-based calls through openapi-fetch, with the same token and transport. */
  raw: Client<paths>;
  /** Every drift report so far, oldest first (the last 1 000). */
  driftReports: DriftReport[];
}

export function createIamportClient(options: IamportClientOptions): IamportClient {
  const exchange = createExchange(options);
  const tokens = tokenSourceFor(options, (input) => exchange(endpointOf("getToken", operations.getToken), input, null));

  async function authorizationHeader(): Promise<string | null> {
    const token = await tokens.current();
    if (!token) return null;
    return options.authorization === "bearer" ? `Bearer ${token}` : token;
  }

  async function send(name: string, input: RawCallInput = {}): Promise<IamportResult<unknown>> {
    const operation: Operation | undefined = (operations as Record<string, Operation>)[name];
    if (!operation)
      throw new TypeError(
        `unknown operation ${JSON.stringify(name)}: use a key of the operation table (contracts/operations.ts)`,
      );
    const endpoint = endpointOf(name, operation);
    if (!operation.auth) return exchange(endpoint, input, null);
    let authorization: string | null;
    try {
      authorization = await authorizationHeader();
    } catch (error) {
      return tokenFailure(name, error);
    }
    const first = await exchange(endpoint, input, authorization);
    // A token the client keeps can die early, e.g. when a mock's virtual clock jumps: renew once.
    if (first.ok || first.kind !== "unauthorized" || !tokens.renewable) return first;
    tokens.forget();
    try {
      return await exchange(endpoint, input, await authorizationHeader());
    } catch (error) {
      return tokenFailure(name, error);
    }
  }

  const raw = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  raw.use({
    async onRequest({ request }) {
      const authorization = await authorizationHeader();
      if (authorization && !request.url.endsWith("/users/getToken"))
        request.headers.set("Authorization", authorization);
      return request;
    },
  });

  return {
    call: ((name: OperationName, input?: RawCallInput) => send(name, input)) as IamportClient["call"],
    send,
    async token() {
      const token = await tokens.current();
      if (!token) throw new TypeError("this client has no credentials: give impKey and impSecret, or accessToken");
      return token;
    },
    raw,
    driftReports: exchange.driftReports,
  };
}

const endpointOf = (name: string, operation: Operation): Endpoint => ({
  name,
  method: operation.method,
  path: operation.path,
  response: operation.response,
});

/** A failed token request, reported as the failure of the call that needed it. */
function tokenFailure(name: string, error: unknown): Failure {
  const cause = (error as { result?: Failure }).result;
  if (!cause) throw error;
  return failure(
    { operation: name, status: cause.status, drift: cause.drift, explanation: cause.explanation },
    cause.kind,
    cause.code,
    `getToken failed: ${cause.message ?? "no message"}`,
    null,
    cause.error,
  );
}

interface TokenSupply {
  current(): Promise<string | undefined>;
  forget(): void;
  /** Whether a 401 is worth one more try with a new token (only for tokens the client gets itself). */
  renewable: boolean;
}

function tokenSourceFor(
  options: IamportClientOptions,
  getToken: (input: RawCallInput) => Promise<IamportResult<unknown>>,
): TokenSupply {
  const { impKey, impSecret, accessToken } = options;
  if (impKey !== undefined && impSecret !== undefined) {
    const cache: TokenCache = createTokenCache(async () => {
      const result = await getToken({ body: { imp_key: impKey, imp_secret: impSecret } });
      if (!result.ok) throw Object.assign(result.error, { result });
      return result.response as IssuedToken; // send() is untyped; getToken's success is this by its contract.
    }, options.clock);
    return { current: () => cache.get(), forget: () => cache.forget(), renewable: true };
  }
  if ((impKey === undefined) !== (impSecret === undefined)) throw new TypeError("give impKey and impSecret together");
  return {
    current: async () => (typeof accessToken === "function" ? await accessToken() : accessToken),
    forget: () => undefined,
    renewable: false,
  };
}
