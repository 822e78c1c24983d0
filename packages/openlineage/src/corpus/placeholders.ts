// Test-expectation templates of the OpenLineage, Airflow and Marquez test suites
// hold matchers instead of values: Jinja-like `{{ any(result) }}`,
// `{{ is_datetime(result) }}`, `{{ env_var('X') | lower }}`, json-unit's
// `${json-unit.any-string}` / `${json-unit.regex}…`, Marquez's `{{RUN_START_TIME}}`.
// These functions turn a template into an event by putting a plausible value
// of the right type where each matcher stands.

const PLACEHOLDER = /\{\{[\s\S]*?\}\}|\$\{json-unit\.[\w-]+\}/;
const EMBEDDED_JINJA = /\{\{([\s\S]*?)\}\}/g;

export const SAMPLE_DATE_TIME = '2024-05-01T12:00:00.000Z';
export const SAMPLE_URI = 'https://github.com/OpenLineage/OpenLineage/tree/1.20.0/client/python';
const SAMPLE_ENV: Record<string, string> = {
  AWS_ATHENA_OUTPUT_LOCATION: 's3://athena-results/output/',
  AWS_ATHENA_SUFFIX: 'run-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  SNOWFLAKE_ACCOUNT_ID: 'XY12345',
};

/** True when a string holds any matcher placeholder. */
export function hasPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text);
}

let uuidCounter = 0;
function sampleUuid(): string {
  uuidCounter = (uuidCounter + 1) % 0xffffffffffff;
  return `0190a1b2-c3d4-4e5f-8a9b-${uuidCounter.toString(16).padStart(12, '0')}`;
}

function isTimeKey(key: string): boolean {
  return /time$|Time$|_date$|Date$|^date$|lastUpdated|creationTime|data_interval/i.test(key);
}
function isUriKey(key: string): boolean {
  return /^_?(producer|schemaURL|url|uri)$/i.test(key);
}
function isUuidKey(key: string): boolean {
  return /^runId$|uuid$/i.test(key);
}

/** A value for a key whose matcher accepts any value ("any", "is string", json-unit any-string). */
function anyValueFor(key: string): string {
  if (isUuidKey(key)) return sampleUuid();
  if (isTimeKey(key)) return SAMPLE_DATE_TIME;
  if (isUriKey(key)) return SAMPLE_URI;
  if (/version$/i.test(key)) return '1.20.0';
  return `sample-${key}`;
}

/** One example string a (simple) regular expression matches, or undefined. */
export function exampleForRegex(pattern: string): string | undefined {
  const example = generate(pattern);
  try {
    return example !== undefined && new RegExp(pattern).test(example) ? example : undefined;
  } catch {
    return undefined;
  }
}

function generate(pattern: string): string | undefined {
  let out = '';
  let i = 0;
  let last = '';
  const atom = (): string | undefined => {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1]!;
      i += 2;
      if (next === 'd') return '1';
      if (next === 'w') return 'a';
      if (next === 's') return ' ';
      return next;
    }
    if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) return undefined;
      const body = pattern.slice(i + 1, end);
      i = end + 1;
      if (body.startsWith('^')) return 'a';
      if (body.startsWith('\\d')) return '1';
      if (body.startsWith('\\')) return body[1];
      return body[0];
    }
    if (c === '(') {
      let depth = 0;
      let j = i;
      for (; j < pattern.length; j++) {
        if (pattern[j] === '\\') j++;
        else if (pattern[j] === '(') depth++;
        else if (pattern[j] === ')' && --depth === 0) break;
      }
      const body = pattern.slice(i + 1, j).replace(/^\?:/, '');
      i = j + 1;
      const first = splitAlternatives(body)[0]!;
      return generate(first);
    }
    i++;
    // An unescaped dot in these patterns usually stands for itself (github.com, 1.2.3).
    if (c === '.') return '.';
    if (c === '^' || c === '$') return '';
    return c;
  };
  while (i < pattern.length) {
    const piece = atom();
    if (piece === undefined) return undefined;
    last = piece;
    out += piece;
    const q = pattern[i];
    if (q === '*' || q === '?') {
      out = out.slice(0, out.length - last.length);
      i++;
    } else if (q === '+') {
      i++;
    } else if (q === '{') {
      const end = pattern.indexOf('}', i);
      const min = Number(pattern.slice(i + 1, end).split(',')[0]);
      out = out.slice(0, out.length - last.length) + last.repeat(min);
      i = end + 1;
    }
  }
  return out;
}

function splitAlternatives(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let j = 0; j < body.length; j++) {
    const c = body[j];
    if (c === '\\') j++;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      parts.push(body.slice(start, j));
      start = j + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

/** The value of a Jinja expression made of env_var('X'), string literals, `~` and filters. */
function evaluateJinja(expression: string): string | undefined {
  const [head, ...filters] = expression.split(/(?<!\|)\|(?!\|)/).map((part) => part.trim());
  let value = '';
  for (const term of head!
    .replace(/^\((.*)\)$/s, '$1')
    .split('~')
    .map((part) => part.trim())) {
    const env = /^env_var\(\s*['"](\w+)['"]\s*\)$/.exec(term);
    const literal = /^['"](.*)['"]$/.exec(term);
    if (env) value += SAMPLE_ENV[env[1]!] ?? env[1]!.toLowerCase().replace(/_/g, '-');
    else if (literal) value += literal[1];
    else return undefined;
  }
  for (const filter of filters) {
    if (filter === 'lower') value = value.toLowerCase();
    else if (filter === 'upper') value = value.toUpperCase();
    else if (filter === 'url_scheme_authority') value = /^[a-z][\w+.-]*:\/\/[^/]*/i.exec(value)?.[0] ?? value;
    else if (filter === 'url_path') value = value.replace(/^[a-z][\w+.-]*:\/\/[^/]*/i, '');
    else return undefined;
  }
  return value;
}

/** A plausible value for a string that is entirely one matcher, typed by the matcher and the key. */
function valueForMatcher(matcher: string, key: string): unknown {
  if (matcher.startsWith('${json-unit.')) {
    if (matcher === '${json-unit.any-number}') return 1;
    if (matcher === '${json-unit.any-boolean}') return true;
    if (matcher.startsWith('${json-unit.regex}')) {
      return exampleForRegex(matcher.slice('${json-unit.regex}'.length)) ?? anyValueFor(key);
    }
    return anyValueFor(key);
  }
  const body = matcher.slice(2, -2).trim();
  if (/^is_datetime\(result\)$/.test(body)) return SAMPLE_DATE_TIME;
  if (/^is_uuid\(result\)$/.test(body)) return sampleUuid();
  if (/^result is number$/.test(body)) return 1;
  if (/^result is (string|defined)$|^any\(result\)$/.test(body)) return anyValueFor(key);
  const regex = /^regex_match\(result,\s*"(.*)"\)$/s.exec(body);
  if (regex) return exampleForRegex(regex[1]!) ?? anyValueFor(key);
  const starts = /result\.startswith\('((?:[^'\\]|\\.)*)'\)/s.exec(body)?.[1] ?? '';
  const ends = /result\.endswith\('((?:[^'\\]|\\.)*)'\)/s.exec(body)?.[1];
  if (starts || ends !== undefined) return starts + (ends ?? '');
  const sortedList = /^result(\[1:-1\])?\.split\('(.*?)'\)\s*\|\s*sort\s*==\s*\[(.*)\]$/s.exec(body);
  if (sortedList) {
    const items = [...sortedList[3]!.matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1] ?? m[2]);
    const joined = items.join(sortedList[2]);
    return sortedList[1] ? `[${joined}]` : joined;
  }
  // Marquez's {{RUN_START_TIME}}, {{RUN_ID}}…
  if (/^[A-Z][A-Z0-9_]*$/.test(body)) {
    if (/TIME|DATE/.test(body)) return SAMPLE_DATE_TIME;
    if (/(^|_)(ID|UUID)$/.test(body)) return sampleUuid();
  }
  return evaluateJinja(body) ?? anyValueFor(key);
}

function substituteString(text: string, key: string): unknown {
  const trimmed = text.trim();
  const whole = /^(\{\{[\s\S]*\}\}|\$\{json-unit\.[\w-]+\}[\s\S]*)$/.exec(trimmed);
  if (whole && (trimmed.startsWith('${') || trimmed.indexOf('}}') === trimmed.length - 2)) {
    return valueForMatcher(trimmed, key);
  }
  return text
    .replace(EMBEDDED_JINJA, (_match, expression: string) => {
      const body = expression.trim();
      if (/^[A-Z][A-Z0-9_]*$/.test(body)) return String(valueForMatcher(`{{${body}}}`, key));
      return evaluateJinja(body) ?? `sample-${key}`;
    })
    .replace(/\$\{json-unit\.[\w-]+\}/g, 'sample');
}

/** A deep copy of `value` with every matcher placeholder replaced by a plausible value. */
export function substitutePlaceholders(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return hasPlaceholder(value) ? substituteString(value, key) : value;
  if (Array.isArray(value)) return value.map((item) => substitutePlaceholders(item, key));
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) {
      Object.defineProperty(copy, name, {
        value: substitutePlaceholders(item, name),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  }
  return value;
}

/**
 * Template text whose placeholders stand where a JSON value goes without quotes
 * (`"retries": {{ result is number }}`) is quoted first, so that it parses.
 */
export function quoteBarePlaceholders(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '{' && text[i + 1] === '{') {
      const end = text.indexOf('}}', i);
      if (end < 0) return text;
      out += JSON.stringify(text.slice(i, end + 2));
      i = end + 1;
    } else {
      out += c;
    }
  }
  return out;
}
