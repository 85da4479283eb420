/**
 * A property command: one thing a merchant (or the PG, or time) does, as fast-check's model-based
 * testing wants it. `perform` changes the model and returns the steps that do it to the target and
 * check the answer, so a run is a scenario being played, and a counterexample is that scenario.
 */
import type fc from "fast-check";
import type { Model, Order, Steps } from "./model.ts";

/** The target as the commands see it: it plays steps and throws at the first one that fails. */
export interface Player {
  play(steps: Steps): Promise<void>;
  /** Counts the commands of each family that ran, so a suite can show it exercised them all. */
  ran(family: string): void;
}

export abstract class PropertyCommand implements fc.AsyncCommand<Model, Player> {
  /** Needs the mock: its control API, its clock or its test cards. Left out of live runs. */
  abstract readonly mockOnly: boolean;
  abstract check(model: Readonly<Model>): boolean;
  /** Changes the model and returns the steps that do the same to the target and check it agrees. */
  abstract perform(model: Model): Steps;
  abstract toString(): string;

  async run(model: Model, player: Player): Promise<void> {
    player.ran(this.constructor.name);
    await player.play(this.perform(model));
  }
}

/** A command about one of the orders a rule selects (paid ones, waiting accounts…): the index picks among them. */
export abstract class OrderCommand extends PropertyCommand {
  /** How the command is shown in a shrunk sequence, e.g. `deposit`. */
  protected abstract readonly label: string;
  constructor(readonly orderIndex: number) {
    super();
  }
  protected abstract candidates(model: Readonly<Model>): Order[];
  check(model: Readonly<Model>): boolean {
    return this.candidates(model).length > 0;
  }
  protected chosen(model: Model): Order {
    const candidates = this.candidates(model);
    return candidates[this.orderIndex % candidates.length]!;
  }
  toString(): string {
    return `${this.label}(#${this.orderIndex})`;
  }
}
