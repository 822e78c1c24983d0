import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isDateTime, isUri, isUuid } from '../validation/formats.js';
import { parseCorpusText } from './corpus-index.js';
import { exampleForRegex, hasPlaceholder, quoteBarePlaceholders, substitutePlaceholders } from './placeholders.js';

// Pure functions over strings and objects.

const sub = (value: unknown, key = '') => substitutePlaceholders(value, key);

describe('substitutePlaceholders', () => {
  it('types "any" values by their key', () => {
    const event = sub({
      eventTime: '{{ any(result) }}',
      producer: '${json-unit.any-string}',
      run: { runId: '{{ any(result) }}' },
      job: { name: '{{ result is string }}' },
    }) as { eventTime: string; producer: string; run: { runId: string }; job: { name: string } };
    assert.ok(isDateTime(event.eventTime));
    assert.ok(isUri(event.producer));
    assert.ok(isUuid(event.run.runId));
    assert.equal(typeof event.job.name, 'string');
    assert.equal(hasPlaceholder(JSON.stringify(event)), false);
  });

  it('honours the matcher: datetime, uuid, number', () => {
    assert.ok(isDateTime(sub('{{ is_datetime(result) }}', 'start') as string));
    assert.ok(isUuid(sub('{{ is_uuid(result) }}', 'x') as string));
    assert.equal(sub('${json-unit.any-number}', 'completed'), 1);
    assert.equal(sub('{{ result is number }}', 'retries'), 1);
  });

  it('makes a value that the regex of a matcher accepts', () => {
    const schemaURL = sub(
      '{{ regex_match(result, "^https:\\/\\/openlineage.io\\/spec\\/[\\d-]+\\/OpenLineage.json\\#\\/\\$defs\\/RunEvent$") }}',
      'schemaURL',
    );
    assert.equal(schemaURL, 'https://openlineage.io/spec/1/OpenLineage.json#/$defs/RunEvent');
    assert.equal(sub('${json-unit.regex}\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}', 'clientIp'), '1.1.1.1');
    assert.equal(sub('${json-unit.regex}1\\.\\d+\\.\\d+', 'version'), '1.1.1');
    assert.equal(sub('${json-unit.regex}(2|3)\\.\\d+.*', 'version'), '2.1');
    assert.equal(exampleForRegex('^(a|b)[xyz]+$'), 'ax');
  });

  it('evaluates env_var expressions with their filters, inside longer strings', () => {
    assert.equal(
      sub("awsathena://athena.{{ env_var('AWS_DEFAULT_REGION') }}.amazonaws.com", 'namespace'),
      'awsathena://athena.us-east-1.amazonaws.com',
    );
    assert.equal(
      sub("{{ env_var('AWS_ATHENA_OUTPUT_LOCATION') | url_scheme_authority }}", 'namespace'),
      's3://athena-results',
    );
    assert.equal(
      sub("{{ (env_var('AWS_ATHENA_OUTPUT_LOCATION') ~ env_var('AWS_ATHENA_SUFFIX')) | url_path }}", 'name'),
      '/output/run-1',
    );
    assert.equal(
      sub("snowflake://{{ env_var('SNOWFLAKE_ACCOUNT_ID') | lower  }}.us-east-1.aws", 'x'),
      'snowflake://xy12345.us-east-1.aws',
    );
  });

  it("builds strings for Airflow's startswith/endswith/split matchers", () => {
    assert.equal(sub("{{ result.endswith('.FailingOLOperator') }}", 'k'), '.FailingOLOperator');
    assert.equal(sub("{{ result.split(', ') | sort == ['airflow', 'some_owner1'] }}", 'owner'), 'airflow, some_owner1');
    assert.equal(
      sub(`{{ result[1:-1].split(', ') | sort == ["'first'", "'second'"] }}`, 'tags'),
      "['first', 'second']",
    );
  });

  it("fills Marquez's {{RUN_START_TIME}} style tokens, also where they stand unquoted", () => {
    const text = quoteBarePlaceholders(
      '{"eventTime": {{RUN_START_TIME}}, "run": {"runId": "{{RUN_ID}}"}, "n": "a{{b}}"}',
    );
    const event = sub(JSON.parse(text)) as { eventTime: string; run: { runId: string } };
    assert.ok(isDateTime(event.eventTime));
    assert.ok(isUuid(event.run.runId));
  });
});

describe('parseCorpusText', () => {
  it('reads one event, an array of events, or NDJSON', () => {
    assert.deepEqual(parseCorpusText('{"a": 1}'), [{ a: 1 }]);
    assert.deepEqual(parseCorpusText('[{"a": 1}, {"a": 2}]'), [{ a: 1 }, { a: 2 }]);
    assert.deepEqual(parseCorpusText('{"a": 1}\n{"a": 2}\n'), [{ a: 1 }, { a: 2 }]);
    assert.throws(() => parseCorpusText('{"a": '));
  });
});
