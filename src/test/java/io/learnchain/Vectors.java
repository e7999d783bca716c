package io.learnchain;

import io.learnchain.json.Json;
import io.learnchain.json.JsonArray;
import io.learnchain.json.JsonObject;
import io.learnchain.json.JsonReader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test data made by Python: {@code reference/} (the shared reference vectors) and
 * {@code project/} (made by {@code make_vectors.py}, kept beside them).
 */
public final class Vectors {
    public static final List<String> SETS = List.of("reference", "project");

    private Vectors() {
    }

    public static Json read(String resource) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return JsonReader.parse(in.readAllBytes(), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(resource + ": " + e.getMessage(), e);
        }
    }

    public static List<JsonObject> objects(String resource) {
        return ((JsonArray) read(resource)).items().stream().map(JsonObject.class::cast).toList();
    }

    /** The chain files of a set, as paths relative to {@code vectors/}. */
    public static List<String> chainFiles(String set) {
        URL dir = Vectors.class.getResource("/vectors/" + set + "/chains");
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.map(p -> set + "/chains/" + p.getFileName()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String string(JsonObject o, String key) {
        return ((io.learnchain.json.JsonString) o.get(key)).value();
    }
}
