import { Command } from 'commander';
import { collectAirbyteCommand } from './collect-airbyte.js';

/** `collect <source>`: collectors that turn other tools' metadata into OpenLineage events. */
export async function collectCommand({ withSubcommands }: { withSubcommands: boolean }): Promise<Command> {
  const collect = new Command('collect')
    .summary('collect lineage from dbt or Airbyte')
    .description('Turns dbt artifacts or the Airbyte API into OpenLineage events and posts (or writes) them.');
  if (!withSubcommands) return collect;
  // The dbt command loads the collectors (and their SQL parser) up front; only `collect` needs them.
  const { collectDbtCommand } = await import('./collect-dbt.js');
  return collect.addCommand(collectDbtCommand()).addCommand(collectAirbyteCommand());
}
