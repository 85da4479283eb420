/**
 * The dashboard's buttons. Each is one control call (control-call.ts), so a button does what the
 * control API does and nothing else: the form's fields become the call's input (the view's
 * merchant added), the call's contract checks them, and the answer names what the flash says.
 */
import type { z } from "zod";
import { controlOperations, type ControlOperation, type ControlOperationKey } from "../../../contracts/mock/control.ts";
import type { ControlAnswer, ControlCall, RawControlInput } from "../control-call.ts";
import { kst } from "./format.ts";
import { fieldsOf, type FlashKind } from "./view.ts";

export interface Done {
  flash: FlashKind;
  subject?: string;
}

/** Runs the action on a form body for the view's merchant (undefined: the first one, as in every control call). */
export type DashboardAction = (run: ControlCall, formBody: string, storeCode: string | undefined) => Promise<Done>;

function action<K extends ControlOperationKey>(
  control: K,
  input: (form: Record<string, unknown>, store_code: string | undefined) => RawControlInput,
  done: (answer: ControlAnswer<K>, form: Record<string, unknown>) => Done,
): DashboardAction {
  const body: z.ZodType | undefined = (controlOperations[control] as ControlOperation).body;
  return async (run, formBody, storeCode) => {
    const form = fieldsOf(formBody, body);
    return done(await run(control, input(form, storeCode)), form);
  };
}

export const ACTIONS: Record<string, DashboardAction> = {
  deposit: action(
    "sendPgNotice",
    (form, store_code) => ({ body: { ...form, kind: "deposit", store_code } }),
    (payment) => ({ flash: "deposited", subject: payment.imp_uid }),
  ),
  "refund-transfer": action(
    "sendPgNotice",
    (form, store_code) => ({ body: { ...form, kind: "refund_transfer", store_code } }),
    (payment, form) => ({
      flash: form.outcome === "failed" ? "refund-bounced" : "refund-transferred",
      subject: payment.imp_uid,
    }),
  ),
  "advance-clock": action(
    "advanceClock",
    (form) => ({ body: form }),
    (clock) => ({ flash: "advanced", subject: `${kst(clock.now)} KST` }),
  ),
  "arm-failure": action(
    "armFailure",
    (form, store_code) => ({ body: { ...form, store_code } }),
    (armed) => ({ flash: "armed", subject: armed.id }),
  ),
  "disarm-failures": action(
    "clearFailures",
    () => ({}),
    (disarmed) => ({ flash: "disarmed", subject: String(disarmed.length) }),
  ),
  "resend-webhook": action(
    "redeliverWebhook",
    (form, store_code) => ({ params: { delivery_id: form.delivery_id }, query: { store_code } }),
    (delivery) => ({ flash: "resent", subject: delivery.id }),
  ),
  "resend-failed-webhooks": action(
    "redeliverFailedWebhooks",
    (_form, store_code) => ({ body: { store_code } }),
    (deliveries) => ({ flash: "resent-failed", subject: String(deliveries.length) }),
  ),
  reset: action(
    "reset",
    () => ({}),
    () => ({ flash: "reset" }),
  ),
};
