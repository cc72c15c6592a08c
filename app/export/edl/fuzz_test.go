package edl

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"rushcut/app/edit"
)

// FuzzRead feeds arbitrary text to Read. It must never panic, nor may
// List.Timeline on what it read; and a list that reads and validates must
// write back to text that reads to the same list.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.edl")
	more, _ := filepath.Glob("testdata/otio/*.edl")
	files = append(files, more...)
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, uint8(0))
			f.Add(b, uint8(3))
		}
	}
	for _, s := range []string{
		"", "TITLE:", "FCM: DROP FRAME", "001", "001 A V C", "M2 A 1 2 3",
		head + "001  A V C 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n",
		head + "001  A V C 00:00:00:00 00:00:00:00 01:00:00:00 01:00:00:00\n001  B V W999 999 00:00:00:00 00:00:01:00 01:00:00:00 01:00:01:00\n",
		"001  A V C 23:59:59:29 23:59:59;29 23:59:59:29 00:00:00:00\n* LOC: 00:00:00:00\n",
		head + "001  A V C 00:00:00:00 00:00:02:00 01:00:00:00 01:00:01:00\nM2   A  -050.0  00:00:00:00\n* SOURCE RATE: 0/0\n",
		head + "001  A V C 10:00:00:00 10:00:01:00 01:00:00:00 01:00:01:00\n* SOURCE RATE: 120/1\n",
		head + "001  A V C 10:00:00:000 10:00:01:001 01:00:00:00 01:00:01:00\n* SOURCE RATE: 120000/1001\n",
	} {
		f.Add([]byte(s), uint8(1))
	}
	f.Add([]byte(head+"001  A V D 012 10:00:00:00 10:00:01:00 01:00:00:00 01:00:01:00\n"), uint8(8))
	rates := []edit.Rate{edit.Rate24, edit.Rate25, edit.Rate2997, edit.Rate23976, edit.Rate5994, edit.Rate50, edit.Rate30, edit.Rate60, {Num: 120, Den: 1}}
	f.Fuzz(func(t *testing.T, data []byte, ri uint8) {
		rate := rates[int(ri)%len(rates)]
		l, err := Read(bytes.NewReader(data), rate)
		if err != nil {
			return
		}
		l.Timeline(nil) // may refuse, must not panic
		if l.Validate() != nil {
			return
		}
		text, err := l.Bytes()
		if err != nil {
			t.Fatalf("valid list does not write: %v", err)
		}
		back, err := Read(bytes.NewReader(text), rate)
		if err != nil {
			t.Fatalf("written list does not read: %v\n%s", err, text)
		}
		if d := diffLists(l, back); d != "" {
			t.Fatalf("rewrite differs: %s\n%s", d, text)
		}
	})
}
