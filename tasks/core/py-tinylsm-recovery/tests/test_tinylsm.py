import json
import os
import random
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
import tinylsm
from lsmfmt import (
    agent_write,
    bloom_positions,
    entry,
    parse_table,
    parse_wal,
    record,
)
from tinylsm import DB, ClosedError, CorruptionError

WORKSPACE = Path(__file__).resolve().parent.parent


def dbpath(tmp_path):
    return str(tmp_path / "db")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def manifest_text(path):
    with open(os.path.join(path, "MANIFEST"), encoding="utf-8") as f:
        return f.read()


def table_file(path, table_id):
    return os.path.join(path, f"{table_id:06d}.sst")


def table_entries(path, table_id):
    blocks, _, _ = parse_table(read(table_file(path, table_id)))
    return [e for b in blocks for e in b]


# -- basic API ---------------------------------------------------------------------------------


def test_values_are_exact_bytes(tmp_path):
    with DB(dbpath(tmp_path)) as db:
        db.put(b"k", b"")
        db.put(b"\x00\xff", b"\x01" * 300)
        got = db.get(b"k")
        assert type(got) is bytes and got == b""
        assert db.get(b"\x00\xff") == b"\x01" * 300
        assert db.get(b"missing") is None
        rows = db.scan()
        assert type(rows) is list
        assert rows == [(b"\x00\xff", b"\x01" * 300), (b"k", b"")]
        assert all(type(r) is tuple and type(r[0]) is bytes and type(r[1]) is bytes for r in rows)


def test_overwrite_and_delete_absent(tmp_path):
    with DB(dbpath(tmp_path)) as db:
        db.put(b"a", b"1")
        db.put(b"a", b"2")
        db.delete(b"zz")
        assert db.get(b"a") == b"2"
        assert db.last_seq == 3
        st = db.stats()
        assert st == {
            "last_seq": 3,
            "memtable_entries": 2,
            "memtable_bytes": (1 + 1 + 16) * 2 + (2 + 16),
            "tables": [],
            "table_entries": [],
        }


@pytest.mark.parametrize(
    ("key", "value", "exc"),
    [
        ("a", b"v", TypeError),
        (bytearray(b"a"), b"v", TypeError),
        (1, b"v", TypeError),
        (None, b"v", TypeError),
        (b"a", "v", TypeError),
        (b"a", bytearray(b"v"), TypeError),
        (b"a", None, TypeError),
        (b"", b"v", ValueError),
        (b"x" * 1025, b"v", ValueError),
        (b"a", b"x" * (1 << 20 | 1), ValueError),
    ],
)
def test_put_rejects_bad_input_without_writing(tmp_path, key, value, exc):
    with DB(dbpath(tmp_path)) as db:
        db.put(b"first", b"1")
        with pytest.raises(exc):
            db.put(key, value)
        assert db.last_seq == 1
        assert db.stats()["memtable_entries"] == 1
    with DB(dbpath(tmp_path)) as db:
        assert db.last_seq == 1
        assert db.scan() == [(b"first", b"1")]


def test_limits_are_inclusive(tmp_path):
    with DB(dbpath(tmp_path), memtable_limit=1 << 22) as db:
        db.put(b"x" * 1024, b"y" * (1 << 20))
        db.put(b"e", b"")
        assert db.get(b"x" * 1024) == b"y" * (1 << 20)
        assert db.last_seq == 2


@pytest.mark.parametrize(("key", "exc"), [("a", TypeError), (b"", ValueError), (b"k" * 1025, ValueError)])
def test_get_and_delete_validate_keys(tmp_path, key, exc):
    with DB(dbpath(tmp_path)) as db:
        with pytest.raises(exc):
            db.get(key)
        with pytest.raises(exc):
            db.delete(key)
        assert db.last_seq == 0


@pytest.mark.parametrize(
    ("opts", "exc"),
    [
        ({"memtable_limit": 0}, ValueError),
        ({"block_size": 0}, ValueError),
        ({"max_tables": 0}, ValueError),
        ({"merge_width": 1}, ValueError),
        ({"memtable_limit": 1.5}, TypeError),
        ({"block_size": "64"}, TypeError),
    ],
)
def test_bad_options(tmp_path, opts, exc):
    with pytest.raises(exc):
        DB(dbpath(tmp_path), **opts)


def test_smallest_options_accepted(tmp_path):
    with DB(dbpath(tmp_path), memtable_limit=1, block_size=1, max_tables=1, merge_width=2) as db:
        db.put(b"a", b"1")
        db.put(b"b", b"2")
        db.delete(b"a")
        assert db.scan() == [(b"b", b"2")]
        assert len(db.stats()["tables"]) <= 1


def test_scan_bounds(tmp_path):
    with DB(dbpath(tmp_path), memtable_limit=200, block_size=32) as db:
        for i in range(0, 40, 2):
            db.put(b"k%02d" % i, b"%d" % i)
        db.delete(b"k10")
        full = [(b"k%02d" % i, b"%d" % i) for i in range(0, 40, 2) if i != 10]
        assert db.scan() == full
        assert db.scan(b"k04") == [r for r in full if r[0] >= b"k04"]
        assert db.scan(b"k05") == [r for r in full if r[0] >= b"k05"]
        assert db.scan(None, b"k08") == [r for r in full if r[0] < b"k08"]
        assert db.scan(b"k08", b"k14") == [(b"k08", b"8"), (b"k12", b"12")]
        assert db.scan(b"k14", b"k14") == []
        assert db.scan(b"k20", b"k10") == []
        assert db.scan(b"z") == []
        with pytest.raises(TypeError):
            db.scan("k00")
        with pytest.raises(TypeError):
            db.scan(None, 5)


def test_closed_database(tmp_path):
    db = DB(dbpath(tmp_path))
    db.put(b"a", b"1")
    db.close()
    db.close()
    for call, args in [
        ("put", (b"a", b"2")),
        ("get", (b"a",)),
        ("delete", (b"a",)),
        ("scan", ()),
        ("flush", ()),
        ("compact", ()),
        ("stats", ()),
    ]:
        with pytest.raises(ClosedError):
            getattr(db, call)(*args)
    assert issubclass(ClosedError, tinylsm.TinyLSMError)
    assert issubclass(CorruptionError, tinylsm.TinyLSMError)


def test_creates_nested_directory(tmp_path):
    path = str(tmp_path / "a" / "b" / "db")
    with DB(path) as db:
        db.put(b"k", b"v")
    assert os.path.isdir(path)


# -- flush trigger and tables ----------------------------------------------------------------------


def test_flush_trigger_counts_bytes_exactly(tmp_path):
    with DB(dbpath(tmp_path), memtable_limit=100) as db:
        db.put(b"k", b"x" * 50)  # 67
        assert db.stats()["memtable_bytes"] == 67
        assert db.stats()["tables"] == []
        db.delete(b"abc")  # 67 + 19 = 86
        assert db.stats()["memtable_bytes"] == 86
        db.put(b"k", b"")  # 86 + 17 = 103 -> flush
        st = db.stats()
        assert st["tables"] == [1]
        assert st["table_entries"] == [2]
        assert st["memtable_bytes"] == 0
        assert st["memtable_entries"] == 0
        db.put(b"q", b"y" * 83)  # exactly 100 -> flush
        assert db.stats()["tables"] == [1, 2]
        db.put(b"q", b"y" * 81)  # 98: no flush
        assert db.stats()["tables"] == [1, 2]
        assert db.get(b"k") == b""
        assert db.get(b"abc") is None


def test_replay_counts_but_does_not_flush(tmp_path):
    with DB(dbpath(tmp_path), memtable_limit=1000) as db:
        for i in range(10):
            db.put(b"key%d" % i, b"v" * 10)  # 30 each
    with DB(dbpath(tmp_path), memtable_limit=100) as db:
        st = db.stats()
        assert st["tables"] == []
        assert st["memtable_bytes"] == 300
        assert st["memtable_entries"] == 10
        db.put(b"z", b"")
        assert db.stats()["tables"] == [1]
        assert db.stats()["table_entries"] == [11]


def test_flush_of_empty_memtable_writes_nothing(tmp_path):
    with DB(dbpath(tmp_path)) as db:
        db.flush()
        db.compact()
        assert db.stats()["tables"] == []
        db.put(b"a", b"1")
        db.flush()
        db.flush()
        assert db.stats()["tables"] == [1]


@pytest.mark.parametrize("block_size", [1, 7, 40, 64, 100, 4096])
def test_every_key_found_after_flush(tmp_path, block_size):
    keys = [b"user:%04d" % i for i in range(0, 600, 3)]
    with DB(dbpath(tmp_path), block_size=block_size) as db:
        for k in keys:
            db.put(k, k[::-1])
        db.flush()
        for k in keys:
            assert db.get(k) == k[::-1], k
        for i in range(1, 600, 3):
            assert db.get(b"user:%04d" % i) is None
        assert db.get(b"user:") is None
        assert db.get(b"zzz") is None
        assert db.get(b"a") is None
        assert db.scan() == [(k, k[::-1]) for k in keys]
        assert db.scan(keys[17], keys[40]) == [(k, k[::-1]) for k in keys[17:40]]


@pytest.mark.parametrize("block_size", [1, 50, 128, 1000])
def test_table_layout_follows_spec(tmp_path, block_size):
    rng = random.Random(block_size)
    model = {}
    with DB(dbpath(tmp_path), block_size=block_size) as db:
        for i in range(300):
            k = b"k%03d" % rng.randrange(150)
            if rng.random() < 0.2:
                db.delete(k)
                model[k] = (i + 1, 2, None)
            else:
                v = bytes(rng.randrange(256) for _ in range(rng.randrange(0, 20)))
                db.put(k, v)
                model[k] = (i + 1, 1, v)
        db.flush()
        assert db.stats()["tables"] == [1]
    data = read(table_file(dbpath(tmp_path), 1))
    blocks, (count, max_seq), (nbits, nhashes, bits) = parse_table(data)
    flat = [e for b in blocks for e in b]
    assert flat == [(k,) + model[k] for k in sorted(model)]
    assert count == len(model)
    assert max_seq == 300
    for b in blocks[:-1]:
        sizes = [len(entry(*e)) for e in b]
        assert sum(sizes) >= block_size
        assert sum(sizes) - sizes[-1] < block_size
    assert sum(len(entry(*e)) for e in blocks[-1][:-1]) < block_size
    assert nbits == max(64, 10 * count)
    assert nhashes == 7
    assert len(bits) == (nbits + 7) // 8
    expected = bytearray(len(bits))
    for k in model:
        for p in bloom_positions(k, nbits, nhashes):
            expected[p // 8] |= 1 << (p % 8)
    assert bytes(bits) == bytes(expected)


def test_small_table_bloom_has_minimum_bits(tmp_path):
    with DB(dbpath(tmp_path)) as db:
        db.put(b"only", b"1")
        db.flush()
    _, (count, max_seq), (nbits, nhashes, bits) = parse_table(read(table_file(dbpath(tmp_path), 1)))
    assert (count, max_seq, nbits, nhashes, len(bits)) == (1, 1, 64, 7, 8)


def test_get_prefers_newest_table(tmp_path):
    with DB(dbpath(tmp_path), max_tables=10) as db:
        db.put(b"a", b"1")
        db.put(b"b", b"1")
        db.flush()
        db.put(b"a", b"2")
        db.delete(b"b")
        db.flush()
        db.put(b"a", b"3")
        assert db.get(b"a") == b"3"
        assert db.get(b"b") is None
        db.flush()
        assert db.stats()["tables"] == [1, 2, 3]
        assert db.get(b"a") == b"3"
        assert db.get(b"b") is None
        assert db.scan() == [(b"a", b"3")]


# -- sequence numbers and the manifest -------------------------------------------------------------


def test_manifest_text(tmp_path):
    path = dbpath(tmp_path)
    with DB(path, max_tables=10) as db:
        db.put(b"a", b"1")
        db.put(b"b", b"2")
        db.flush()
        db.delete(b"a")
        db.flush()
        db.put(b"c", b"3")
    assert manifest_text(path) == ("tinylsm-manifest 1\nnext_id 3\nlast_seq 3\ntable 1 2 2\ntable 2 1 3\n")


def test_last_seq_survives_dropped_tombstones(tmp_path):
    path = dbpath(tmp_path)
    with DB(path) as db:
        db.put(b"a", b"1")
        db.put(b"b", b"2")
        db.delete(b"b")
        db.delete(b"c")
        db.compact()
        assert db.last_seq == 4
        assert db.stats()["table_entries"] == [1]
    assert manifest_text(path) == "tinylsm-manifest 1\nnext_id 3\nlast_seq 4\ntable 2 1 1\n"
    with DB(path) as db:
        assert db.last_seq == 4
        db.put(b"a", b"new")
        assert db.last_seq == 5
        db.flush()
    assert table_entries(path, 3) == [(b"a", 5, 1, b"new")]


def test_last_seq_survives_everything_deleted(tmp_path):
    path = dbpath(tmp_path)
    with DB(path) as db:
        db.put(b"a", b"1")
        db.delete(b"a")
        db.compact()
        assert db.stats()["tables"] == []
    with DB(path) as db:
        assert db.last_seq == 2
        db.put(b"b", b"x")
        assert db.last_seq == 3


def test_updates_after_restart_win(tmp_path):
    path = dbpath(tmp_path)
    with DB(path, max_tables=10) as db:
        for i in range(50):
            db.put(b"k%02d" % i, b"old")
        db.flush()
    with DB(path, max_tables=10) as db:
        assert db.last_seq == 50
        for i in range(0, 50, 5):
            db.put(b"k%02d" % i, b"new")
        db.delete(b"k01")
        assert db.last_seq == 61
        expect = {b"k%02d" % i: (b"new" if i % 5 == 0 else b"old") for i in range(50)}
        del expect[b"k01"]
        assert db.scan() == sorted(expect.items())
        db.flush()
        assert db.scan() == sorted(expect.items())
        db.compact()
        assert db.scan() == sorted(expect.items())
        assert db.get(b"k05") == b"new"
        assert db.get(b"k01") is None
    with DB(path) as db:
        assert db.scan() == sorted(expect.items())
        assert db.last_seq == 61


@pytest.mark.parametrize(
    "text",
    [
        "",
        "tinylsm-manifest 2\nnext_id 1\nlast_seq 0\n",
        "tinylsm-manifest 1\n",
        "tinylsm-manifest 1\nnext_id 1\n",
        "tinylsm-manifest 1\nnext_id x\nlast_seq 0\n",
        "tinylsm-manifest 1\nnext_id 2\nlast_seq -1\n",
        "tinylsm-manifest 1\nlast_seq 0\nnext_id 1\n",
        "tinylsm-manifest 1\nnext_id 2\nlast_seq 5\ntable 2 1 1\n",
        "tinylsm-manifest 1\nnext_id 3\nlast_seq 5\ntable 1 1 1\ntable 1 1 1\n",
        "tinylsm-manifest 1\nnext_id 3\nlast_seq 5\ntable 1 1 6\n",
        "tinylsm-manifest 1\nnext_id 3\nlast_seq 5\ntable 1 1\n",
        "tinylsm-manifest 1\nnext_id 3\nlast_seq 5\ntabel 1 1 1\n",
    ],
    ids=[
        "empty",
        "version",
        "no-next-id",
        "no-last-seq",
        "bad-next-id",
        "negative-last-seq",
        "swapped-lines",
        "id-not-below-next",
        "duplicate-id",
        "max-seq-above-last-seq",
        "short-table-line",
        "misspelt",
    ],
)
def test_bad_manifest_is_corruption(tmp_path, text):
    path = dbpath(tmp_path)
    with DB(path) as db:
        db.put(b"a", b"1")
        db.flush()
    agent_write(os.path.join(path, "MANIFEST"), text.encode())
    with pytest.raises(CorruptionError):
        DB(path)


def test_manifest_accepts_table_at_last_seq(tmp_path):
    path = dbpath(tmp_path)
    with DB(path) as db:
        db.put(b"a", b"1")
        db.put(b"b", b"2")
        db.flush()
    agent_write(os.path.join(path, "MANIFEST"), b"tinylsm-manifest 1\nnext_id 5\nlast_seq 2\ntable 1 2 2\n")
    with DB(path) as db:
        assert db.scan() == [(b"a", b"1"), (b"b", b"2")]
        db.put(b"c", b"3")
        db.flush()
        assert db.stats()["tables"] == [1, 5]
        assert db.last_seq == 3


def test_orphans_removed_on_open(tmp_path):
    path = dbpath(tmp_path)
    with DB(path) as db:
        db.put(b"a", b"1")
        db.flush()
    agent_write(os.path.join(path, "000009.sst"), b"junk")
    agent_write(os.path.join(path, "000001.sst.tmp"), b"junk")
    agent_write(os.path.join(path, "notes.txt"), b"keep me")
    with DB(path) as db:
        assert db.get(b"a") == b"1"
    names = set(os.listdir(path))
    assert {"000001.sst", "MANIFEST", "notes.txt", "wal.log"} <= names
    assert "000009.sst" not in names and "000001.sst.tmp" not in names


# -- corruption of tables --------------------------------------------------------------------------


def _one_table(tmp_path, n=200, block_size=64):
    path = dbpath(tmp_path)
    with DB(path, block_size=block_size) as db:
        for i in range(n):
            db.put(b"key%03d" % i, b"value%03d" % i)
        db.flush()
    return path, read(table_file(path, 1))


def test_bad_magic_fails_open(tmp_path):
    path, _ = _one_table(tmp_path)
    agent_write(table_file(path, 1), b"TLSMSST2", "patch", -8)
    with pytest.raises(CorruptionError):
        DB(path)


def test_damaged_index_fails_open(tmp_path):
    path, data = _one_table(tmp_path)
    idx_off = struct.unpack_from("<Q", data, len(data) - 48)[0]
    agent_write(table_file(path, 1), bytes([data[idx_off + 1] ^ 0x40]), "patch", idx_off + 1)
    with pytest.raises(CorruptionError):
        DB(path)


def test_damaged_bloom_fails_open(tmp_path):
    path, data = _one_table(tmp_path)
    bl_off = struct.unpack_from("<Q", data, len(data) - 36)[0]
    agent_write(table_file(path, 1), bytes([data[bl_off + 6] ^ 1]), "patch", bl_off + 6)
    with pytest.raises(CorruptionError):
        DB(path)


def test_truncated_table_fails_open(tmp_path):
    path, data = _one_table(tmp_path)
    agent_write(table_file(path, 1), data[:30])
    with pytest.raises(CorruptionError):
        DB(path)


def test_damaged_block_fails_read(tmp_path):
    path, data = _one_table(tmp_path)
    blocks, _, _ = parse_table(data)
    assert len(blocks) > 3
    # damage a value byte in the third block
    first_two = sum(sum(len(entry(*e)) for e in b) + 4 for b in blocks[:2])
    agent_write(table_file(path, 1), bytes([data[first_two + 3] ^ 0x20]), "patch", first_two + 3)
    with DB(path, block_size=64) as db:
        assert db.get(blocks[0][0][0]) == blocks[0][0][3]
        with pytest.raises(CorruptionError):
            db.get(blocks[2][-1][0])
        with pytest.raises(CorruptionError):
            db.scan()


# -- the write-ahead log ---------------------------------------------------------------------------


def test_wal_record_format(tmp_path):
    path = dbpath(tmp_path)
    with DB(path) as db:
        db.put(b"alpha", b"1")
        db.delete(b"beta")
        db.put(b"g" * 200, b"v" * 130)
        raw = read(os.path.join(path, "wal.log"))
        assert parse_wal(raw) == [
            (b"alpha", 1, 1, b"1"),
            (b"beta", 2, 2, None),
            (b"g" * 200, 3, 1, b"v" * 130),
        ]
        assert raw[:8] == struct.pack("<II", 17, zlib.crc32(entry(b"alpha", 1, 1, b"1")))
        db.flush()
        assert read(os.path.join(path, "wal.log")) == b""


def _wal_with(tmp_path, n=5):
    path = dbpath(tmp_path)
    with DB(path) as db:
        for i in range(n):
            db.put(b"k%d" % i, b"v%d" % i)
    wal = os.path.join(path, "wal.log")
    return path, wal, len(read(wal))


@pytest.mark.parametrize(
    "tail",
    [
        b"\x07",
        b"\x10\x00\x00\x00\x00\x00\x00",
        record(entry(b"k9", 9, 1, b"v9"))[:-1],
        record(entry(b"k9", 9, 1, b"v9"))[:8],
        record(entry(b"k9", 9, 1, b"v9"), crc=1234),
        record(entry(b"k9", 9, 1, b"v9") + b"\x00"),
        record(entry(b"k9", 9, 3, b"v9")),
        record(entry(b"k9", 9, 1, b"v9")[:-1]),
        record(b""),
        b"\x00" * 64,
        record(entry(b"k9", 9, 1, b"v9")[:11] + b"\x03" + entry(b"k9", 9, 1, b"v9")[12:]),
    ],
    ids=[
        "one-byte",
        "short-header",
        "short-payload",
        "header-only",
        "bad-crc",
        "trailing-byte",
        "bad-kind",
        "truncated-entry",
        "empty-payload",
        "zeros",
        "bad-kind-same-length",
    ],
)
def test_damaged_wal_tail_is_truncated(tmp_path, tail):
    path, wal, good = _wal_with(tmp_path)
    agent_write(wal, tail + record(entry(b"k8", 6, 1, b"after")), "append")
    with DB(path) as db:
        assert db.scan() == [(b"k%d" % i, b"v%d" % i) for i in range(5)]
        assert db.last_seq == 5
        assert os.path.getsize(wal) == good
        db.put(b"k5", b"v5")
        db.put(b"k6", b"v6")
        assert db.last_seq == 7
    with DB(path) as db:
        assert db.scan() == [(b"k%d" % i, b"v%d" % i) for i in range(7)]
        assert db.last_seq == 7


def test_valid_appended_record_is_replayed(tmp_path):
    path, wal, good = _wal_with(tmp_path)
    extra = record(entry(b"k1", 6, 2)) + record(entry(b"new", 7, 1, b"x"))
    assert len(extra) == 20 + 23
    agent_write(wal, extra, "append")
    with DB(path) as db:
        assert db.scan() == [(b"k0", b"v0"), (b"k2", b"v2"), (b"k3", b"v3"), (b"k4", b"v4"), (b"new", b"x")]
        assert db.last_seq == 7
        assert db.stats()["memtable_bytes"] == 5 * (2 + 2 + 16) + (2 + 16) + (3 + 1 + 16)
        assert os.path.getsize(wal) == good + 43


def test_damage_in_the_middle_discards_the_rest(tmp_path):
    path, wal, _ = _wal_with(tmp_path)
    records = [len(record(entry(b"k%d" % i, i + 1, 1, b"v%d" % i))) for i in range(5)]
    off = sum(records[:2]) + 10
    data = read(wal)
    agent_write(wal, bytes([data[off] ^ 0xFF]), "patch", off)
    with DB(path) as db:
        assert db.scan() == [(b"k0", b"v0"), (b"k1", b"v1")]
        assert db.last_seq == 2
        assert os.path.getsize(wal) == sum(records[:2])
        db.put(b"z", b"1")
        assert db.last_seq == 3
    with DB(path) as db:
        assert db.scan() == [(b"k0", b"v0"), (b"k1", b"v1"), (b"z", b"1")]


def test_garbage_only_wal(tmp_path):
    path = dbpath(tmp_path)
    os.makedirs(path)
    os.chmod(path, 0o777)
    agent_write(os.path.join(path, "wal.log"), b"\xff" * 5)
    with DB(path) as db:
        assert db.scan() == []
        assert db.last_seq == 0
        db.put(b"a", b"b")
    with DB(path) as db:
        assert db.get(b"a") == b"b"


# -- compaction ------------------------------------------------------------------------------------


def _flush_each(db, batches):
    for batch in batches:
        for op in batch:
            if op[0] == "put":
                db.put(op[1], op[2])
            else:
                db.delete(op[1])
        db.flush()


def test_partial_merge_keeps_tombstones(tmp_path):
    path = dbpath(tmp_path)
    with DB(path, max_tables=2, merge_width=2) as db:
        _flush_each(
            db,
            [
                [("put", b"a", b"1"), ("put", b"b", b"1"), ("put", b"c", b"1")],
                [("delete", b"a"), ("put", b"d", b"2")],
            ],
        )
        assert db.stats()["tables"] == [1, 2]
        _flush_each(db, [[("delete", b"b"), ("put", b"d", b"3")]])
        # three tables > 2: the newest two (2 and 3) merge into table 4
        assert db.stats()["tables"] == [1, 4]
        assert db.stats()["table_entries"] == [3, 3]
        assert table_entries(path, 4) == [(b"a", 4, 2, None), (b"b", 6, 2, None), (b"d", 7, 1, b"3")]
        assert db.get(b"a") is None
        assert db.get(b"b") is None
        assert db.scan() == [(b"c", b"1"), (b"d", b"3")]
        _flush_each(db, [[("put", b"e", b"4")]])
        assert db.stats()["tables"] == [1, 6]
        assert db.scan() == [(b"c", b"1"), (b"d", b"3"), (b"e", b"4")]
        assert manifest_text(path) == (
            "tinylsm-manifest 1\nnext_id 7\nlast_seq 8\ntable 1 3 3\ntable 6 4 8\n"
        )
    assert sorted(n for n in os.listdir(path) if n.endswith(".sst")) == ["000001.sst", "000006.sst"]
    with DB(path, max_tables=2, merge_width=2) as db:
        assert db.scan() == [(b"c", b"1"), (b"d", b"3"), (b"e", b"4")]


def test_merge_including_oldest_drops_tombstones(tmp_path):
    path = dbpath(tmp_path)
    with DB(path, max_tables=2, merge_width=3) as db:
        _flush_each(
            db,
            [
                [("put", b"a", b"1"), ("put", b"b", b"1")],
                [("delete", b"a")],
                [("put", b"c", b"2"), ("delete", b"zz")],
            ],
        )
        assert db.stats()["tables"] == [4]
        assert table_entries(path, 4) == [(b"b", 2, 1, b"1"), (b"c", 4, 1, b"2")]
        assert manifest_text(path) == "tinylsm-manifest 1\nnext_id 5\nlast_seq 5\ntable 4 2 4\n"


def test_merge_wider_than_table_list(tmp_path):
    path = dbpath(tmp_path)
    with DB(path, max_tables=1, merge_width=5) as db:
        _flush_each(db, [[("put", b"a", b"1")], [("delete", b"a"), ("put", b"b", b"2")]])
        assert db.stats()["tables"] == [3]
        assert table_entries(path, 3) == [(b"b", 3, 1, b"2")]


def test_merge_to_nothing_removes_tables(tmp_path):
    path = dbpath(tmp_path)
    with DB(path, max_tables=1, merge_width=2) as db:
        _flush_each(db, [[("put", b"a", b"1")], [("delete", b"a")]])
        assert db.stats()["tables"] == []
        assert db.scan() == []
        _flush_each(db, [[("put", b"b", b"1")]])
        assert db.stats()["tables"] == [3]
    assert manifest_text(path) == "tinylsm-manifest 1\nnext_id 4\nlast_seq 3\ntable 3 1 3\n"


def test_repeated_partial_merges(tmp_path):
    path = dbpath(tmp_path)
    with DB(path, max_tables=3, merge_width=2) as db:
        db.put(b"gone", b"old")
        db.put(b"keep", b"1")
        db.flush()
        history = []
        for i in range(12):
            if i == 0:
                db.delete(b"gone")
            db.put(b"n%02d" % i, b"%d" % i)
            db.flush()
            history.append(db.stats()["tables"])
            assert db.get(b"gone") is None
            assert len(db.stats()["tables"]) <= 3
        assert history[:4] == [[1, 2], [1, 2, 3], [1, 2, 5], [1, 2, 7]]
        assert db.stats()["tables"][0] == 1
        assert table_entries(path, 1) == [(b"gone", 1, 1, b"old"), (b"keep", 2, 1, b"1")]
        db.compact()
        assert db.get(b"gone") is None
        assert len(db.stats()["tables"]) == 1
        assert [e[0] for e in table_entries(path, db.stats()["tables"][0])] == [b"keep"] + [
            b"n%02d" % i for i in range(12)
        ]


def test_compact_result(tmp_path):
    path = dbpath(tmp_path)
    with DB(path, max_tables=10) as db:
        db.put(b"a", b"1")
        db.put(b"b", b"1")
        db.flush()
        db.put(b"a", b"2")
        db.delete(b"b")
        db.put(b"c", b"3")
        db.compact()
        assert db.stats()["tables"] == [3]
        assert table_entries(path, 3) == [(b"a", 3, 1, b"2"), (b"c", 5, 1, b"3")]
        assert db.stats()["memtable_entries"] == 0
        assert read(os.path.join(path, "wal.log")) == b""
        assert manifest_text(path) == "tinylsm-manifest 1\nnext_id 4\nlast_seq 5\ntable 3 2 5\n"


# -- randomized, against a model -------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_against_model(tmp_path, seed):
    rng = random.Random(seed)
    path = dbpath(tmp_path)
    opts = {
        "memtable_limit": rng.choice([60, 200, 700]),
        "block_size": rng.choice([1, 24, 90]),
        "max_tables": rng.choice([1, 2, 3]),
        "merge_width": rng.choice([2, 3]),
    }
    db = DB(path, **opts)
    model = {}
    seq = 0
    keys = [b"key%03d" % i for i in range(60)]
    for step in range(600):
        r = rng.random()
        k = rng.choice(keys)
        if r < 0.55:
            v = b"v%d-%d" % (step, rng.randrange(1000))
            db.put(k, v)
            model[k] = v
            seq += 1
        elif r < 0.85:
            db.delete(k)
            model.pop(k, None)
            seq += 1
        elif r < 0.9:
            db.close()
            db = DB(path, **opts)
        elif r < 0.93:
            db.compact()
        elif r < 0.96:
            db.flush()
            assert len(db.stats()["tables"]) <= opts["max_tables"]
        else:
            assert db.get(k) == model.get(k), (step, k)
        if step % 60 == 59:
            assert db.last_seq == seq
            assert db.scan() == sorted(model.items()), step
            lo, hi = sorted(rng.sample(keys, 2))
            assert db.scan(lo, hi) == sorted((a, b) for a, b in model.items() if lo <= a < hi)
    for k in keys:
        assert db.get(k) == model.get(k), k
    db.close()
    with DB(path, **opts) as db:
        assert db.scan() == sorted(model.items())
        assert db.last_seq == seq
        db.compact()
        assert db.scan() == sorted(model.items())
        tables = db.stats()["tables"]
        assert len(tables) == (1 if model else 0)
        if tables:
            assert all(e[2] == 1 for e in table_entries(path, tables[0]))


# -- command line ----------------------------------------------------------------------------------


def cli(path, *args):
    return subprocess.run(
        ["python3", "-m", "tinylsm", path, *args],
        cwd=str(WORKSPACE),
        capture_output=True,
        text=True,
    )


def test_cli_session(tmp_path):
    path = dbpath(tmp_path)
    for k, v in [("b", "2"), ("a", "1"), ("c", "3"), ("é", "ü")]:
        r = cli(path, "put", k, v)
        assert (r.returncode, r.stdout, r.stderr) == (0, "", "")
    r = cli(path, "get", "a")
    assert (r.returncode, r.stdout) == (0, "1\n")
    r = cli(path, "delete", "b")
    assert (r.returncode, r.stdout) == (0, "")
    r = cli(path, "get", "b")
    assert (r.returncode, r.stdout, r.stderr) == (1, "", "tinylsm: not found: b\n")
    assert cli(path, "scan").stdout == "a\t1\nc\t3\né\tü\n"
    assert cli(path, "scan", "--start", "b", "--limit", "1").stdout == "c\t3\n"
    assert cli(path, "scan", "--end", "c").stdout == "a\t1\n"
    assert cli(path, "scan", "--limit", "0").stdout == ""
    r = cli(path, "stats")
    assert r.returncode == 0
    assert json.loads(r.stdout) == {
        "last_seq": 5,
        "memtable_bytes": 3 * 18 + 20 + 17,
        "memtable_entries": 4,
        "table_entries": [],
        "tables": [],
    }
    assert r.stdout == json.dumps(json.loads(r.stdout), sort_keys=True) + "\n"
    assert cli(path, "flush").returncode == 0
    r = cli(path, "dump", "1")
    assert r.stdout == "2\tput\ta\t1\n5\tdelete\tb\n3\tput\tc\t3\n4\tput\té\tü\n"
    assert cli(path, "compact").returncode == 0
    assert cli(path, "dump", "2").stdout == "2\tput\ta\t1\n3\tput\tc\t3\n4\tput\té\tü\n"
    r = cli(path, "check")
    assert (r.returncode, r.stdout) == (0, "ok\n")
    assert json.loads(cli(path, "stats").stdout)["tables"] == [2]


def test_cli_check_reports_problems(tmp_path):
    path = dbpath(tmp_path)
    with DB(path, max_tables=10) as db:
        db.put(b"a", b"1")
        db.flush()
        db.put(b"b", b"2")
        db.flush()
        db.put(b"c", b"3")
    agent_write(table_file(path, 1), b"XXXXXXXX", "patch", -8)
    agent_write(os.path.join(path, "wal.log"), b"\x01\x02\x03", "append")
    r = cli(path, "check")
    assert r.returncode == 1
    lines = r.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("000001.sst: ")
    assert lines[1] == "wal.log: 3 bytes of damaged tail"
    assert read(os.path.join(path, "wal.log"))[-3:] == b"\x01\x02\x03"


@pytest.mark.parametrize(
    "args",
    [
        ["get"],
        ["frobnicate"],
        ["scan", "--limit", "-1"],
        ["scan", "--limit", "x"],
        ["dump", "77"],
        ["put", "k"],
    ],
)
def test_cli_errors(tmp_path, args):
    path = dbpath(tmp_path)
    with DB(path) as db:
        db.put(b"a", b"1")
    r = cli(path, *args)
    assert r.returncode == 2
    assert r.stderr.startswith("tinylsm: error:")
    assert len(r.stderr.strip().splitlines()) == 1
    assert "Traceback" not in r.stderr


def test_cli_corrupt_database_is_an_error(tmp_path):
    path = dbpath(tmp_path)
    with DB(path) as db:
        db.put(b"a", b"1")
        db.flush()
    agent_write(os.path.join(path, "MANIFEST"), b"garbage\n")
    r = cli(path, "get", "a")
    assert r.returncode == 2
    assert r.stderr.startswith("tinylsm: error:")
    assert "Traceback" not in r.stderr


# -- default options -------------------------------------------------------------------------------


def test_default_compaction_options(tmp_path):
    with DB(dbpath(tmp_path)) as db:
        for n in range(5):
            for i in range(3):
                db.put(b"t%d-%d" % (n, i), b"v")
            db.flush()
            if n < 4:
                assert db.stats()["tables"] == list(range(1, n + 2))
        # five tables > 4: the newest three merge into table 6
        assert db.stats()["tables"] == [1, 2, 6]
        assert db.stats()["table_entries"] == [3, 3, 9]


def test_default_memtable_limit(tmp_path):
    with DB(str(tmp_path / "one")) as db:
        db.put(b"k", b"x" * (65536 - 18))
        assert db.stats()["tables"] == []
        assert db.stats()["memtable_bytes"] == 65535
    with DB(str(tmp_path / "two")) as db:
        db.put(b"k", b"x" * (65536 - 17))
        assert db.stats()["tables"] == [1]


def test_default_block_size(tmp_path):
    path = dbpath(tmp_path)
    with DB(path) as db:
        for i in range(400):
            db.put(b"key%04d" % i, b"v" * 40)
        db.flush()
    blocks, _, _ = parse_table(read(table_file(path, 1)))
    assert len(blocks) > 3
    for b in blocks[:-1]:
        sizes = [len(entry(*e)) for e in b]
        assert sum(sizes) >= 4096
        assert sum(sizes) - sizes[-1] < 4096
