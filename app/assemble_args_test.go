package main

import (
	"errors"
	"flag"
	"io"
	"strings"
	"testing"

	"rushcut/app/assemble"
	"rushcut/app/edit"
)

// TestParseAssembleArgs: flags and inputs mix; --format and the extension
// name the formats as NLEs do; --drop-frame either way is kept, absent
// means "follow the sources"; usage errors are errors.
func TestParseAssembleArgs(t *testing.T) {
	o, in, err := parseAssembleArgs([]string{"a.mov", "-o", "cut.fcpxml", "--rate", "23.976", "b", "--drop-frame=false", "--cdl", "grades", "--ccc"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(in, " ") != "a.mov b" || o.Format != assemble.FCPXML || o.Rate != edit.Rate23976 || o.DropFrame == nil || *o.DropFrame ||
		o.CDLDir != "grades" || !o.CDLCollection || o.Audio != "AA" || o.RecordStart != "01:00:00:00" {
		t.Errorf("parsed %+v %v", o, in)
	}
	o, _, err = parseAssembleArgs([]string{"x", "-o", "cut.xml", "--audio", "a1"}, io.Discard)
	if err != nil || o.Format != assemble.XMEML || o.DropFrame != nil || o.Audio != "A" {
		t.Errorf("cut.xml: %+v %v", o, err)
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "no input"},
		{[]string{"x"}, "missing -o"},
		{[]string{"x", "-o", "x.mp4"}, "cannot tell the format"},
		{[]string{"x", "-o", "x.edl", "--format", "aaf"}, "unknown format"},
		{[]string{"x", "-o", "-"}, "needs --format"},
		{[]string{"x", "-o", "x.edl", "--rate", "fast"}, "--rate"},
		{[]string{"x", "-o", "x.edl", "--audio", "A3"}, "--audio"},
		{[]string{"x", "-o", "x.edl", "--bogus"}, "flag provided but not defined"},
		{[]string{"x", "-o", "x.edl", "--ccc"}, "--ccc needs --cdl"},
	} {
		_, _, err := parseAssembleArgs(tt.args, io.Discard)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: %v, want %q", tt.args, err, tt.want)
		}
	}
	if _, _, err := parseAssembleArgs([]string{"-h"}, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v", err)
	}
}
