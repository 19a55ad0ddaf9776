package io.postern.orchestrator.receive;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the records of a classic pcap (both byte orders, microsecond and nanosecond magic) or pcapng file
 * (SHB, IDB, EPB, SPB and the obsolete PB; other blocks are skipped), in pure Java. Every error names the
 * byte offset where the bad header or record starts.
 */
final class CaptureFileReader {

    /** Receives each record; {@code data} is reused between calls. */
    interface RecordHandler {
        void record(int linkType, byte[] data, int offset, int length, Instant timestamp);
    }

    private static final int CLASSIC_MICRO = 0xA1B2C3D4;
    private static final int CLASSIC_NANO = 0xA1B23C4D;
    private static final int PCAPNG_SHB = 0x0A0D0D0A;
    private static final int PCAPNG_BOM = 0x1A2B3C4D;
    private static final int BLOCK_IDB = 1;
    private static final int BLOCK_PB = 2;
    private static final int BLOCK_SPB = 3;
    private static final int BLOCK_EPB = 6;
    /** Wireshark's sanity bound for one record. */
    private static final int MAX_RECORD = 256 * 1024;
    private static final int MAX_BLOCK = 16 * 1024 * 1024;

    private final ByteInput in;
    private final byte[] header = new byte[28];
    private byte[] data = new byte[65536];

    private CaptureFileReader(InputStream stream) {
        this.in = new ByteInput(stream);
    }

    /** Reads every record and returns how many there were. */
    static long read(InputStream stream, RecordHandler handler) throws IOException {
        return new CaptureFileReader(stream).readAll(handler);
    }

    private long readAll(RecordHandler handler) throws IOException {
        if (in.fill(4) < 4) {
            throw new PcapFormatException(0, "not a pcap or pcapng file: shorter than 4 bytes");
        }
        in.readFully(header, 0, 4, "file header");
        int magic = (int) FrameParser.u32(header, 0);
        if (magic == PCAPNG_SHB) {
            return readPcapng(handler);
        }
        boolean nano;
        if (magic == CLASSIC_MICRO || magic == CLASSIC_NANO) {
            in.bigEndian = true;
            nano = magic == CLASSIC_NANO;
        } else if (Integer.reverseBytes(magic) == CLASSIC_MICRO || Integer.reverseBytes(magic) == CLASSIC_NANO) {
            in.bigEndian = false;
            nano = Integer.reverseBytes(magic) == CLASSIC_NANO;
        } else {
            throw new PcapFormatException(0, String.format("not a pcap or pcapng file: magic 0x%08x", magic));
        }
        return readClassic(handler, nano);
    }

    private long readClassic(RecordHandler handler, boolean nano) throws IOException {
        in.readFully(header, 4, 20, "pcap file header");
        long snaplen = in.u32(header, 16);
        int linkType = (int) (in.u32(header, 20) & 0xFFFF);
        long count = 0;
        while (in.fill(1) > 0) {
            long at = in.offset();
            in.readFully(header, 0, 16, "packet record header");
            long seconds = in.u32(header, 0);
            long fraction = in.u32(header, 4);
            long captured = in.u32(header, 8);
            if (captured > Math.max(snaplen, MAX_RECORD)) {
                throw new PcapFormatException(at, "packet record length " + captured + " larger than the snap length "
                        + snaplen);
            }
            int n = (int) captured;
            in.readFully(buffer(n), 0, n, "packet record");
            handler.record(linkType, data, 0, n,
                    Instant.ofEpochSecond(seconds, nano ? fraction : fraction * 1_000L));
            count++;
        }
        return count;
    }

    /** One pcapng interface: its link type, snap length and timestamp units per second. */
    private record Interface(int linkType, long snaplen, long unitsPerSecond) {
    }

    private long readPcapng(RecordHandler handler) throws IOException {
        List<Interface> interfaces = new ArrayList<>();
        long count = 0;
        boolean first = true;
        while (first || in.fill(1) > 0) {
            long at = first ? 0 : in.offset();
            if (first) {
                in.readFully(header, 4, 4, "pcapng block header"); // type already read
            } else {
                in.readFully(header, 0, 8, "pcapng block header");
            }
            int rawType = (int) FrameParser.u32(header, 0);
            if (rawType == PCAPNG_SHB) {
                in.readFully(header, 8, 4, "pcapng byte-order magic");
                int bom = (int) FrameParser.u32(header, 8);
                if (bom == PCAPNG_BOM) {
                    in.bigEndian = true;
                } else if (Integer.reverseBytes(bom) == PCAPNG_BOM) {
                    in.bigEndian = false;
                } else {
                    throw new PcapFormatException(at + 8, String.format("bad pcapng byte-order magic 0x%08x", bom));
                }
                interfaces.clear();
            } else if (first) {
                throw new PcapFormatException(0, "pcapng file does not start with a section header block");
            }
            first = false;
            long type = in.u32(header, 0);
            long total = in.u32(header, 4);
            if (total < 12 || total % 4 != 0 || total > MAX_BLOCK) {
                throw new PcapFormatException(at, "bad pcapng block length " + total + " (block type " + type + ")");
            }
            int bodyLength = (int) total - 12;
            if (rawType == PCAPNG_SHB) {
                if (total < 28) {
                    throw new PcapFormatException(at, "pcapng section header block too short: " + total);
                }
                bodyLength -= 4; // its byte-order magic is already in header[8..12)
            }
            byte[] body = buffer(bodyLength);
            in.readFully(body, 0, bodyLength, rawType == PCAPNG_SHB ? "pcapng section header block" : "pcapng block");
            in.readFully(header, 12, 4, "pcapng block trailer");
            if (in.u32(header, 12) != total) {
                throw new PcapFormatException(at, "pcapng block length " + total + " does not match its trailer "
                        + in.u32(header, 12));
            }
            if (type == BLOCK_IDB) {
                interfaces.add(readInterface(body, bodyLength, at));
            } else if (type == BLOCK_EPB || type == BLOCK_PB) {
                count += packetBlock(type, body, bodyLength, at, interfaces, handler);
            } else if (type == BLOCK_SPB) {
                count += simplePacketBlock(body, bodyLength, at, interfaces, handler);
            }
        }
        return count;
    }

    private Interface readInterface(byte[] body, int length, long at) throws PcapFormatException {
        if (length < 8) {
            throw new PcapFormatException(at, "pcapng interface description block too short");
        }
        int linkType = in.u16(body, 0);
        long snaplen = in.u32(body, 4);
        long units = 1_000_000L;
        int pos = 8;
        while (pos + 4 <= length) {
            int code = in.u16(body, pos);
            int optionLength = in.u16(body, pos + 2);
            if (code == 0) {
                break;
            }
            if (pos + 4 + optionLength > length) {
                throw new PcapFormatException(at, "pcapng option " + code + " runs past its block");
            }
            if (code == 9 && optionLength >= 1) { // if_tsresol
                int r = body[pos + 4] & 0xFF;
                int exponent = r & 0x7F;
                if ((r & 0x80) != 0 ? exponent > 62 : exponent > 18) {
                    throw new PcapFormatException(at, "pcapng if_tsresol out of range: " + r);
                }
                units = (r & 0x80) != 0 ? 1L << exponent : pow10(exponent);
            }
            pos += 4 + ((optionLength + 3) & ~3);
        }
        return new Interface(linkType, snaplen, units);
    }

    private int packetBlock(long type, byte[] body, int length, long at, List<Interface> interfaces,
            RecordHandler handler) throws PcapFormatException {
        if (length < 20) {
            throw new PcapFormatException(at, "pcapng packet block too short");
        }
        int ifIndex = type == BLOCK_EPB ? (int) in.u32(body, 0) : in.u16(body, 0);
        Interface nif = iface(interfaces, ifIndex, at);
        long ts = (in.u32(body, 4) << 32) | in.u32(body, 8);
        long captured = in.u32(body, 12);
        if (captured > length - 20) {
            throw new PcapFormatException(at, "pcapng captured length " + captured + " larger than its block");
        }
        handler.record(nif.linkType(), body, 20, (int) captured, timestamp(ts, nif.unitsPerSecond()));
        return 1;
    }

    private int simplePacketBlock(byte[] body, int length, long at, List<Interface> interfaces,
            RecordHandler handler) throws PcapFormatException {
        if (length < 4) {
            throw new PcapFormatException(at, "pcapng simple packet block too short");
        }
        Interface nif = iface(interfaces, 0, at);
        long captured = Math.min(in.u32(body, 0), length - 4);
        if (nif.snaplen() > 0) {
            captured = Math.min(captured, nif.snaplen());
        }
        handler.record(nif.linkType(), body, 4, (int) captured, Instant.EPOCH);
        return 1;
    }

    private static Interface iface(List<Interface> interfaces, int index, long at) throws PcapFormatException {
        if (index < 0 || index >= interfaces.size()) {
            throw new PcapFormatException(at, "pcapng packet for undeclared interface " + index);
        }
        return interfaces.get(index);
    }

    static Instant timestamp(long ticks, long unitsPerSecond) {
        long seconds = Long.divideUnsigned(ticks, unitsPerSecond);
        long rest = Long.remainderUnsigned(ticks, unitsPerSecond);
        long nanos = unitsPerSecond <= 1_000_000_000L && 1_000_000_000L % unitsPerSecond == 0
                ? rest * (1_000_000_000L / unitsPerSecond)
                : (long) ((double) rest * 1e9 / unitsPerSecond);
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static long pow10(int exponent) {
        long v = 1;
        for (int i = 0; i < exponent; i++) {
            v *= 10;
        }
        return v;
    }

    private byte[] buffer(int n) {
        if (data.length < n) {
            data = new byte[Math.max(n, data.length * 2)];
        }
        return data;
    }
}
