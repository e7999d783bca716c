package io.learnchain.node;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** README's table of settings names every setting the node reads, and none it does not. */
class ReadmeSettingsTest {
    @Test
    void readmeListsEverySettingAndNoOther() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String table = readme.substring(readme.indexOf("## Settings"), readme.indexOf("\n## ", readme.indexOf("## Settings") + 1));
        Set<String> listed = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([A-Za-z.]+)` \\|").matcher(table);
        while (row.find()) {
            listed.add(row.group(1));
        }
        Set<String> read = new TreeSet<>(Settings.read(name -> null, "readme-test").shown().keySet());
        assertEquals(read, listed);
    }
}
