package rough

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"rushcut/app/analysis"
	"rushcut/media/mediatest"
	"rushcut/models/modeltest"
)

// TestSetupsRealFootageNoTimecode groups real footage cut into files
// with neither timecode nor slate, as a folder of phone clips or
// exports arrives: stills panned, the street of vtest.avi (two takes:
// other moments of the same camera, one regraded warm), tree.avi. Truth by
// construction. Before the similarity clusters, every such folder was one
// setup and its rough cut a single clip.
func TestSetupsRealFootageNoTimecode(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses real footage with the ViT")
	}
	vtest, tree := mediatest.OpencvData(t, "vtest.avi"), mediatest.OpencvData(t, "tree.avi")
	still := func(name, file, path string) string {
		return mediatest.FFmpeg(t, name, "-loop", "1", "-i", mediatest.OpencvData(t, file), "-vf",
			"scale=960:-2,crop=320:180:'40+n*2':'"+path+"',trim=end_frame=100,setpts=N/25/TB,format=yuv420p",
			"-r", "25", "-c:v", "libx264", "-crf", "20")
	}
	street := func(name string, from int, grade string) string {
		vf := "trim=start_frame=" + itoa(from) + ":end_frame=" + itoa(from+100) + ",setpts=N/25/TB,scale=320:180,setsar=1"
		if grade != "" {
			vf += "," + grade
		}
		return mediatest.FFmpeg(t, name, "-i", vtest, "-vf", vf+",format=yuv420p", "-r", "25", "-c:v", "libx264", "-crf", "20")
	}
	trees := mediatest.FFmpeg(t, "tree.mp4", "-i", tree, "-vf", "setpts=N/25/TB,scale=320:180,setsar=1,format=yuv420p", "-r", "25", "-c:v", "libx264", "-crf", "20")
	starry := still("starry.mp4", "starry_night.jpg", "60+6*sin(n*0.9)")
	building := still("building.mp4", "building.jpg", "80")
	s1, s2, s3 := street("s1.mp4", 0, ""), street("s2.mp4", 300, "lutrgb=r='val*1.15':b='val*0.85'"), street("s3.mp4", 150, "")

	opt := analysis.Options{CacheDir: t.TempDir(), Embedder: modeltest.ShippedViT(t)}
	report := map[string]*TakeReport{}
	for _, f := range []string{starry, building, s1, s2, s3, trees} {
		r, err := AnalyzeTake(context.Background(), f, opt, nil)
		if err != nil {
			t.Fatal(err)
		}
		report[f] = r
	}
	for _, day := range []struct {
		name  string
		files []string
		truth []int
	}{
		{"mixed", []string{starry, s1, s2, trees, building}, []int{0, 1, 1, 2, 3}},
		{"all different", []string{starry, s1, trees, building}, []int{0, 1, 2, 3}},
		{"one setup", []string{s1, s3, s2}, []int{0, 0, 0}},
	} {
		var rs []*TakeReport
		for i, f := range day.files {
			r := *report[f]
			r.Path = filepath.Join("/day", "A001_C00"+itoa(i+1)+".mp4") // shooting order = the day's order
			rs = append(rs, &r)
		}
		got := setupOf(len(rs), GroupSetups(rs))
		if !samePartition(got, day.truth) {
			t.Errorf("%s: setups %v, want %v", day.name, got, day.truth)
		}
		for k := 1; k < len(rs); k++ {
			t.Logf("%s: similarity %d–%d %.3f; halves of %d %.3f", day.name, k-1, k, pictureSimilarity(rs[k-1], rs[k]), k, rs[k].SelfSimilarity)
		}
	}
}

func pictureSimilarity(a, b *TakeReport) float64 { s, _ := similarity(a, b); return s }

func itoa(i int) string { return fmt.Sprint(i) }
