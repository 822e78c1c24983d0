import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j Community embedded with its Bolt connector, because Maven Central
 * publishes the DBMS jars but not the standalone server archive. Clients see an
 * ordinary server at bolt://HOST:PORT.
 *
 * Usage: java -cp LIB/* Launcher.java HOME HOST PORT PASSWORD PAGECACHE_MB TX_TIMEOUT_S
 */
public class Launcher {
  public static void main(String[] args) throws Exception {
    Path home = Path.of(args[0]).toAbsolutePath();
    String host = args[1];
    int port = Integer.parseInt(args[2]);
    String password = args[3];
    long pageCacheMb = Long.parseLong(args[4]);
    long txTimeoutSeconds = Long.parseLong(args[5]);

    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
        .setConfig(BoltConnector.enabled, true)
        .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
        .setConfig(GraphDatabaseSettings.auth_enabled, true)
        .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMb))
        .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutSeconds))
        .setConfig(GraphDatabaseSettings.keep_logical_logs, "100M size")
        .build();
    // SIGTERM (the stop script) lands here: a clean shutdown flushes the store.
    Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

    // The built-in user starts with a password that must be changed; set ours
    // on every start so a changed NEO4J_PASSWORD takes effect.
    try {
      dbms.database("system").executeTransactionally(
          "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
    } catch (RuntimeException e) {
      if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
        System.err.println("Could not set the neo4j password: " + e.getMessage());
        System.exit(1);
      }
    }

    String version = dbms.database("neo4j").executeTransactionally(
        "CALL dbms.components() YIELD versions RETURN versions[0] AS v",
        Map.of(), result -> result.next().get("v").toString());
    System.out.println("TRIBUTARY_NEO4J_READY version=" + version + " bolt://" + host + ":" + port);
    System.out.flush();
    Thread.currentThread().join();
  }
}
