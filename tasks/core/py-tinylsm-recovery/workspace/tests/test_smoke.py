from tinylsm import DB


def test_put_get_delete(tmp_path):
    with DB(str(tmp_path / "db")) as db:
        db.put(b"a", b"1")
        db.put(b"b", b"2")
        db.delete(b"a")
        assert db.get(b"a") is None
        assert db.get(b"b") == b"2"
        assert db.scan() == [(b"b", b"2")]


def test_reopen_keeps_unflushed_writes(tmp_path):
    path = str(tmp_path / "db")
    with DB(path) as db:
        db.put(b"k", b"v")
    with DB(path) as db:
        assert db.get(b"k") == b"v"
        assert db.last_seq == 1


def test_flush_and_compact(tmp_path):
    with DB(str(tmp_path / "db")) as db:
        for i in range(20):
            db.put(b"key%02d" % i, b"value%d" % i)
        db.flush()
        assert db.stats()["tables"] == [1]
        db.compact()
        assert db.scan(b"key05", b"key08") == [
            (b"key05", b"value5"),
            (b"key06", b"value6"),
            (b"key07", b"value7"),
        ]
