/**
 * The access token, got and kept the way the service's token rules expect (docs/mock-server.md,
 * "Tokens"): a token lives 30 minutes; asking again within its last minute returns the
 * same token with 5 more minutes; after expiry a new one is issued. So the cache asks again once
 * the token is in its last minute, by the service's clock (the answer's `now`), not ours.
 */
import type { ResponseOf } from "./operation-types.ts";

/** getToken's answer: the token, the service's clock and the token's expiry (unix seconds). */
export type IssuedToken = ResponseOf<"getToken">;

/** Asks the service for a token; resolves to the answer or throws the failure. */
export type TokenSource = () => Promise<IssuedToken>;

/** Seconds before expiry from which the cache asks again (the service extends the token then). */
export const RENEW_WITHIN_SECONDS = 60;

export interface TokenCache {
  /** A token valid for now, asking the service only when there is none or it is in its last minute. */
  get(): Promise<string>;
  /** Forget the token (after a 401, e.g. when a mock's virtual clock jumped past its expiry). */
  forget(): void;
  /** The token held and its expiry by the service's clock, for reports and tests. */
  peek(): { access_token: string; expired_at: number } | undefined;
}

export function createTokenCache(source: TokenSource, localNow: () => number = () => Date.now() / 1000): TokenCache {
  let held: { access_token: string; expired_at: number; skew: number } | undefined;
  let asking: Promise<string> | undefined;

  const serviceNow = (skew: number) => localNow() + skew;
  const fresh = () => held !== undefined && serviceNow(held.skew) < held.expired_at - RENEW_WITHIN_SECONDS;

  async function ask(): Promise<string> {
    const issued = await source();
    // The service's clock may differ from ours (a mock's virtual clock certainly does): keep the gap.
    held = { access_token: issued.access_token, expired_at: issued.expired_at, skew: issued.now - localNow() };
    return issued.access_token;
  }

  return {
    get() {
      if (fresh()) return Promise.resolve(held!.access_token);
      // Concurrent calls share one request for the token.
      asking ??= ask().finally(() => (asking = undefined));
      return asking;
    },
    forget() {
      held = undefined;
    },
    peek: () => (held ? { access_token: held.access_token, expired_at: held.expired_at } : undefined),
  };
}
