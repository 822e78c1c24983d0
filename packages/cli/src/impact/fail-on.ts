import { badInput } from '../exit-codes.js';
import type { ImpactResult } from './impact-report.js';

/** One `--fail-on` condition: a total compared with a number, or a property some impacted item has. */
export type FailOn =
  | { source: string; kind: 'count'; total: 'datasets' | 'fields' | 'jobs' | 'items'; op: Comparison; value: number }
  | { source: string; kind: 'match'; property: 'tag' | 'classification' | 'owner' | 'namespace'; pattern: RegExp };

type Comparison = '>' | '>=' | '<' | '<=' | '=' | '!=';

const COUNT = /^\s*(datasets|fields|jobs|items)\s*(>=|<=|!=|==|=|>|<)\s*(\d+)\s*$/i;
const MATCH = /^\s*(tag|classification|owner|namespace)\s*:\s*(.+?)\s*$/i;

function glob(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/**
 * Parses `--fail-on` expressions: `datasets>20`, `fields>=100`, `jobs=0`, `items>50`,
 * `tag:critical`, `classification:PII`, `owner:team-*`, `namespace:postgres://prod*`
 * (`*` matches anything; names compare case-insensitively).
 */
export function parseFailOn(expression: string): FailOn {
  const count = COUNT.exec(expression);
  if (count) {
    const op = (count[2] === '==' ? '=' : count[2]) as Comparison;
    return {
      source: expression.trim(),
      kind: 'count',
      total: count[1]!.toLowerCase() as 'datasets',
      op,
      value: Number(count[3]),
    };
  }
  const match = MATCH.exec(expression);
  if (match) {
    return {
      source: expression.trim(),
      kind: 'match',
      property: match[1]!.toLowerCase() as 'tag',
      pattern: glob(match[2]!),
    };
  }
  throw badInput(
    `--fail-on: cannot read "${expression}"; use datasets>N, fields>N, jobs>N, items>N (also >=, <, <=, =, !=) ` +
      'or tag:NAME, classification:NAME, owner:NAME, namespace:PATTERN',
  );
}

function compare(left: number, op: Comparison, right: number): boolean {
  switch (op) {
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '=':
      return left === right;
    case '!=':
      return left !== right;
  }
}

/** Why the condition holds (a line for the log), or undefined when it does not. */
export function evaluateFailOn(condition: FailOn, result: ImpactResult): string | undefined {
  if (condition.kind === 'count') {
    const actual =
      condition.total === 'datasets'
        ? result.totalDatasets
        : condition.total === 'fields'
          ? result.totalFields
          : condition.total === 'jobs'
            ? result.totalJobs
            : result.items.length;
    return compare(actual, condition.op, condition.value)
      ? `${condition.source} holds: ${actual} ${condition.total} impacted`
      : undefined;
  }
  const hits = result.items.filter((item) => {
    switch (condition.property) {
      case 'tag':
        // OpenLineage tags are key/value ("tier:gold"): `tag:tier` matches the key, `tag:tier:gold` the pair.
        return item.tags.some((tag) => condition.pattern.test(tag) || condition.pattern.test(tag.split(':')[0]!));
      case 'classification':
        return item.classifications.some((label) => condition.pattern.test(label));
      case 'owner':
        return item.owners.some((owner) => condition.pattern.test(owner));
      case 'namespace':
        return condition.pattern.test(item.namespace);
    }
  });
  if (hits.length === 0) return undefined;
  const names = hits.slice(0, 5).map((item) => `${item.namespace} ${item.name}${item.field ? `.${item.field}` : ''}`);
  return `${condition.source} holds for ${hits.length} impacted item(s): ${names.join(', ')}${hits.length > 5 ? ', …' : ''}`;
}
