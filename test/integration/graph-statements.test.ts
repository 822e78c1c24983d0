// Real parts: the writer's statement runner (compiled apps/api/dist) on the
// Neo4j that `npm test` started. What it reports is what the writer logs for
// a statement that fails or runs slow (lineage-writer.ts).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { neo4jEnv, repoRoot } from '../support/env.js';

interface Part {
  name: string;
  query: string;
  rows: readonly unknown[];
}
interface Reported {
  name: string;
  rows: number;
  ms: number;
  error?: unknown;
}
type Watch = (statement: Reported) => void;
interface UnitBatchModule {
  runParts(tx: ManagedTransaction, parts: readonly Part[], watch?: Watch): Promise<void>;
  readParts(tx: ManagedTransaction, parts: readonly Part[], watch?: Watch): Promise<Record<string, unknown[]>>;
}

let driver: Driver;
let unitBatch: UnitBatchModule;

before(async () => {
  const env = neo4jEnv();
  driver = neo4j.driver(env.NEO4J_URI, neo4j.auth.basic(env.NEO4J_USER, env.NEO4J_PASSWORD));
  const url = pathToFileURL(join(repoRoot, 'apps', 'api', 'dist', 'graph', 'unit-batch.js')).href;
  unitBatch = (await import(url)) as UnitBatchModule;
});
after(async () => {
  await driver?.close();
});

describe('graph write statements report what ran', () => {
  it('names each statement with its rows and time, skips empty ones, and hands over the error of a failing one', async () => {
    const reported: Reported[] = [];
    const session = driver.session();
    try {
      await assert.rejects(
        session.executeWrite((tx) =>
          unitBatch.runParts(
            tx,
            [
              { name: 'sums', query: 'UNWIND $rows AS row RETURN row + 1', rows: [1, 2] },
              { name: 'nothing', query: 'UNWIND $rows AS row RETURN row', rows: [] },
              { name: 'divides', query: 'UNWIND $rows AS row RETURN 1 / toInteger(row)', rows: [0] },
              { name: 'never', query: 'UNWIND $rows AS row RETURN row', rows: [1] },
            ],
            (statement) => reported.push(statement),
          ),
        ),
        (error: { code?: string }) => error.code === 'Neo.ClientError.Statement.ArithmeticError',
      );
      const read = await session.executeRead((tx) =>
        unitBatch.readParts(
          tx,
          [{ name: 'doubled', query: 'UNWIND $rows AS row RETURN collect(row * 2) AS doubled', rows: [1, 2, 3] }],
          (statement) => reported.push(statement),
        ),
      );
      assert.deepEqual(read.doubled?.map(Number), [2, 4, 6]);
    } finally {
      await session.close();
    }
    assert.deepEqual(
      reported.map(({ name, rows, error }) => [name, rows, (error as { code?: string } | undefined)?.code ?? null]),
      [
        ['sums', 2, null],
        ['divides', 1, 'Neo.ClientError.Statement.ArithmeticError'],
        ['doubled', 3, null],
      ],
    );
    for (const { ms } of reported) assert.ok(ms >= 0 && ms < 60_000, `a statement's time in ms: ${ms}`);
  });

  it('runs statements sent together in order: each sees what the ones before it wrote', async () => {
    const marker = `order-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    const session = driver.session();
    try {
      await session.executeWrite((tx) =>
        unitBatch.runParts(tx, [
          {
            name: 'create',
            query: 'UNWIND $rows AS row CREATE (:UnitBatchOrder {marker: row, step: 1})',
            rows: [marker],
          },
          {
            name: 'second',
            query: 'UNWIND $rows AS row MATCH (n:UnitBatchOrder {marker: row}) SET n.step = n.step + 1',
            rows: [marker],
          },
          {
            name: 'third',
            query: 'UNWIND $rows AS row MATCH (n:UnitBatchOrder {marker: row}) SET n.step = n.step * 10',
            rows: [marker],
          },
        ]),
      );
      const read = await session.executeRead((tx) =>
        unitBatch.readParts(tx, [
          {
            name: 'steps',
            query: 'UNWIND $rows AS row MATCH (n:UnitBatchOrder {marker: row}) RETURN collect(n.step) AS steps',
            rows: [marker],
          },
        ]),
      );
      // (1 + 1) * 10: in order; out of order would give 11 or leave 1.
      assert.deepEqual(read.steps?.map(Number), [20]);
    } finally {
      await session.run('MATCH (n:UnitBatchOrder {marker: $marker}) DELETE n', { marker });
      await session.close();
    }
  });
});
