import java.lang.reflect.Field;

/**
 * Runs DynamoDB Local listening on 127.0.0.1 only: its own command line has no bind option and its
 * Jetty server listens on every interface. Run as a single source file (`java -cp DynamoDBLocal.jar
 * dynamo-loopback.java <DynamoDB Local's options>`), which needs a JRE only, no javac. Reflection
 * throughout, so it compiles against java.base alone.
 */
public class DynamoLoopback {
  public static void main(String[] args) throws Exception {
    Class<?> runner = Class.forName("software.amazon.dynamodb.services.local.main.ServerRunner");
    Object proxy = runner.getMethod("createServerFromCommandLineArgs", String[].class).invoke(null, (Object) args);
    Field field = proxy.getClass().getDeclaredField("server");
    field.setAccessible(true);
    Object server = field.get(proxy);
    Object[] connectors = (Object[]) server.getClass().getMethod("getConnectors").invoke(server);
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local has no connector to bind to 127.0.0.1");
    for (Object connector : connectors) connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
    proxy.getClass().getMethod("start").invoke(proxy);
    System.out.println("DynamoDB Local listening on 127.0.0.1 only");
  }
}
