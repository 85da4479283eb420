/**
 * Which channel serves a request, the way the real API decides: `channel_key`, else `pg`
 * (`provider` or `provider.MID`), else the merchant's default channel.
 */
import { normalisePg } from "../../contracts/pg-rules/derive.ts";
import { failure } from "./errors.ts";
import type { Channel, MerchantState } from "./model.ts";

export interface ChannelChoice {
  channel_key?: string | undefined;
  pg?: string | undefined;
}

export function resolveChannel(merchant: MerchantState, choice: ChannelChoice): Channel {
  const channel =
    choice.channel_key !== undefined
      ? byKey(merchant, choice.channel_key)
      : choice.pg !== undefined
        ? byPg(merchant, choice.pg)
        : merchant.defaultChannel;
  if (!channel.enabled)
    throw failure("rejected", `channel ${channel.channel_key} (${channel.pg_provider}) is disabled`);
  return channel;
}

function byKey(merchant: MerchantState, channelKey: string): Channel {
  const channel = merchant.channels.get(channelKey);
  if (!channel)
    throw failure("rejected", `channel_key ${JSON.stringify(channelKey)} names no channel of this merchant`);
  return channel;
}

function byPg(merchant: MerchantState, pg: string): Channel {
  const dot = pg.indexOf(".");
  const provider = normalisePg(dot < 0 ? pg : pg.slice(0, dot));
  const mid = dot < 0 ? undefined : pg.slice(dot + 1);
  for (const channel of merchant.channels.values()) {
    if (channel.pg_provider === provider && (mid === undefined || channel.pg_id === mid)) return channel;
  }
  // The live API's answer when a billing key's `pg` names no configured module (REAL_MESSAGES.noBillingChannel).
  throw failure(
    "rejected",
    `pg ${JSON.stringify(pg)} matches no channel of this merchant (pg is "provider" or "provider.MID")`,
    "noBillingChannel",
  );
}

export function requirePayMethod(channel: Channel, payMethod: string): void {
  if (!channel.payMethods.includes(payMethod)) {
    throw failure(
      "rejected",
      `channel ${channel.channel_key} (${channel.pg_provider}) does not support pay_method ${payMethod}; it supports ${channel.payMethods.join(", ")}`,
    );
  }
}

/** A channel as GET /users/pg shows it (PgSettingAnnotation). */
export const pgSetting = (channel: Channel) => ({
  pg_provider: channel.pg_provider,
  pg_id: channel.pg_id,
  sandbox: channel.mode === "test",
  type: "payment",
  channel_name: channel.channel_name ?? null,
  channel_key: channel.channel_key,
});

/** A control call's channel_key, switched on or off (the control API sets the mock up; it is not a request to a PG). */
export function configuredChannel(merchant: MerchantState, channelKey: string): Channel {
  const channel = merchant.channels.get(channelKey);
  if (!channel)
    throw failure("invalidRequest", `channel_key ${channelKey} names no channel of ${merchant.config.store_code}`);
  return channel;
}
