/** The mock's own controls: armed failures, the request journal, the virtual clock and the reset. */
import type { FC } from "hono/jsx";
import { FailureOutcome } from "../../../contracts/mock/control.ts";
import { operationKeys } from "../../../contracts/operations.ts";
import type { ControlAnswer } from "../control-call.ts";
import { kst } from "./format.ts";
import { ActionForm, Choice, Empty, Filters, num, Table, type PageData, type StateView } from "./page.tsx";
import type { DashboardView } from "./view.ts";

export const FailuresTab: FC<{ state: StateView; view: DashboardView }> = ({ state, view }) => (
  <>
    <p class="hint">
      The next requests served by a channel, or made to an operation, fail: <code>decline</code> records a failed
      payment (other operations refuse with code 1), <code>pgError</code> answers code -1, <code>serverError</code>{" "}
      answers HTTP 500. Name a channel or an operation, not both.
    </p>
    <ActionForm action="arm-failure" view={view} class="panel">
      <Choice
        label="channel"
        name="channel_key"
        options={state.channels.flatMap((channel) => channel.channel_key ?? [])}
        any="—"
        labels={Object.fromEntries(
          state.channels.map((channel) => [channel.channel_key, `${channel.channel_key} (${channel.pg_provider})`]),
        )}
      />
      <Choice label="or operation" name="operation" options={operationKeys} any="—" />
      <Choice label="outcome" name="outcome" options={FailureOutcome.options} any={null} />
      <label>
        count
        <input type="number" name="count" value="1" min="1" />
      </label>
      <label>
        message (optional)
        <input type="text" name="message" />
      </label>
      <button type="submit" class="primary" data-action="arm-failure">
        Arm
      </button>
    </ActionForm>
    {state.armed_failures.length === 0 ? (
      <Empty>No failure armed.</Empty>
    ) : (
      <>
        <Table id="armed-failures" heads={["id", "fails", "outcome", num("remaining"), "message"]}>
          {state.armed_failures.map((armed) => (
            <tr data-failure-id={armed.id}>
              <td class="id">{armed.id}</td>
              <td>{armed.channel_key ? `requests served by ${armed.channel_key}` : `${armed.operation} requests`}</td>
              <td>{armed.outcome}</td>
              <td class="num">{armed.remaining}</td>
              <td class="small">{armed.message ?? "—"}</td>
            </tr>
          ))}
        </Table>
        <ActionForm action="disarm-failures" view={view}>
          <button type="submit" class="danger">
            Disarm all (every merchant's)
          </button>
        </ActionForm>
      </>
    )}
  </>
);

export const JournalTab: FC<{ state: StateView; view: DashboardView; journal: ControlAnswer<"getJournal"> }> = ({
  state,
  view,
  journal,
}) => (
  <>
    <Filters store_code={state.store_code} tab="journal">
      <Choice label="operation" name="operation" options={operationKeys} current={view.operation} />
      <Choice
        label="requests of"
        name="scope"
        options={["merchant", "all"]}
        current={view.scope}
        any={null}
        labels={{ merchant: state.store_code, all: "everyone (unauthenticated too)" }}
      />
      <label>
        newest
        <input type="number" name="limit" value={String(view.limit)} min="1" />
      </label>
    </Filters>
    <p class="hint">API requests, newest first (control calls and these pages are not recorded).</p>
    {journal.length === 0 ? (
      <Empty>No request recorded.</Empty>
    ) : (
      <Table
        id="journal"
        heads={[
          num("#"),
          "at (KST)",
          "request",
          "operation",
          num("HTTP"),
          num("code"),
          "message (and the mock's explanation)",
          num("ms"),
          "unknown fields",
        ]}
      >
        {journal.map((entry) => (
          <tr>
            <td class="num">{entry.id}</td>
            <td class="small">{kst(entry.at)}</td>
            <td>
              <code>
                {entry.method} {entry.path}
              </code>
              {view.scope === "all" && <div class="small muted">{entry.store_code ?? "no merchant"}</div>}
            </td>
            <td>{entry.operation ?? <span class="muted">unknown path</span>}</td>
            <td class="num">{entry.status}</td>
            <td class="num">{entry.code ?? "—"}</td>
            <td class="small">
              {entry.message ?? ""}
              {entry.explanation !== null && entry.explanation !== entry.message && (
                <div class="muted">{entry.explanation}</div>
              )}
            </td>
            <td class="num">{entry.latency_ms}</td>
            <td class="small">{entry.unknown_fields.join(", ")}</td>
          </tr>
        ))}
      </Table>
    )}
  </>
);

export const ClockTab: FC<{ data: PageData; view: DashboardView }> = ({ data: { clock, state }, view }) => (
  <>
    <h2>The virtual clock</h2>
    <p class="hint">
      Every expiry and timestamp reads it. Moving it runs, in time order, the schedules, ratio changes, PG notices and
      webhook retries that come due. It never runs backwards; a reset rewinds it.
    </p>
    <table class="clock-details">
      <tbody>
        <tr>
          <th>now (KST)</th>
          <td id="clock-now">{kst(clock.now)}</td>
        </tr>
        <tr>
          <th>now (unix seconds)</th>
          <td>{clock.now}</td>
        </tr>
        <tr>
          <th>mode</th>
          <td>
            {clock.mode === "frozen" ? "frozen: stands still until moved" : "wall: real time plus what was added"}
          </td>
        </tr>
        <tr>
          <th>token</th>
          <td class="small">
            {state.tokens.length === 0
              ? "none issued"
              : state.tokens.map((token) => `expires ${kst(token.expired_at)} (${token.access_token.slice(0, 8)}…)`)}
          </td>
        </tr>
      </tbody>
    </table>
    <ActionForm action="advance-clock" view={view} class="panel">
      <label>
        advance by (seconds)
        <input type="number" name="seconds" min="0" step="1" value="600" />
      </label>
      <button type="submit" class="primary" data-action="advance-clock">
        Advance
      </button>
    </ActionForm>
    <h2>Reset</h2>
    <p class="hint">
      Forgets every payment, key, token, waiting refund, schedule, receipt, webhook delivery, armed failure, journal
      entry and pick count, for every merchant; restores the configured keys, groups and payments; rewinds the clock and
      the seed.
    </p>
    <ActionForm action="reset" view={view}>
      <button type="submit" class="danger" data-action="reset">
        Reset the mock
      </button>
    </ActionForm>
  </>
);
