"""The file formats of SPEC.md, written out independently for the tests."""

import hashlib
import struct
import subprocess
import zlib

FOOTER = struct.Struct("<QIQIQQ8s")


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def read_varint(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7


def entry(key, seq, kind, value=None):
    out = varint(len(key)) + key + struct.pack("<QB", seq, kind)
    if kind == 1:
        out += varint(len(value)) + value
    return out


def record(payload, crc=None):
    if crc is None:
        crc = zlib.crc32(payload) & 0xFFFFFFFF
    return struct.pack("<II", len(payload), crc) + payload


def parse_entries(payload):
    out = []
    pos = 0
    while pos < len(payload):
        klen, pos = read_varint(payload, pos)
        key = payload[pos : pos + klen]
        pos += klen
        seq, kind = struct.unpack_from("<QB", payload, pos)
        pos += 9
        value = None
        if kind == 1:
            vlen, pos = read_varint(payload, pos)
            value = payload[pos : pos + vlen]
            pos += vlen
        out.append((key, seq, kind, value))
    return out, pos


def parse_wal(data):
    out = []
    pos = 0
    while pos < len(data):
        length, crc = struct.unpack_from("<II", data, pos)
        payload = data[pos + 8 : pos + 8 + length]
        assert zlib.crc32(payload) & 0xFFFFFFFF == crc
        entries, used = parse_entries(payload)
        assert used == length and len(entries) == 1
        out.append(entries[0])
        pos += 8 + length
    return out


def checked(data, off, length):
    payload = data[off : off + length]
    (crc,) = struct.unpack_from("<I", data, off + length)
    assert zlib.crc32(payload) & 0xFFFFFFFF == crc
    return payload


def parse_table(data):
    """Return (blocks: list of entry lists, footer fields, bloom (nbits, nhashes, bits))."""
    idx_off, idx_len, bl_off, bl_len, count, max_seq, magic = FOOTER.unpack_from(
        data, len(data) - FOOTER.size
    )
    assert magic == b"TLSMSST1"
    index = checked(data, idx_off, idx_len)
    blocks = []
    pos = 0
    expected_off = 0
    while pos < len(index):
        klen, pos = read_varint(index, pos)
        last_key = index[pos : pos + klen]
        pos += klen
        off, length = struct.unpack_from("<QI", index, pos)
        pos += 12
        assert off == expected_off
        entries, used = parse_entries(checked(data, off, length))
        assert used == length
        assert entries[-1][0] == last_key
        blocks.append(entries)
        expected_off = off + length + 4
    assert idx_off == expected_off
    assert bl_off == idx_off + idx_len + 4
    bloom = checked(data, bl_off, bl_len)
    nbits, nhashes = struct.unpack_from("<IB", bloom, 0)
    assert bl_off + bl_len + 4 + FOOTER.size == len(data)
    return blocks, (count, max_seq), (nbits, nhashes, bloom[5:])


def bloom_positions(key, nbits, nhashes):
    d = hashlib.sha256(key).digest()
    h1 = int.from_bytes(d[0:8], "little")
    h2 = int.from_bytes(d[8:16], "little") | 1
    return [(h1 + i * h2) % nbits for i in range(nhashes)]


AGENT_WRITE = (
    "import sys\n"
    "mode = sys.argv[2]\n"
    "data = bytes.fromhex(sys.argv[3])\n"
    "if mode == 'patch':\n"
    "    off = int(sys.argv[4])\n"
    "    with open(sys.argv[1], 'r+b') as f:\n"
    "        f.seek(off if off >= 0 else f.seek(0, 2) + off)\n"
    "        f.write(data)\n"
    "else:\n"
    "    with open(sys.argv[1], 'ab' if mode == 'append' else 'wb') as f:\n"
    "        f.write(data)\n"
)


def agent_write(path, data, mode="write", offset=0):
    """Change a file of the database as the agent's uid (the files are the agent's)."""
    subprocess.run(["python3", "-c", AGENT_WRITE, str(path), mode, data.hex(), str(offset)], check=True)
