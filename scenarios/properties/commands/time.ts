/** Scheduled payments, the virtual clock that runs them, and the demo group's ratios. */
import { PropertyCommand } from "../command.ts";
import { GROUP_MEMBERS, merchantUid, pickable, type Model, type Pg, type Steps } from "../model.ts";
import { BUYER, lookUp, refused, webhookFor } from "../steps.ts";
import { newOrder } from "./cards.ts";

const HOUR = 3600;
const pick = <T>(items: T[], index: number) => items[index % items.length]!;

/**
 * A payment scheduled with a billing key, `hours` from now. With `reuse`, it names the merchant_uid
 * of an earlier schedule instead, which stays taken whatever became of it (code 1, nothing stored).
 */
export class Schedule extends PropertyCommand {
  readonly mockOnly = true;
  constructor(
    readonly keyIndex: number,
    readonly hours: number,
    readonly amount: number,
    readonly reuse?: number,
  ) {
    super();
  }
  check = (model: Readonly<Model>) => model.keys.size > 0;
  perform(model: Model): Steps {
    const key = pick([...model.keys.values()], this.keyIndex);
    const taken = this.reuse !== undefined && model.schedules.length ? pick(model.schedules, this.reuse) : undefined;
    const order = taken?.order ?? `s${model.nextId++}`;
    if (!taken)
      model.schedules.push({
        order,
        key: key.id,
        amount: this.amount,
        at: model.clock + this.hours * HOUR,
        status: "scheduled",
      });
    const expectation = taken
      ? { expect: refused(200, 1) }
      : {
          expect: { response: [{ merchant_uid: merchantUid(order), schedule_status: "scheduled" }] },
          capture: { [`at_${order}`]: "response[0].schedule_at" },
        };
    return [
      {
        name: `${order} scheduled with ${key.id} in ${this.hours} h`,
        call: "schedule",
        body: {
          customer_uid: key.customerUid,
          // Toss Payments, a member of the demo group, needs customer_id for a super key's schedule.
          ...(key.super ? { customer_id: "cust1" } : {}),
          schedules: [
            {
              merchant_uid: merchantUid(order),
              schedule_at: `{{$now + ${this.hours * HOUR}}}`,
              amount: this.amount,
              name: "plan",
              ...BUYER,
              notice_url: "{{$webhook_url}}",
            },
          ],
        },
        ...expectation,
      },
    ];
  }
  toString = () =>
    `schedule(key #${this.keyIndex}, ${this.hours} h, ${this.amount}${this.reuse === undefined ? "" : `, reusing #${this.reuse}`})`;
}

const waitingSchedules = (model: Readonly<Model>) =>
  model.schedules.filter((schedule) => schedule.status === "scheduled");

/** Unschedule a schedule by its merchant_uid: a waiting one is revoked; one that ran or was revoked refuses (code 1). */
export class Unschedule extends PropertyCommand {
  readonly mockOnly = true;
  constructor(readonly index: number) {
    super();
  }
  check = (model: Readonly<Model>) => model.schedules.length > 0;
  perform(model: Model): Steps {
    const schedule = pick(model.schedules, this.index);
    const key = model.keys.get(schedule.key)!;
    const waiting = schedule.status === "scheduled";
    if (waiting) schedule.status = "revoked";
    const body = { customer_uid: key.customerUid, merchant_uid: [merchantUid(schedule.order)] };
    return [
      {
        name: `${schedule.order} unscheduled`,
        call: "unschedule",
        body,
        expect: waiting ? { response: { $length: 1 } } : refused(200, 1),
      },
      {
        name: `${schedule.order} shows ${schedule.status}`,
        call: "getScheduleByMid",
        params: { merchant_uid: merchantUid(schedule.order) },
        expect: { response: { schedule_status: schedule.status } },
      },
    ];
  }
  toString = () => `unschedule(#${this.index})`;
}

/** Move the clock; every schedule that comes due runs once, as a billing-key payment with its webhook. */
export class AdvanceClock extends PropertyCommand {
  readonly mockOnly = true;
  constructor(readonly halfHours: number) {
    super();
  }
  check = () => true;
  perform(model: Model): Steps {
    model.clock += this.halfHours * 1800;
    const due = waitingSchedules(model)
      .filter((schedule) => schedule.at <= model.clock)
      .sort((a, b) => a.at - b.at);
    const steps: Steps = [
      { name: `clock +${this.halfHours * 30} min`, control: "advanceClock", body: { seconds: this.halfHours * 1800 } },
    ];
    for (const schedule of due) {
      schedule.status = "executed";
      const key = model.keys.get(schedule.key)!;
      const order = newOrder(
        model,
        key.super ? pickable(model, key.pgs, true) : key.pgs,
        "card",
        schedule.amount,
        "paid",
        schedule.order,
      );
      steps.push(
        {
          name: `${schedule.order} ran at its time`,
          call: "getScheduleByMid",
          params: { merchant_uid: merchantUid(schedule.order) },
          expect: {
            response: {
              schedule_status: "executed",
              payment_status: "paid",
              amount: schedule.amount,
              executed_at: `{{at_${schedule.order}}}`,
            },
          },
          capture: { [`imp_${schedule.order}`]: "response.imp_uid" },
        },
        {
          name: `${schedule.order} ran once`,
          call: "getAllPaymentsByMerchantUid",
          params: { merchant_uid: merchantUid(schedule.order), payment_status: "paid" },
          expect: { response: { total: 1, list: { $length: 1 } } },
        },
        webhookFor(order, "paid"),
        ...lookUp(order),
      );
    }
    return steps;
  }
  toString = () => `clock(+${this.halfHours * 30} min)`;
}

/** New ratios for the demo group (whole numbers summing to 100; a member at 0 is never picked). */
export class ChangeRatios extends PropertyCommand {
  readonly mockOnly = true;
  constructor(readonly ratios: [number, number, number]) {
    super();
  }
  check = () => true;
  perform(model: Model): Steps {
    GROUP_MEMBERS.forEach((pg, i) => (model.ratios[pg] = this.ratios[i]!));
    return [setRatios(model.ratios)];
  }
  toString = () => `ratios(${this.ratios.join("/")})`;
}

export function setRatios(ratios: Record<Pg, number>): Steps[number] {
  return {
    name: `group ratios ${GROUP_MEMBERS.map((pg) => `${pg} ${ratios[pg]}`).join(", ")}`,
    control: "changeGroup",
    params: { group_id: "{{channel_group}}" },
    body: { channels: GROUP_MEMBERS.map((pg) => ({ channel_key: `{{channel_${pg}}}`, ratio: ratios[pg] })) },
    expect: { response: { channels: GROUP_MEMBERS.map((pg) => ({ ratio: ratios[pg] })) } },
  };
}
