/** Webhook deliveries with every attempt, and the console's resend (one delivery, or every failed one). */
import type { FC } from "hono/jsx";
import { kst } from "./format.ts";
import { DeliveryState } from "../../../contracts/mock/webhooks.ts";
import {
  ActionForm,
  Badge,
  Choice,
  Empty,
  Filters,
  IdSearch,
  matchesIdSearch,
  Table,
  type DeliveryView,
  type PageData,
} from "./page.tsx";
import type { DashboardView } from "./view.ts";

function matches(delivery: DeliveryView, view: DashboardView): boolean {
  if (view.state !== undefined && delivery.state !== view.state) return false;
  return matchesIdSearch(view, delivery.imp_uid, delivery.merchant_uid);
}

const Attempts: FC<{ delivery: DeliveryView }> = ({ delivery }) =>
  delivery.attempts.length === 0 ? (
    <span class="muted small">{delivery.state === "no_url" ? "nothing sent: no URL" : "none yet"}</span>
  ) : (
    <ul class="plain small attempts">
      {delivery.attempts.map((attempt) => (
        <li>
          #{attempt.number} {attempt.kind} · {kst(attempt.at)} ·{" "}
          {attempt.status !== null ? <strong>HTTP {attempt.status}</strong> : <strong>{attempt.error}</strong>} ·{" "}
          {Math.round(attempt.latency_ms)} ms
          {attempt.response_excerpt && <span class="muted"> · {attempt.response_excerpt}</span>}
        </li>
      ))}
    </ul>
  );

export const WebhooksTab: FC<{ data: PageData; view: DashboardView }> = ({ data: { state, deliveries }, view }) => {
  const shown = deliveries.filter((delivery) => matches(delivery, view));
  const failed = deliveries.filter((delivery) => delivery.state === "failed").length;
  return (
    <>
      <Filters store_code={state.store_code} tab="webhooks">
        <Choice label="state" name="state" options={DeliveryState.options} current={view.state} />
        <IdSearch view={view} />
      </Filters>
      <ActionForm action="resend-failed-webhooks" view={view} class="panel">
        <span>
          {failed} failed deliver{failed === 1 ? "y" : "ies"}. A resend is one more attempt now (15 s in all), not
          retried.
        </span>
        <button type="submit" disabled={failed === 0}>
          Resend every failed delivery
        </button>
      </ActionForm>
      {shown.length === 0 ? (
        <Empty>{deliveries.length === 0 ? "No webhook was owed yet." : "No delivery matches these filters."}</Empty>
      ) : (
        <Table id="webhooks" heads={["delivery", "event", "to", "state", "attempts", "resend"]}>
          {shown.map((delivery) => (
            <tr data-delivery-id={delivery.id}>
              <td>
                <div class="id">{delivery.id}</div>
                <div class="small muted">
                  {delivery.event_id} · {kst(delivery.at)}
                </div>
              </td>
              <td>
                <div>
                  {delivery.cause} → <Badge value={delivery.status} />
                </div>
                <div class="id small">{delivery.imp_uid ?? "—"}</div>
                <div class="id small muted">{delivery.merchant_uid}</div>
                {delivery.cancellation_id && <div class="id small muted">{delivery.cancellation_id}</div>}
              </td>
              <td class="small">
                <div class="id">{delivery.url ?? "no URL"}</div>
                <details>
                  <summary>{delivery.content_type} body</summary>
                  <pre>{delivery.body}</pre>
                </details>
              </td>
              <td>
                <Badge value={delivery.state} />
                {delivery.next_attempt_at ? (
                  <div class="small muted">next try {kst(delivery.next_attempt_at)}</div>
                ) : null}
              </td>
              <td>
                <Attempts delivery={delivery} />
              </td>
              <td>
                <ActionForm action="resend-webhook" view={view}>
                  <input type="hidden" name="delivery_id" value={delivery.id} />
                  <button
                    type="submit"
                    data-action="resend"
                    disabled={delivery.url === null || delivery.state === "sending"}
                  >
                    Resend
                  </button>
                </ActionForm>
              </td>
            </tr>
          ))}
        </Table>
      )}
    </>
  );
};
