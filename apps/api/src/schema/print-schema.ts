import 'reflect-metadata';
import { MODULE_METADATA } from '@nestjs/common/constants.js';
import { NestFactory } from '@nestjs/core';
import { Module, type Type } from '@nestjs/common';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FEATURE_MODULES } from '../app.module.js';
import { DATE_SCALARS } from './date-time.scalar.js';

/** apps/api/schema.graphql, from apps/api/dist/schema at run time. */
export const SCHEMA_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema.graphql');

// The watermark @Resolver() leaves on its class (ENTRY_PROVIDER_WATERMARK in @nestjs/common).
const RESOLVER_MARK = '__entryProvider__';

function resolversOf(modules: readonly Type[]): Type[] {
  const seen = new Set<Type>();
  const out: Type[] = [];
  const visit = (module: Type): void => {
    if (seen.has(module)) return;
    seen.add(module);
    const providers = (Reflect.getMetadata(MODULE_METADATA.PROVIDERS, module) ?? []) as unknown[];
    for (const provider of providers) {
      if (typeof provider === 'function' && Reflect.getMetadata(RESOLVER_MARK, provider) === true) {
        out.push(provider as Type);
      }
    }
    const imports = (Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) ?? []) as unknown[];
    for (const imported of imports) if (typeof imported === 'function') visit(imported as Type);
  };
  modules.forEach(visit);
  return out;
}

@Module({ imports: [GraphQLSchemaBuilderModule] })
class SchemaPrinterModule {}

/**
 * The SDL the server exposes, built from the resolvers of FEATURE_MODULES
 * without starting the app (no Neo4j, no HTTP), sorted as the server sorts it.
 */
export async function buildSchemaSdl(): Promise<string> {
  return `${printSchema(await buildAppSchema())}\n`;
}

/** The schema the server builds from the resolvers of FEATURE_MODULES, sorted, without starting the app. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  const app = await NestFactory.createApplicationContext(SchemaPrinterModule, { logger: false });
  try {
    const factory = app.get(GraphQLSchemaFactory);
    return lexicographicSortSchema(
      await factory.create(resolversOf(FEATURE_MODULES as Type[]), { scalarsMap: DATE_SCALARS }),
    );
  } finally {
    await app.close();
  }
}

export function readCheckedInSchema(): string {
  return readFileSync(SCHEMA_FILE, 'utf8');
}

async function main(): Promise<void> {
  const sdl = await buildSchemaSdl();
  writeFileSync(SCHEMA_FILE, sdl);
  process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`print-schema: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
