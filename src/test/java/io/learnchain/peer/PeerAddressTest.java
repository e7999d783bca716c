package io.learnchain.peer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PeerAddressTest {

    @ParameterizedTest
    @CsvSource({
            "http://127.0.0.1:5001, http://127.0.0.1:5001",
            "127.0.0.1:5001, http://127.0.0.1:5001",
            "localhost:5001/, http://localhost:5001",
            "HTTP://Node.Example:80/blockchain/, http://node.example/blockchain",
            "http://node.example:80, http://node.example",
            "https://node.example:443, https://node.example",
            "https://node.example:80, https://node.example:80",
            "https://node.example/a/b, https://node.example/a/b",
            "'  192.168.0.5:5000  ', http://192.168.0.5:5000",
            "'[::1]:5001', 'http://[::1]:5001'",
            "httpbin.example:5000, http://httpbin.example:5000",
            "https-node:5000, http://https-node:5000",
    })
    void keepsTheBaseUrl(String entry, String expected) {
        assertEquals(expected, PeerAddress.baseUrl(entry));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ftp://host:21", "http://", "http://:5000", "x y", "http://host:99999",
            "http://user@host:5000", "http://host:5000/?q=1", "file:///etc/passwd", "javascript:alert(1)",
            "http//host:5000", "http:/host:5000", "HTTPS//host", "http:host:5000", "http://host//x", "https/host"})
    void refusesWhatIsNotANodeAddress(String entry) {
        assertThrows(IllegalArgumentException.class, () -> PeerAddress.baseUrl(entry));
    }
}
