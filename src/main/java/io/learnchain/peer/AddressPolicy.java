package io.learnchain.peer;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Networks a peer may not be in (setting {@code peer.denyNetworks}): by default the link-local
 * ones, where cloud metadata services answer, so that registering a peer cannot turn a node into
 * a way to reach them. Checked twice: when a peer given as an address literal is registered, and
 * at every connection, against what a host name resolves to (a name can point anywhere).
 * Immutable and thread-safe.
 */
public final class AddressPolicy {
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** IPv4 and IPv6 link-local. */
    public static final String DEFAULT_DENIED = "169.254.0.0/16,fe80::/10";
    /** Denies nothing. */
    public static final AddressPolicy NONE = new AddressPolicy(List.of());
    public static final AddressPolicy DEFAULT = parse(DEFAULT_DENIED);

    private record Network(byte[] prefix, int bits, String text) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit += 8) {
                int mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
                if ((bytes[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Network> denied;

    private AddressPolicy(List<Network> denied) {
        this.denied = List.copyOf(denied);
    }

    /**
     * Reads a comma-separated list of networks in CIDR notation ({@code 169.254.0.0/16,fe80::/10}),
     * or {@code none}.
     *
     * @throws IllegalArgumentException naming the entry that is not a network
     */
    public static AddressPolicy parse(String list) {
        if (list.strip().equalsIgnoreCase("none")) {
            return NONE;
        }
        List<Network> networks = new ArrayList<>();
        for (String entry : list.split(",")) {
            String text = entry.strip();
            int slash = text.indexOf('/');
            try {
                if (slash < 0 || !(IPV4_LITERAL.matcher(text.substring(0, slash)).matches() || text.indexOf(':') >= 0)) {
                    throw new IllegalArgumentException();
                }
                byte[] prefix = InetAddress.getByName(text.substring(0, slash)).getAddress(); // a literal: no lookup
                int bits = Integer.parseInt(text.substring(slash + 1));
                if (bits < 0 || bits > prefix.length * 8) {
                    throw new IllegalArgumentException();
                }
                networks.add(new Network(prefix, bits, text));
            } catch (IllegalArgumentException | UnknownHostException e) {
                throw new IllegalArgumentException("'" + text + "' is not a network such as 169.254.0.0/16 or fe80::/10");
            }
        }
        return new AddressPolicy(networks);
    }

    /** The denied network {@code address} is in, or null when it may be a peer. */
    public String deniedNetwork(InetAddress address) {
        for (Network network : denied) {
            if (network.contains(address)) {
                return network.text();
            }
        }
        return null;
    }

    /**
     * The denied network a peer's host is in when the host is an address literal, else null:
     * names are checked when they are resolved, at each connection.
     */
    String deniedLiteral(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!IPV4_LITERAL.matcher(literal).matches() && literal.indexOf(':') < 0) {
            return null;
        }
        try {
            return deniedNetwork(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return null; // not a literal after all; the connection's lookup decides
        }
    }

    /**
     * Refuses a peer's base URL (from {@link PeerAddress#baseUrl}) whose host is a literal address in a denied network.
     *
     * @throws IllegalArgumentException saying which network
     */
    public void check(String baseUrl) {
        String network = deniedLiteral(java.net.URI.create(baseUrl).getHost());
        if (network != null) {
            throw new IllegalArgumentException("it is in " + network + ", a network peers may not be in (setting peer.denyNetworks)");
        }
    }

    /** Resolves as the system does, then refuses a host whose every address is denied. */
    public DnsResolver resolver() {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                InetAddress[] all = SystemDefaultDnsResolver.INSTANCE.resolve(host);
                List<InetAddress> allowed = new ArrayList<>(all.length);
                String deniedIn = null;
                for (InetAddress address : all) {
                    String network = deniedNetwork(address);
                    if (network == null) {
                        allowed.add(address);
                    } else {
                        deniedIn = network;
                    }
                }
                if (allowed.isEmpty() && deniedIn != null) {
                    throw new DeniedAddressException(host + " is in " + deniedIn);
                }
                return allowed.toArray(InetAddress[]::new);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
            }
        };
    }

    @Override
    public String toString() {
        return denied.isEmpty() ? "none" : String.join(",", denied.stream().map(Network::text).toList());
    }

    /** A peer's host resolved only to addresses in denied networks. */
    public static final class DeniedAddressException extends UnknownHostException {
        DeniedAddressException(String message) {
            super(message);
        }
    }
}
