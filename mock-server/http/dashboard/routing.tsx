/** Smart-routing groups: each member's picks since the last reset against the share its ratio promises. */
import type { FC } from "hono/jsx";
import { kst, percent, relative } from "./format.ts";
import { Empty, num, Table, type StateView } from "./page.tsx";

type Group = StateView["channel_groups"][number];

/** The share a member's ratio promises among the members that can be picked now. */
function expectedShares(group: Group): Map<string, number> {
  const pickable = group.channels.filter((member) => member.enabled && member.channel_enabled);
  const total = pickable.reduce((sum, member) => sum + member.ratio, 0);
  return new Map(pickable.map((member) => [member.channel_key, total === 0 ? 0 : member.ratio / total]));
}

const GroupTable: FC<{ group: Group; now: number }> = ({ group, now }) => {
  const expected = expectedShares(group);
  return (
    <section data-group-id={group.id}>
      <h2>
        {group.name} <code class="muted">{group.id}</code>
      </h2>
      <p class="hint">
        {group.environment} · {group.picks} pick{group.picks === 1 ? "" : "s"} since the last reset
        {group.ratio_change && (
          <>
            {" "}
            · ratios change at {kst(group.ratio_change.at)} ({relative(group.ratio_change.at, now)}) to{" "}
            {Object.entries(group.ratio_change.ratios)
              .map(([key, ratio]) => `${key} ${ratio}`)
              .join(", ")}
          </>
        )}
      </p>
      <Table
        class="group"
        heads={[
          "channel",
          "switches",
          num("ratio"),
          num("expected"),
          num("picks"),
          num("share"),
          "share against ratio",
        ]}
      >
        {group.channels.map((member) => {
          const promised = expected.get(member.channel_key) ?? 0;
          return (
            <tr data-channel-key={member.channel_key}>
              <td>
                <code>{member.channel_key}</code>
                <div class="small muted">
                  {member.pg_provider} · {member.pg_id}
                </div>
              </td>
              <td class="small">
                {member.enabled ? "on" : "off"} in the group · channel {member.channel_enabled ? "on" : "off"}
              </td>
              <td class="num">{member.ratio}</td>
              <td class="num">{percent(promised)}</td>
              <td class="num picks">{member.picks}</td>
              <td class="num">{percent(member.share)}</td>
              <td class="bars" title={`ratio ${percent(promised)}, picked ${percent(member.share)}`}>
                <div class="bar ratio" style={`width: ${(promised * 100).toFixed(1)}%`} />
                <div class="bar share" style={`width: ${(member.share * 100).toFixed(1)}%`} />
              </td>
            </tr>
          );
        })}
      </Table>
      {group.warnings.length > 0 && (
        <ul class="small">
          {group.warnings.map((warning) => (
            <li>{warning}</li>
          ))}
        </ul>
      )}
    </section>
  );
};

export const RoutingTab: FC<{ state: StateView }> = ({ state }) =>
  state.channel_groups.length === 0 ? (
    <Empty>No smart-routing groups. Configure channel_groups, or create one with POST /__mock/groups.</Empty>
  ) : (
    <>
      <p class="hint">
        Light bars: the share each channel's ratio promises among the channels that can be picked; dark bars: the share
        of picks it got.
      </p>
      {state.channel_groups.map((group) => (
        <GroupTable group={group} now={state.now} />
      ))}
    </>
  );
