import { ArtifactError, type DbtCollection, NamingError, collectDbt } from '@tributary/collectors';
import { Command } from 'commander';
import { badInput } from '../exit-codes.js';
import { type SinkOptions, sink, withSinkOptions } from '../sink.js';

interface CollectDbtFlags extends SinkOptions {
  projectDir: string;
  targetDir?: string;
  profilesDir?: string;
  target?: string;
  namespace?: string;
  datasetNamespace?: string;
}

function report(collection: DbtCollection, quiet: boolean | undefined): void {
  for (const warning of collection.warnings) process.stderr.write(`collect dbt: warning: ${warning}\n`);
  if (quiet) return;
  const models = [...collection.lineage.entries()];
  const full = models.filter(([, l]) => l.fullyResolved).length;
  process.stderr.write(
    `collect dbt: ${collection.adapter} datasets in ${collection.datasetNamespace}; ` +
      `column lineage fully resolved for ${full} of ${models.length} models\n`,
  );
  for (const [id, problems] of collection.problems) {
    process.stderr.write(`  ${id}: ${problems.join('; ')}\n`);
  }
}

/** `tributary collect dbt`: dbt artifacts → OpenLineage events with column lineage. */
export function collectDbtCommand(): Command {
  const command = new Command('dbt')
    .summary('collect model, test and column lineage from dbt artifacts')
    .description(
      'Reads manifest.json, run_results.json and catalog.json from the dbt target directory and turns them into ' +
        'OpenLineage events as openlineage-dbt does, with column-level lineage parsed from the compiled SQL. ' +
        'Every artifact is read and checked before anything is sent.',
    )
    .option('--project-dir <dir>', 'the dbt project (holds dbt_project.yml)', '.')
    .option('--target-dir <dir>', 'where dbt wrote its artifacts, relative to the project (default: target)')
    .option('--profiles-dir <dir>', 'where profiles.yml is (default: DBT_PROFILES_DIR, the project, ~/.dbt)')
    .option('--target <name>', 'the profile target that ran (default: the profile\'s "target")')
    .option('--namespace <ns>', 'namespace of the dbt jobs', 'default')
    .option(
      '--dataset-namespace <ns>',
      'dataset namespace (e.g. postgres://host:5432) instead of the one derived from the profile',
    );
  withSinkOptions(command).action(async (flags: CollectDbtFlags) => {
    let collection: DbtCollection;
    try {
      collection = collectDbt(flags);
    } catch (error) {
      if (error instanceof ArtifactError || error instanceof NamingError) throw badInput(error.message);
      throw error;
    }
    report(collection, flags.quiet);
    await sink(collection.events, flags, 'collect dbt');
  });
  return command;
}

/** Adds `dbt` under the program's `collect` command, creating `collect` when it is not there yet. */
export function registerCollectDbt(program: Command): void {
  let collect = program.commands.find((c) => c.name() === 'collect');
  if (!collect) {
    collect = new Command('collect').summary('collect lineage from dbt or Airbyte');
    program.addCommand(collect);
  }
  collect.addCommand(collectDbtCommand());
}
