// npm run neo4j:start | neo4j:stop | neo4j:status
import { isAlive, localServerSettings, portAnswers, readPid, readVersion, startNeo4j, stopNeo4j } from './server.mjs';

const command = process.argv[2];

async function main() {
  if (process.env.NEO4J_URI) {
    console.log(`neo4j: NEO4J_URI is set (${process.env.NEO4J_URI}); the local server is not managed`);
    return 0;
  }
  const settings = localServerSettings();
  switch (command) {
    case 'start': {
      const { pid, port, version } = await startNeo4j(settings);
      console.log(`neo4j: Neo4j ${version} up (pid ${pid}) on bolt://127.0.0.1:${port}, data in ${settings.home}`);
      return 0;
    }
    case 'stop':
      await stopNeo4j(settings);
      return 0;
    case 'status': {
      const pid = readPid(settings.home);
      const up = isAlive(pid) && (await portAnswers(settings.port));
      console.log(
        up
          ? `neo4j: running (pid ${pid}), Neo4j ${readVersion(settings.home)} on bolt://127.0.0.1:${settings.port}`
          : 'neo4j: not running',
      );
      return up ? 0 : 1;
    }
    default:
      console.error('usage: node scripts/neo4j/cli.mjs start|stop|status');
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
