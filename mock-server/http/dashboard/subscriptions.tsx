/** Billing keys (ordinary and super) and scheduled payments, as GET /__mock/state lists them. */
import type { FC } from "hono/jsx";
import { kst, relative, won } from "./format.ts";
import { scheduleStatus } from "../../../contracts/schemas/common.ts";
import { Badge, Choice, Empty, Filters, num, Table, type StateView } from "./page.tsx";
import type { DashboardView } from "./view.ts";

type BillingKey = StateView["billing_keys"][number];

const KeyChannels: FC<{ billingKey: BillingKey }> = ({ billingKey }) =>
  "channelGroupId" in billingKey ? (
    <div>
      <div class="small">
        super key of <code>{billingKey.channelGroupId}</code>
      </div>
      <ul class="plain small">
        {billingKey.succeededChannels.map((channel) => (
          <li>
            <Badge value="paid" /> {channel.pg_provider} · <code>{channel.pg_id}</code> {channel.card_name}{" "}
            <span class="muted">{channel.card_number}</span>
          </li>
        ))}
        {billingKey.failedChannels.map((channel) => (
          <li>
            <Badge value="failed" /> {channel.pg_provider} · <code>{channel.pg_id}</code>{" "}
            <span class="muted">
              {channel.type}: {channel.message}
            </span>
          </li>
        ))}
      </ul>
    </div>
  ) : (
    <div>
      {billingKey.pg_provider} · <code>{billingKey.pg_id}</code>
      <div class="small muted">
        {billingKey.card_name} {billingKey.card_number}
      </div>
    </div>
  );

export const BillingKeysTab: FC<{ state: StateView }> = ({ state }) =>
  state.billing_keys.length === 0 ? (
    <Empty>
      No billing keys. Issue one through the API, or store a browser-issued one with POST /__mock/billing-keys.
    </Empty>
  ) : (
    <Table id="billing-keys" heads={["customer_uid", "channel · card", "customer", "issued (KST)"]}>
      {state.billing_keys.map((billingKey) => (
        <tr data-customer-uid={billingKey.customer_uid}>
          <td class="id">{billingKey.customer_uid}</td>
          <td>
            <KeyChannels billingKey={billingKey} />
          </td>
          <td class="small">
            {billingKey.customer_name} {billingKey.customer_email} {billingKey.customer_tel}
            {billingKey.customer_id && <div class="muted">customer_id {billingKey.customer_id}</div>}
          </td>
          <td class="small">{"inserted" in billingKey ? kst(billingKey.inserted) : "—"}</td>
        </tr>
      ))}
    </Table>
  );

export const SchedulesTab: FC<{ state: StateView; view: DashboardView }> = ({ state, view }) => {
  const shown = state.schedules.filter(
    (schedule) => view.schedule_status === undefined || schedule.schedule_status === view.schedule_status,
  );
  return (
    <>
      <Filters store_code={state.store_code} tab="schedules">
        <Choice
          label="schedule status"
          name="schedule_status"
          options={scheduleStatus.options}
          current={view.schedule_status}
        />
      </Filters>
      <p class="hint">A schedule runs once the virtual clock reaches its time: advance the clock to run it.</p>
      {shown.length === 0 ? (
        <Empty>{state.schedules.length === 0 ? "No scheduled payments." : "No schedule matches this filter."}</Empty>
      ) : (
        <Table
          id="schedules"
          heads={["merchant_uid", "customer_uid", "schedule_at (KST)", num("amount"), "schedule", "payment", "PG"]}
        >
          {shown.map((schedule) => (
            <tr data-merchant-uid={schedule.merchant_uid}>
              <td class="id">{schedule.merchant_uid}</td>
              <td class="id">{schedule.customer_uid}</td>
              <td>
                {kst(schedule.schedule_at)}{" "}
                <span class="muted small">({relative(schedule.schedule_at, state.now)})</span>
              </td>
              <td class="num">{won(schedule.amount)}</td>
              <td>
                <Badge value={schedule.schedule_status} />
                {schedule.executed_at ? <div class="small muted">ran {kst(schedule.executed_at)}</div> : null}
                {schedule.revoked_at ? <div class="small muted">revoked {kst(schedule.revoked_at)}</div> : null}
              </td>
              <td>
                <Badge value={schedule.payment_status} />
                {schedule.imp_uid && <div class="id small">{schedule.imp_uid}</div>}
                {schedule.fail_reason && <div class="small">{schedule.fail_reason}</div>}
              </td>
              <td class="small">
                {schedule.pg_provider ?? "by the group's ratios"} {schedule.pg_id && <code>{schedule.pg_id}</code>}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
};
