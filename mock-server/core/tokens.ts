/**
 * Access tokens as docs/domain.md §1 describes them: 30 minutes of life; asking again before expiry
 * returns the same token; asking in its last minute extends it by 5 minutes; after expiry a new
 * token is issued. A token is valid while `now < expired_at`.
 */
import { failure } from "./errors.ts";
import type { SeededRandom } from "./random.ts";
import type { MerchantState, Store, TokenRecord } from "./model.ts";

export const TOKEN_LIFETIME_SECONDS = 30 * 60;
export const TOKEN_EXTENSION_SECONDS = 5 * 60;
/** "Within the last minute": fewer than this many seconds left. */
export const TOKEN_EXTENSION_WINDOW_SECONDS = 60;

export function issueToken(
  store: Store,
  random: SeededRandom,
  impKey: string,
  impSecret: string,
  now: number,
): TokenRecord & { now: number } {
  const merchant = store.merchantByImpKey(impKey);
  // One message for both mistakes, as a real auth server gives nothing away about which was wrong.
  if (!merchant || merchant.config.imp_secret !== impSecret)
    throw failure("unauthorized", "imp_key or imp_secret is wrong: no merchant has this pair", "wrongCredentials");
  const current = merchant.token;
  if (current && now < current.expired_at) {
    if (current.expired_at - now < TOKEN_EXTENSION_WINDOW_SECONDS) current.expired_at += TOKEN_EXTENSION_SECONDS;
    return { ...current, now };
  }
  if (current) store.tokens.delete(current.access_token);
  let access_token: string;
  do access_token = random.hex(40);
  while (store.tokens.has(access_token));
  const token: TokenRecord = {
    access_token,
    storeCode: merchant.config.store_code,
    expired_at: now + TOKEN_LIFETIME_SECONDS,
  };
  merchant.token = token;
  store.tokens.set(access_token, token);
  return { ...token, now };
}

/** `Authorization: <token>`, `Authorization: Bearer <token>`, or the legacy `X-ImpTokenHeader`. */
export function tokenFromHeaders(
  authorization: string | undefined,
  legacyHeader: string | undefined,
): string | undefined {
  const value = (authorization ?? legacyHeader)?.trim();
  if (!value) return undefined;
  const bearer = /^bearer\s+(.+)$/i.exec(value);
  return bearer ? bearer[1]!.trim() : value;
}

export function authenticate(store: Store, token: string | undefined, now: number): MerchantState {
  if (!token)
    throw failure(
      "unauthorized",
      "Unauthorized: send the access token from POST /users/getToken in the Authorization header",
    );
  const record = store.tokens.get(token);
  if (!record) throw failure("unauthorized", "Unauthorized: the access token is unknown");
  if (now >= record.expired_at)
    throw failure(
      "unauthorized",
      `Unauthorized: the access token expired at ${record.expired_at}; request a new one with POST /users/getToken`,
    );
  return store.merchantByStoreCode(record.storeCode)!;
}
