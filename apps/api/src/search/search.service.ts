import { Injectable } from '@nestjs/common';
import { SearchRepository } from '../graph/read/search.repository.js';
import { NodeKind } from '../lineage/dto/lineage-enums.js';
import { invalidArgument } from '../lineage/lineage.errors.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../query-limits/pagination.js';
import type { SearchArgs, SearchResult } from './dto/search.dto.js';
import { toLuceneQuery } from './lucene-query.js';

const LABELS: Record<NodeKind, string> = { DATASET: 'Dataset', JOB: 'Job', FIELD: 'Field' };
const KINDS: Record<string, NodeKind> = { Dataset: NodeKind.DATASET, Job: NodeKind.JOB, Field: NodeKind.FIELD };
// Ranking is recomputed per page; paging stops this deep.
const MAX_RESULTS = 1_000;
const MAX_TEXT = 200;

@Injectable()
export class SearchService {
  constructor(private readonly repository: SearchRepository) {}

  async search(args: SearchArgs): Promise<SearchResult> {
    const first = args.first ?? 20;
    checkPageSize(first);
    if (args.text.length > MAX_TEXT) throw invalidArgument(`text must be at most ${MAX_TEXT} characters`);
    const offset = decodeCursor(args.after);
    const query = toLuceneQuery(args.text);
    if (!query || offset >= MAX_RESULTS) return { items: [], endCursor: null, hasNextPage: false };
    const kinds = args.kinds && args.kinds.length > 0 ? args.kinds : Object.values(NodeKind);
    const limit = Math.min(offset + first + 1, MAX_RESULTS);
    // The index ranks before filtering, so filtered searches ask it for more.
    const filtered = kinds.length < 3 || !!args.namespace;
    const rows = await this.repository.search(
      query,
      kinds.map((kind) => LABELS[kind]),
      args.namespace ?? null,
      limit,
      filtered ? Math.min(limit * 20, 20_000) : limit,
    );
    const page = rows.slice(offset, offset + first);
    const end = offset + page.length;
    return {
      items: page.map((row) => ({
        id: row.id,
        kind: KINDS[row.label] ?? NodeKind.DATASET,
        namespace: row.namespace,
        name: row.name,
        field: row.path ?? null,
        description: row.description ?? null,
        score: row.score,
      })),
      endCursor: page.length > 0 ? encodeCursor(end) : null,
      hasNextPage: rows.length > end,
    };
  }
}
