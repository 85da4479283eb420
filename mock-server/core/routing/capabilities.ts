/**
 * What a channel can do through smart routing. PortOne routes each flow only to the PGs on its
 * list for that flow (contracts/pg-rules/profiles.ts `routing`, from docs/domain.md §4), so a group
 * whose PGs differ works for some requests and fails for others, depending on the pick.
 */
import { pgProfiles, type RoutingFlow } from "../../../contracts/pg-rules/profiles.ts";
import { failure } from "../errors.ts";
import type { Channel } from "../model.ts";

export const FLOW_NAMES: Record<RoutingFlow, string> = {
  checkout: "browser checkout",
  keyed: "keyed card payments (POST /subscribe/payments/onetime)",
  billingKey: "billing keys issued through the API (POST /subscribe/customers/{customer_uid})",
};

const ADVICE = "use only what every PG in the group supports";

/** The pay methods a channel takes through a flow: those PortOne routes to its PG that the channel has. */
export function routedPayMethods(channel: Channel, flow: RoutingFlow): string[] {
  const routed = pgProfiles[channel.pg_provider]?.routing[flow] ?? [];
  return routed.filter((method) => channel.payMethods.includes(method));
}

/** The PGs PortOne routes a flow to. */
const routedPgs = (flow: RoutingFlow) =>
  Object.entries(pgProfiles)
    .filter(([, profile]) => profile.routing[flow]?.length)
    .map(([code]) => code);

/** Why a channel cannot serve the flow with the pay method, or null when it can. */
export function routingRefusal(channel: Channel, flow: RoutingFlow, payMethod: string): string | null {
  const methods = routedPayMethods(channel, flow);
  const who = `channel ${channel.channel_key} (${channel.pg_provider})`;
  if (methods.length === 0)
    return `${who} cannot take ${FLOW_NAMES[flow]} through smart routing; PortOne routes them only to ${routedPgs(flow).join(", ")}`;
  if (!methods.includes(payMethod))
    return `${who} cannot take pay_method ${payMethod} in ${FLOW_NAMES[flow]} through smart routing; it takes ${methods.join(", ")}`;
  return null;
}

export function requireRouted(channel: Channel, flow: RoutingFlow, payMethod: string, groupId: string): void {
  const refusal = routingRefusal(channel, flow, payMethod);
  if (refusal) throw failure("rejected", `${refusal} (picked from group ${groupId}; ${ADVICE})`);
}

const describe = (channels: Channel[]) => channels.map((c) => `${c.channel_key} (${c.pg_provider})`).join(", ");

/**
 * Where the channels of a group differ: the flows and pay methods only some (or none) of them take.
 * Switched-off members count, since they can be switched on again.
 */
export function capabilityWarnings(channels: Channel[]): string[] {
  const warnings: string[] = [];
  for (const flow of Object.keys(FLOW_NAMES) as RoutingFlow[]) {
    const methods = new Map(channels.map((channel) => [channel, routedPayMethods(channel, flow)]));
    const without = channels.filter((channel) => methods.get(channel)!.length === 0);
    if (without.length === channels.length) {
      warnings.push(
        `${FLOW_NAMES[flow]}: no channel of the group can take part, so every such request through it fails`,
      );
      continue;
    }
    if (without.length) {
      warnings.push(
        `${FLOW_NAMES[flow]}: ${describe(without)} cannot take part, so such requests fail whenever they are picked; ${ADVICE}`,
      );
      continue;
    }
    const all = [...new Set([...methods.values()].flat())];
    for (const method of all) {
      const lacking = channels.filter((channel) => !methods.get(channel)!.includes(method));
      if (lacking.length)
        warnings.push(`${FLOW_NAMES[flow]} with pay_method ${method}: ${describe(lacking)} cannot take it; ${ADVICE}`);
    }
  }
  return warnings;
}
