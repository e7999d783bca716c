package io.learnchain.peer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AddressPolicyTest {

    @ParameterizedTest
    @CsvSource({
            "169.254.169.254, 169.254.0.0/16",
            "169.254.0.1, 169.254.0.0/16",
            "169.253.255.255, ",
            "169.255.0.0, ",
            "10.0.0.1, ",
            "fe80::1, fe80::/10",
            "febf:ffff::1, fe80::/10",
            "fec0::1, ",
            "::ffff:169.254.169.254, 169.254.0.0/16",
            "::1, ",
    })
    void theDefaultDeniesLinkLocalOnly(String address, String network) throws UnknownHostException {
        assertEquals(network, AddressPolicy.DEFAULT.deniedNetwork(InetAddress.getByName(address)));
    }

    @Test
    void aLiteralIsRefusedWhenRegistered() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AddressPolicy.DEFAULT.check("http://169.254.169.254"));
        assertEquals("it is in 169.254.0.0/16, a network peers may not be in (setting peer.denyNetworks)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AddressPolicy.DEFAULT.check("http://[fe80::1]:5000"));
        AddressPolicy.DEFAULT.check("http://169.254.example:5000"); // a name: checked when it is resolved
        AddressPolicy.NONE.check("http://169.254.169.254");
    }

    @Test
    void aNameIsRefusedWhenItResolvesIntoADeniedNetwork() throws UnknownHostException {
        AddressPolicy loopbackDenied = AddressPolicy.parse("127.0.0.0/8, ::1/128");
        UnknownHostException e = assertThrows(AddressPolicy.DeniedAddressException.class,
                () -> loopbackDenied.resolver().resolve("localhost"));
        assertEquals("localhost is in 127.0.0.0/8", e.getMessage().replace("::1/128", "127.0.0.0/8"));
        assertEquals(InetAddress.getByName("127.0.0.1"), AddressPolicy.DEFAULT.resolver().resolve("127.0.0.1")[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.0.0", "169.254.0.0/33", "fe80::/129", "example.com/8", "169.254/16", "10.0.0.0/x", " "})
    void anythingButANetworkIsRefused(String entry) {
        assertThrows(IllegalArgumentException.class, () -> AddressPolicy.parse("10.0.0.0/8," + entry));
    }

    @Test
    void noneDeniesNothing() throws UnknownHostException {
        assertEquals(null, AddressPolicy.parse("none").deniedNetwork(InetAddress.getByName("169.254.169.254")));
        assertEquals("none", AddressPolicy.NONE.toString());
        assertEquals(AddressPolicy.DEFAULT_DENIED, AddressPolicy.DEFAULT.toString());
    }
}
