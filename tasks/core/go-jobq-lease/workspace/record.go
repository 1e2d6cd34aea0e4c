package jobq

import (
	"fmt"
	"hash/crc32"
	"strconv"
	"strings"
)

// Record kinds (SPEC.md, "Journal").
const (
	opEnqueue = 'E'
	opReserve = 'R'
	opAck     = 'A'
	opNack    = 'N'
	opExtend  = 'X'
	opCancel  = 'C'
)

// record is one journaled mutation. Replaying the records of a journal in
// order, with the same Options, rebuilds the queue's state exactly.
type record struct {
	op       byte
	id       int64
	at       int64
	priority int    // E
	readyAt  int64  // E
	payload  []byte // E
	token    int64  // R A N X
	deadline int64  // R X
	worker   string // R
	reason   string // N
}

// encodeField escapes a byte string for the journal: the empty string is "-";
// otherwise every byte outside '!'..'~', and every '-', becomes %XX
// with two upper-case hex digits.
func encodeField(b []byte) string {
	if len(b) == 0 {
		return "-"
	}
	var sb strings.Builder
	for _, c := range b {
		if c <= ' ' || c >= 0x7f || c == '-' {
			fmt.Fprintf(&sb, "%%%02X", c)
			continue
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// decodeField reverses encodeField.
func decodeField(s string) ([]byte, error) {
	if s == "-" {
		return []byte{}, nil
	}
	if s == "" {
		return nil, fmt.Errorf("empty field")
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '%' && i+2 < len(s) {
			hi, ok1 := unhex(s[i+1])
			lo, ok2 := unhex(s[i+2])
			if ok1 && ok2 {
				out = append(out, hi<<4|lo)
				i += 2
				continue
			}
		}
		if c <= ' ' || c >= 0x7f {
			return nil, fmt.Errorf("unescaped byte")
		}
		out = append(out, c)
	}
	return out, nil
}

func (r record) body() string {
	head := fmt.Sprintf("%c %d %d", r.op, r.id, r.at)
	switch r.op {
	case opEnqueue:
		return fmt.Sprintf("%s %d %d %s", head, r.priority, r.readyAt, encodeField(r.payload))
	case opReserve:
		return fmt.Sprintf("%s %d %d %s", head, r.token, r.deadline, encodeField([]byte(r.worker)))
	case opAck:
		return fmt.Sprintf("%s %d", head, r.token)
	case opNack:
		return fmt.Sprintf("%s %d %s", head, r.token, encodeField([]byte(r.reason)))
	case opExtend:
		return fmt.Sprintf("%s %d %d", head, r.token, r.deadline)
	}
	return head
}

// line is the full journal line for r, newline included.
func (r record) line() string {
	b := r.body()
	return fmt.Sprintf("%08x %s\n", crc32.ChecksumIEEE([]byte(b)), b)
}

var fieldCount = map[byte]int{
	opEnqueue: 6, opReserve: 6, opAck: 4, opNack: 5, opExtend: 5, opCancel: 3,
}

func parseInt(s string) (int64, error) {
	return strconv.ParseInt(s, 10, 64)
}

// parseLine parses one journal line without its newline.
func parseLine(line string) (record, error) {
	var r record
	if len(line) < 10 || line[8] != ' ' {
		return r, fmt.Errorf("short line")
	}
	sum, err := strconv.ParseUint(line[:8], 16, 32)
	if err != nil || strings.ToLower(line[:8]) != line[:8] {
		return r, fmt.Errorf("bad checksum field")
	}
	body := line[9:]
	if uint32(sum) != crc32.ChecksumIEEE([]byte(body)) {
		return r, fmt.Errorf("checksum mismatch")
	}
	f := strings.Split(body, " ")
	if len(f[0]) != 1 {
		return r, fmt.Errorf("bad op")
	}
	r.op = f[0][0]
	n, ok := fieldCount[r.op]
	if !ok || len(f) != n {
		return r, fmt.Errorf("bad field count")
	}
	nums := make([]int64, 0, 4)
	for i := 1; i < n; i++ {
		if (r.op == opEnqueue || r.op == opReserve || r.op == opNack) && i == n-1 {
			break
		}
		v, err := parseInt(f[i])
		if err != nil {
			return r, err
		}
		nums = append(nums, v)
	}
	r.id, r.at = nums[0], nums[1]
	switch r.op {
	case opEnqueue:
		r.priority, r.readyAt = int(nums[2]), nums[3]
		r.payload, err = decodeField(f[5])
	case opReserve:
		r.token, r.deadline = nums[2], nums[3]
		var w []byte
		w, err = decodeField(f[5])
		r.worker = string(w)
	case opAck:
		r.token = nums[2]
	case opNack:
		r.token = nums[2]
		var w []byte
		w, err = decodeField(f[4])
		r.reason = string(w)
	case opExtend:
		r.token, r.deadline = nums[2], nums[3]
	}
	return r, err
}
