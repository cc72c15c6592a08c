package otio

import (
	"reflect"
	"testing"

	"rushcut/app/edit"
)

func TestItemMetadata(t *testing.T) {
	tl := fixture()
	v1 := tl.Tracks[0]
	c := v1.Items[0].(*edit.Clip)
	c.ID = "c1"
	c.Provenance = &edit.Provenance{Suggestion: "trim-3f9a2c10", Cue: "clap", Model: "takes/1", Confidence: 0.75}
	c.Metadata = edit.Metadata{"note": "from the rough cut"}
	v1.Items[3].(*edit.Gap).ID = "g1"
	w := v1.Items[5].(*edit.Transition)
	w.ID = "t2"
	doc := decode(t, mustMarshal(t, tl))
	items := doc["tracks"].(obj)["children"].([]any)[0].(obj)["children"].([]any)
	rc := func(i int) any { return items[i].(obj)["metadata"].(obj)["rushcut"] }
	want := obj{"id": "c1", "metadata": obj{"note": "from the rough cut"},
		"provenance": obj{"suggestion": "trim-3f9a2c10", "cue": "clap", "model": "takes/1", "confidence": 0.75}}
	if got := rc(0); !reflect.DeepEqual(got, want) {
		t.Errorf("clip metadata.rushcut = %v, want %v", got, want)
	}
	if got := rc(3); !reflect.DeepEqual(got, obj{"id": "g1"}) {
		t.Errorf("gap metadata.rushcut = %v", got)
	}
	if got := rc(5); !reflect.DeepEqual(got, obj{"id": "t2", "wipe_code": 1.0}) {
		t.Errorf("wipe metadata.rushcut = %v", got)
	}
	if got := rc(2); got != nil {
		t.Errorf("clip without ID or provenance has metadata.rushcut %v", got)
	}
}

func mustMarshal(t *testing.T, tl *edit.Timeline) []byte {
	t.Helper()
	b, err := Marshal(tl)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
