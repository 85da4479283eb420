/** The mock's own controls: armed failures, the request journal, the virtual clock and the reset. */
import type { FC } from "hono/jsx";
import { operationKeys } from "../../../contracts/operations.ts";
import type { ControlAnswer } from "../control-call.ts";
import { kst } from "./format.ts";
import { ActionForm, Empty, type PageData, type StateView } from "./page.tsx";
import { viewHref, type DashboardView } from "./view.ts";

export const FailuresTab: FC<{ state: StateView; view: DashboardView }> = ({ state, view }) => (
  <>
    <p class="hint">
      The next requests served by a channel, or made to an operation, fail: <code>decline</code> records a failed
      payment (other operations refuse with code 1), <code>pgError</code> answers code -1, <code>serverError</code>{" "}
      answers HTTP 500. Name a channel or an operation, not both.
    </p>
    <ActionForm action="arm-failure" view={view} class="panel">
      <label>
        channel
        <select name="channel_key">
          <option value="">—</option>
          {state.channels.map((channel) => (
            <option value={channel.channel_key ?? ""}>
              {channel.channel_key} ({channel.pg_provider})
            </option>
          ))}
        </select>
      </label>
      <label>
        or operation
        <select name="operation">
          <option value="">—</option>
          {operationKeys.map((key) => (
            <option value={key}>{key}</option>
          ))}
        </select>
      </label>
      <label>
        outcome
        <select name="outcome">
          <option value="decline">decline</option>
          <option value="pgError">pgError</option>
          <option value="serverError">serverError</option>
        </select>
      </label>
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
        <table id="armed-failures">
          <thead>
            <tr>
              <th>id</th>
              <th>fails</th>
              <th>outcome</th>
              <th class="num">remaining</th>
              <th>message</th>
            </tr>
          </thead>
          <tbody>
            {state.armed_failures.map((armed) => (
              <tr data-failure-id={armed.id}>
                <td class="id">{armed.id}</td>
                <td>{armed.channel_key ? `requests served by ${armed.channel_key}` : `${armed.operation} requests`}</td>
                <td>{armed.outcome}</td>
                <td class="num">{armed.remaining}</td>
                <td class="small">{armed.message ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
    <form method="get" class="filters">
      <input type="hidden" name="store_code" value={state.store_code} />
      <input type="hidden" name="tab" value="journal" />
      <label>
        operation
        <select name="operation">
          <option value="">any</option>
          {operationKeys.map((key) => (
            <option value={key} selected={view.operation === key}>
              {key}
            </option>
          ))}
        </select>
      </label>
      <label>
        requests of
        <select name="scope">
          <option value="merchant" selected={view.scope === "merchant"}>
            {state.store_code}
          </option>
          <option value="all" selected={view.scope === "all"}>
            everyone (unauthenticated too)
          </option>
        </select>
      </label>
      <label>
        newest
        <input type="number" name="limit" value={String(view.limit)} min="1" />
      </label>
      <button type="submit">Filter</button>
      <a href={viewHref({ store_code: state.store_code, tab: "journal" })}>clear</a>
    </form>
    <p class="hint">API requests, newest first (control calls and these pages are not recorded).</p>
    {journal.length === 0 ? (
      <Empty>No request recorded.</Empty>
    ) : (
      <table id="journal">
        <thead>
          <tr>
            <th class="num">#</th>
            <th>at (KST)</th>
            <th>request</th>
            <th>operation</th>
            <th class="num">HTTP</th>
            <th class="num">code</th>
            <th>message</th>
            <th class="num">ms</th>
            <th>unknown fields</th>
          </tr>
        </thead>
        <tbody>
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
              <td class="small">{entry.message ?? ""}</td>
              <td class="num">{entry.latency_ms}</td>
              <td class="small">{entry.unknown_fields.join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
