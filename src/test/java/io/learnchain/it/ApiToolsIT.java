package io.learnchain.it;

import io.learnchain.json.JsonNumber;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonReader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The API as its users' own tools see it: Redocly's linter on the OpenAPI description, and the
 * Postman collection's tests run by newman against two real nodes. The tools come from npm
 * ({@code npm ci --prefix .ci}, which {@code .ci/run} does); without them these tests are skipped.
 */
class ApiToolsIT {
    private static final Path TOOLS = Path.of(System.getProperty("blockchain.npmTools", ".ci/node_modules/.bin"));

    private record Run(int exit, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("api-tool-", ".out");
        Path errors = Files.createTempFile("api-tool-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile());
            builder.environment().put("REDOCLY_TELEMETRY", "off");
            builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
            builder.environment().put("NO_COLOR", "1");
            Process process = builder.start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(command.get(0) + " did not finish within 180 s:\n" + Files.readString(output)
                        + Files.readString(errors));
            }
            return new Run(process.exitValue(), Files.readString(output), Files.readString(errors));
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }

    private static String tool(String name) {
        Path tool = TOOLS.resolve(name);
        assumeTrue(Files.isExecutable(tool), "needs " + name + " from npm: npm ci --prefix .ci");
        return tool.toString();
    }

    @Test
    void theOpenApiDescriptionPassesRedoclysRecommendedRules() throws Exception {
        Run lint = run(List.of(tool("redocly"), "lint", "--format=json", "webapp/openapi.json"));
        byte[] bytes = lint.stdout().getBytes(StandardCharsets.UTF_8);
        JsonObject totals = (JsonObject) ((JsonObject) JsonReader.parse(bytes, bytes.length, 64, false)).get("totals");
        assertEquals("0 errors, 0 warnings", ((JsonNumber) totals.get("errors")).literal() + " errors, "
                + ((JsonNumber) totals.get("warnings")).literal() + " warnings", lint.output());
        assertEquals(0, lint.exit(), lint.output());
    }

    @Test
    void thePostmanCollectionsTestsPassAgainstTwoNodes() throws Exception {
        String newman = tool("newman");
        try (TestNode node1 = TestNode.start(); TestNode node2 = TestNode.start()) {
            Run collection = run(List.of(newman, "run", "docs/blockchain-node.postman_collection.json",
                    "--env-var", "node1=" + node1.url(), "--env-var", "node2=" + node2.url(),
                    "--reporters", "cli", "--color", "off", "--disable-unicode", "--timeout-request", "30000"));
            assertEquals(0, collection.exit(), collection.output());
        }
    }

    /** The controls' collection, apart from the tutorial's (it changes and discards state), against nodes of its own. */
    @Test
    void theControlsCollectionsTestsPassAgainstNodesOfItsOwn() throws Exception {
        String newman = tool("newman");
        Map<String, String> steered = Map.of("blockchain.adminToken", "postman-token", "blockchain.network", "manual");
        try (TestNode node1 = TestNode.start("/", steered); TestNode node2 = TestNode.start("/", steered); TestNode open = TestNode.start()) {
            Run collection = run(List.of(newman, "run", "docs/blockchain-node-controls.postman_collection.json",
                    "--env-var", "node1=" + node1.url(), "--env-var", "node2=" + node2.url(), "--env-var", "open=" + open.url(),
                    "--env-var", "token=postman-token", "--delay-request", "300",
                    "--reporters", "cli", "--color", "off", "--disable-unicode", "--timeout-request", "30000"));
            assertEquals(0, collection.exit(), collection.output());
        }
    }
}
