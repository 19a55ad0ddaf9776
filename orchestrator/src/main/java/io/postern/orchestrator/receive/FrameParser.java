package io.postern.orchestrator.receive;

import io.postern.orchestrator.receive.Frame.Status;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Takes a captured frame apart: link layer, IPv4/IPv6, UDP/TCP, down to the payload fwknopd would take
 * ({@code server/process_packet.c}: the bytes after the UDP or TCP header). Pure and stateless; both live capture
 * and capture files use it, so they agree on every frame.
 *
 * <p>Link types (tcpdump.org numbering): {@link #NULL} (0), {@link #ETHERNET} (1, with 802.1Q/802.1ad tags),
 * {@link #RAW} (101, and DLT_RAW 12/14), {@link #LOOP} (108), {@link #LINUX_SLL} (113), {@link #IPV4} (228),
 * {@link #IPV6} (229), {@link #LINUX_SLL2} (276). IPv4 and IPv6 (fwknopd takes IPv4 only); IPv6 extension
 * headers are skipped; fragments are not reassembled.
 */
public final class FrameParser {

    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int RAW = 101;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;
    /** DLT_RAW as some platforms number it in live captures. */
    private static final int DLT_RAW_12 = 12;
    private static final int DLT_RAW_14 = 14;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;
    private static final int ETHERTYPE_VLAN = 0x8100;
    private static final int ETHERTYPE_QINQ = 0x88A8;
    private static final int ETHERTYPE_QINQ_OLD = 0x9100;
    private static final int MAX_VLAN_TAGS = 4;

    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;

    private FrameParser() {
    }

    /** True for the link types {@link #parse} understands. */
    public static boolean supports(int linkType) {
        return switch (linkType) {
            case NULL, ETHERNET, RAW, DLT_RAW_12, DLT_RAW_14, LOOP, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }

    /**
     * Parses one frame.
     *
     * @param linkType the capture's link type
     * @param data     the captured bytes
     * @param offset   where the frame starts in {@code data}
     * @param length   captured length
     * @param filter   which transports and destination ports to keep
     * @return the payload location and addresses, or why there is none; never null
     */
    public static Frame parse(int linkType, byte[] data, int offset, int length, PortFilter filter) {
        if (offset < 0 || length < 0 || offset + length > data.length) {
            throw new IndexOutOfBoundsException("frame " + offset + "+" + length + " outside " + data.length);
        }
        int end = offset + length;
        int ipStart;
        int etherType;
        switch (linkType) {
            case ETHERNET -> {
                if (length < 14) {
                    return Frame.skipped(Status.TRUNCATED);
                }
                ipStart = offset + 14;
                etherType = u16(data, offset + 12);
                for (int tags = 0; isVlan(etherType); tags++) {
                    if (tags == MAX_VLAN_TAGS) {
                        return Frame.skipped(Status.MALFORMED);
                    }
                    if (ipStart + 4 > end) {
                        return Frame.skipped(Status.TRUNCATED);
                    }
                    etherType = u16(data, ipStart + 2);
                    ipStart += 4;
                }
            }
            case LINUX_SLL -> {
                if (length < 16) {
                    return Frame.skipped(Status.TRUNCATED);
                }
                ipStart = offset + 16;
                etherType = u16(data, offset + 14);
            }
            case LINUX_SLL2 -> {
                if (length < 20) {
                    return Frame.skipped(Status.TRUNCATED);
                }
                ipStart = offset + 20;
                etherType = u16(data, offset);
            }
            case NULL, LOOP -> {
                if (length < 4) {
                    return Frame.skipped(Status.TRUNCATED);
                }
                ipStart = offset + 4;
                etherType = familyToEtherType(data, offset);
            }
            case RAW, DLT_RAW_12, DLT_RAW_14, IPV4, IPV6 -> {
                ipStart = offset;
                etherType = versionToEtherType(data, offset, end);
            }
            default -> {
                return Frame.skipped(Status.UNSUPPORTED_LINK_TYPE);
            }
        }
        if (etherType == ETHERTYPE_IPV4) {
            return ipv4(data, ipStart, end, filter);
        }
        if (etherType == ETHERTYPE_IPV6) {
            return ipv6(data, ipStart, end, filter);
        }
        return Frame.skipped(ipStart >= end ? Status.TRUNCATED : Status.NOT_IP);
    }

    private static boolean isVlan(int etherType) {
        return etherType == ETHERTYPE_VLAN || etherType == ETHERTYPE_QINQ || etherType == ETHERTYPE_QINQ_OLD;
    }

    /** BSD loopback: the address family in host order (NULL) or network order (LOOP); AF_INET6 differs by OS. */
    private static int familyToEtherType(byte[] data, int offset) {
        int be = (int) u32(data, offset);
        int le = Integer.reverseBytes(be);
        int family = (be & 0xFFFF0000) == 0 ? be : le;
        return switch (family) {
            case 2 -> ETHERTYPE_IPV4;
            case 10, 24, 28, 30 -> ETHERTYPE_IPV6;
            default -> -1;
        };
    }

    private static int versionToEtherType(byte[] data, int at, int end) {
        if (at >= end) {
            return -1;
        }
        return switch ((data[at] & 0xF0) >>> 4) {
            case 4 -> ETHERTYPE_IPV4;
            case 6 -> ETHERTYPE_IPV6;
            default -> -1;
        };
    }

    private static Frame ipv4(byte[] data, int at, int end, PortFilter filter) {
        if (at + 20 > end) {
            return Frame.skipped(Status.TRUNCATED);
        }
        int version = (data[at] & 0xF0) >>> 4;
        int headerLength = (data[at] & 0x0F) * 4;
        int totalLength = u16(data, at + 2);
        if (version != 4 || headerLength < 20 || totalLength < headerLength) {
            return Frame.skipped(Status.MALFORMED);
        }
        int flagsAndOffset = u16(data, at + 6);
        if ((flagsAndOffset & 0x2000) != 0 || (flagsAndOffset & 0x1FFF) != 0) {
            return Frame.skipped(Status.FRAGMENT);
        }
        if (at + headerLength > end) {
            return Frame.skipped(Status.TRUNCATED);
        }
        int ipEnd = at + totalLength;
        byte[] src = Arrays.copyOfRange(data, at + 12, at + 16);
        byte[] dst = Arrays.copyOfRange(data, at + 16, at + 20);
        return transport(data[at + 9] & 0xFF, data, at + headerLength, ipEnd, end, src, dst, filter);
    }

    private static Frame ipv6(byte[] data, int at, int end, PortFilter filter) {
        if (at + 40 > end) {
            return Frame.skipped(Status.TRUNCATED);
        }
        if ((data[at] & 0xF0) >>> 4 != 6) {
            return Frame.skipped(Status.MALFORMED);
        }
        int ipEnd = at + 40 + u16(data, at + 4);
        int next = data[at + 6] & 0xFF;
        int pos = at + 40;
        while (next == 0 || next == 43 || next == 60 || next == 44) {
            if (pos + 8 > end) {
                return Frame.skipped(Status.TRUNCATED);
            }
            if (next == 44) {
                int fragment = u16(data, pos + 2);
                if ((fragment & 0xFFF9) != 0) { // offset != 0 or M set; an atomic fragment is a whole packet
                    return Frame.skipped(Status.FRAGMENT);
                }
                next = data[pos] & 0xFF;
                pos += 8;
            } else {
                next = data[pos] & 0xFF;
                pos += 8 + (data[pos + 1] & 0xFF) * 8;
            }
        }
        if (pos > ipEnd) {
            return Frame.skipped(Status.MALFORMED);
        }
        byte[] src = Arrays.copyOfRange(data, at + 8, at + 24);
        byte[] dst = Arrays.copyOfRange(data, at + 24, at + 40);
        return transport(next, data, pos, ipEnd, end, src, dst, filter);
    }

    /**
     * @param at    start of the UDP/TCP header
     * @param ipEnd end of the IP packet by its length field
     * @param end   end of the captured bytes
     */
    private static Frame transport(int protocol, byte[] data, int at, int ipEnd, int end, byte[] src, byte[] dst,
            PortFilter filter) {
        Transport transport;
        int headerLength;
        int segmentEnd = ipEnd;
        if (protocol == PROTO_UDP) {
            transport = Transport.UDP;
            headerLength = 8;
            if (at + 8 > end) {
                return Frame.skipped(Status.TRUNCATED);
            }
            int udpLength = u16(data, at + 4);
            if (udpLength < 8 || at + udpLength > ipEnd) {
                return Frame.skipped(Status.MALFORMED);
            }
            segmentEnd = at + udpLength;
        } else if (protocol == PROTO_TCP) {
            transport = Transport.TCP;
            if (at + 20 > end) {
                return Frame.skipped(Status.TRUNCATED);
            }
            headerLength = ((data[at + 12] & 0xF0) >>> 4) * 4;
            if (headerLength < 20 || at + headerLength > ipEnd) {
                return Frame.skipped(Status.MALFORMED);
            }
        } else {
            return Frame.skipped(Status.OTHER_PROTOCOL);
        }
        int srcPort = u16(data, at);
        int dstPort = u16(data, at + 2);
        if (!filter.accepts(transport, dstPort)) {
            return Frame.skipped(Status.FILTERED);
        }
        if (segmentEnd > end || at + headerLength > end) {
            return Frame.skipped(Status.TRUNCATED);
        }
        int payloadOffset = at + headerLength;
        if (payloadOffset == segmentEnd) {
            return Frame.skipped(Status.EMPTY);
        }
        return new Frame(Status.PAYLOAD, transport, socketAddress(src, srcPort), socketAddress(dst, dstPort),
                payloadOffset, segmentEnd - payloadOffset);
    }

    private static InetSocketAddress socketAddress(byte[] address, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(address), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of length " + address.length, e);
        }
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
    }

    static long u32(byte[] b, int at) {
        return ((long) u16(b, at) << 16) | u16(b, at + 2);
    }
}
