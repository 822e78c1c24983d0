import { Command } from 'commander';
import { collectAirbyteCommand } from './collect-airbyte.js';
import { collectDbtCommand } from './collect-dbt.js';

/** `collect <source>`: collectors that turn other tools' metadata into OpenLineage events. */
export function collectCommand(): Command {
  return new Command('collect')
    .summary('collect lineage from dbt or Airbyte')
    .description('Turns dbt artifacts or the Airbyte API into OpenLineage events and posts (or writes) them.')
    .addCommand(collectDbtCommand())
    .addCommand(collectAirbyteCommand());
}
