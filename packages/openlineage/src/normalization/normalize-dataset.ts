import type { NormalizationRules } from './normalization-rules.js';
import { DEFAULT_NORMALIZATION_RULES } from './normalization-rules.js';

export interface DatasetIdentity {
  namespace: string;
  name: string;
}

// scheme://authority/rest — the scheme may carry a prefix (jdbc:postgresql).
const URI_NAMESPACE = /^([A-Za-z][A-Za-z0-9+.-]*(?::[A-Za-z][A-Za-z0-9+.-]*)?):\/\/([^/?#]*)(.*)$/s;
const OPAQUE_NAMESPACE = /^([A-Za-z][A-Za-z0-9+.-]*):(?!\/\/)(.*)$/s;
// A host we dare to touch: a DNS name, an IPv4 address or a bracketed IPv6 address, with an optional port.
const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_~%-]+(?:\.[A-Za-z0-9_~%-]+)*\.?)(?::(\d*))?$/;

function canonicalScheme(scheme: string, rules: NormalizationRules): string {
  const lower = scheme.toLowerCase();
  const alias = rules.schemeAliases[lower];
  if (alias) return alias;
  // SQLAlchemy's dialect+driver (postgresql+psycopg2) names the same platform as its dialect.
  const plus = lower.indexOf('+');
  if (plus > 0) {
    const dialect = lower.slice(0, plus);
    const dialectAlias = rules.schemeAliases[dialect];
    if (dialectAlias) return dialectAlias;
    if (rules.platforms[dialect]) return dialect;
  }
  return lower;
}

function normalizeAuthority(authority: string, scheme: string, rules: NormalizationRules): string {
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at + 1) : '';
  const hostPort = authority.slice(at + 1);
  const match = HOST_PORT.exec(hostPort);
  // Several hosts (kafka://a:9092,b:9092) or connection options: left as sent.
  if (!match) return authority;
  const host = rules.lowercaseHost ? match[1]!.toLowerCase() : match[1]!;
  let port = match[2] ?? '';
  const defaultPort = rules.platforms[scheme]?.defaultPort;
  if (port === '' && defaultPort !== undefined && host !== '') port = String(defaultPort);
  return `${userinfo}${host}${port === '' ? '' : `:${port}`}`;
}

function applyCase(name: string, nameCase: 'upper' | 'lower' | 'preserve' | undefined): string {
  if (nameCase === 'upper') return name.toUpperCase();
  if (nameCase === 'lower') return name.toLowerCase();
  return name;
}

/**
 * The canonical identity of a dataset under the rules (pure). Use it for
 * lookups too, so that `postgresql://DB/…` finds what `postgres://db:5432/…` stored.
 */
export function normalizeDatasetIdentity(
  namespace: string,
  name: string,
  rules: NormalizationRules = DEFAULT_NORMALIZATION_RULES,
): DatasetIdentity {
  const aliased = rules.namespaceAliases[namespace] ?? namespace;
  const uri = URI_NAMESPACE.exec(aliased);
  if (uri) {
    const scheme = canonicalScheme(uri[1]!, rules);
    const authority = normalizeAuthority(uri[2]!, scheme, rules);
    // s3://bucket/ and s3://bucket are one namespace.
    const rest = uri[3] === '/' ? '' : uri[3]!;
    return { namespace: `${scheme}://${authority}${rest}`, name: applyCase(name, rules.platforms[scheme]?.nameCase) };
  }
  const opaque = OPAQUE_NAMESPACE.exec(aliased);
  if (opaque) {
    const scheme = canonicalScheme(opaque[1]!, rules);
    return { namespace: `${scheme}:${opaque[2]}`, name: applyCase(name, rules.platforms[scheme]?.nameCase) };
  }
  // A bare namespace such as "bigquery" names its platform.
  return { namespace: aliased, name: applyCase(name, rules.platforms[aliased.toLowerCase()]?.nameCase) };
}
