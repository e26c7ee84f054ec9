import { compileEventTest, eventTestKey, type EventTest } from './compiled-filter.js';
import type { EventContext } from './event-context.js';
import type { RuleEvaluator } from './rule-evaluator.js';

const UNKNOWN = 0;
const PASS = 1;
const FAIL = 2;

/**
 * Skips rules an event cannot concern. A rule names the filters its work starts from
 * (RuleEvaluator.eventFilters); when the event conditions of all of them fail, the rule would
 * change nothing and raise nothing, so the engine does not call it. Each distinct set of event
 * conditions is tested at most once per event, however many rules share it.
 */
export class EventGates {
  private readonly tests: EventTest[] = [];
  private readonly indexOfKey = new Map<string, number>();
  /** Per rule position: the tests of which one must pass, or null (never skipped). */
  private readonly gatesOf: (Int32Array | null)[];
  private results = new Int8Array(0);

  constructor(rules: readonly RuleEvaluator[]) {
    this.gatesOf = rules.map((rule) => this.gatesFor(rule));
    this.results = new Int8Array(this.tests.length);
  }

  /** Forgets the previous event's results (EventContext.prepare happened). */
  reset(): void {
    this.results.fill(UNKNOWN);
  }

  /** False when the rule at `position` cannot concern the event. */
  mayConcern(position: number, ctx: EventContext): boolean {
    const gates = this.gatesOf[position];
    if (gates === null || gates === undefined) return true;
    for (let at = 0; at < gates.length; at += 1) {
      const index = gates[at] ?? 0;
      let result = this.results[index];
      if (result === UNKNOWN) {
        result = (this.tests[index] as EventTest)(ctx) ? PASS : FAIL;
        this.results[index] = result;
      }
      if (result === PASS) return true;
    }
    return false;
  }

  /** The rule at `position` is now `rule` (a test hook replaced it). */
  replace(position: number, rule: RuleEvaluator): void {
    this.gatesOf[position] = this.gatesFor(rule);
    this.results = new Int8Array(this.tests.length);
  }

  private gatesFor(rule: RuleEvaluator): Int32Array | null {
    const filters = rule.eventFilters;
    if (filters === undefined || filters.length === 0) return null;
    const gates = new Int32Array(filters.length);
    for (let at = 0; at < filters.length; at += 1) {
      const filter = filters[at];
      const test = filter === undefined ? null : compileEventTest(filter);
      // A filter without event conditions passes every event: the rule is never skipped.
      if (filter === undefined || test === null) return null;
      const key = eventTestKey(filter);
      let index = this.indexOfKey.get(key);
      if (index === undefined) {
        index = this.tests.length;
        this.tests.push(test);
        this.indexOfKey.set(key, index);
      }
      gates[at] = index;
    }
    return gates;
  }
}
